// The merchant's journey and outreach rules in the console: read (defaults filled in), taken from the form, checked
// per field, saved — and a step's message rendered for the preview before anything is saved.
import { eq } from 'drizzle-orm';
import { STEP_CHANNELS, STEP_KINDS, STEP_LOCALES, type Step, type StepLocale, type Words } from '../../domain/outreach/journey';
import { journeyCosts } from '../../domain/outreach/journey-costs';
import { MAX_SMS_PARTS, smsSegments, type Encoding } from '../../domain/outreach/sms-segments';
import type { Channel } from '../../domain/outreach/channels';
import { DEFAULT_SEND_WINDOW, localDay } from '../../domain/outreach/send-window';
import { checkOutreach, outreachOf, type OutreachSettings } from '../../domain/outreach/settings';
import { TONES, type Tone } from '../../domain/tone';
import { config } from '../config';
import type { Scope } from '../accounts/scope';
import type { Db } from '../db/client';
import { merchants } from '../db/schema';
import { composeStep } from './compose';
import { withLinks } from './mail';
import { merchantOutreachColumns } from './plan';
import type { DebtorSituation } from './situations';

export async function of(db: Db, scope: Scope) {
	const [m] = await db.select(merchantOutreachColumns).from(merchants).where(eq(merchants.id, scope.merchantId));
	return { merchant: m, settings: outreachOf(m.outreach) };
}

export async function save(db: Db, scope: Scope, s: OutreachSettings) {
	await db.update(merchants).set({ outreach: s }).where(eq(merchants.id, scope.merchantId));
}

const num = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? NaN : Number(String(v).trim()));
const text = (v: FormDataEntryValue | null) => String(v ?? '').replace(/\r\n/g, '\n');
/** A price in euros as people write it ("0,08", "1.25"); empty is free; anything else NaN, for the check to name. */
const cents = (v: FormDataEntryValue | null) => {
	const s = String(v ?? '')
		.trim()
		.replace(/^€\s*/, '');
	if (s === '') return 0;
	const m = /^(\d{1,4})(?:[.,](\d{1,2}))?$/.exec(s);
	return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : NaN;
};

/** The settings as the form has them, unchecked: numbers that are not numbers stay NaN, for the check to name. */
export function fromForm(form: FormData): OutreachSettings {
	const count = Math.min(Number(form.get('stepCount') ?? 0) || 0, 20);
	const steps: Step[] = [];
	for (let i = 0; i < count; i++) {
		const f = (name: string) => form.get(`step-${i}-${name}`);
		if (f('remove') === 'on') continue;
		const words: Partial<Record<StepLocale, Words>> = {};
		for (const l of STEP_LOCALES) {
			const subject = text(f(`${l}-subject`));
			const body = text(f(`${l}-body`));
			const sms = text(f(`${l}-sms`)).trim();
			if (subject.trim() || body.trim() || sms) words[l] = { subject, body, ...(sms ? { sms } : {}) };
		}
		const kind = STEP_KINDS.find((k) => k === f('kind')) ?? 'reminder';
		const tone = [...TONES, 'merchant'].find((t) => t === f('tone')) ?? 'merchant';
		steps.push({
			id: String(f('id') ?? '').trim() || `step-${Date.now().toString(36)}-${i}`,
			kind,
			after: { days: num(f('days')), from: f('from') === 'previous' ? 'previous' : 'due' },
			channel: STEP_CHANNELS.find((c) => c === f('channel')) ?? 'preferred',
			tone: tone as Tone | 'merchant',
			words
		});
	}
	if (form.get('addStep') !== null)
		steps.push({
			id: `step-${Date.now().toString(36)}`,
			kind: 'reminder',
			after: { days: (steps.at(-1)?.after.days ?? 0) + 7, from: 'due' },
			channel: 'preferred',
			tone: 'merchant',
			words: {}
		});
	const creditorName = text(form.get('creditorName')).trim();
	const creditorId = text(form.get('creditorId')).trim();
	return {
		journey: { steps },
		policy: {
			window: {
				timeZone: text(form.get('timeZone')).trim() || 'Europe/Amsterdam',
				startHour: num(form.get('startHour')),
				endHour: num(form.get('endHour')),
				sundays: form.get('sundays') === 'on'
			},
			weeklyCap: num(form.get('weeklyCap')),
			noticeDays: num(form.get('noticeDays')),
			reminderDays: num(form.get('reminderDays')),
			collectionCosts: form.get('collectionCosts') === 'on',
			costs: { smsCents: cents(form.get('smsCost')), letterCents: cents(form.get('letterCost')) },
			creditor: { name: creditorName || null, id: creditorId || null }
		}
	};
}

/** The policy's names for the prices, as the form names its fields. */
const POLICY_FIELDS: Record<string, string> = { smsCents: 'smsCost', letterCents: 'letterCost' };

/** Each problem on the form field it belongs to, as a copy key and what it names. */
export function problemsOf(s: OutreachSettings): Record<string, { key: string; detail?: string }> {
	const out: Record<string, { key: string; detail?: string }> = {};
	for (const issue of checkOutreach(s)) {
		const field =
			issue.step === null
				? (POLICY_FIELDS[issue.field ?? ''] ?? issue.field ?? 'steps')
				: `step-${issue.step}${issue.field ? `-${issue.field.replace('.', '-')}` : ''}`;
		out[field] ??= { key: `outreach_problem_${issue.problem}`, ...('detail' in issue && issue.detail ? { detail: issue.detail } : {}) };
	}
	return out;
}

type Merchant = Awaited<ReturnType<typeof of>>['merchant'];

/** The made-up debtor every preview is written for: two open invoices, reachable every way. */
function sampleDebtor(m: Merchant, locale: StepLocale): DebtorSituation {
	return {
		debtorId: 'preview',
		merchantId: m.id,
		name: locale === 'nl' ? 'Sanne de Vries' : 'Emma Clarke',
		email: 'voorbeeld@example.nl',
		phone: '+31612345678',
		postalAddress: null,
		pushable: false,
		preferredChannel: null,
		locale,
		paused: false,
		bounced: false,
		stopped: false,
		phoneFailed: false,
		smsStopped: false,
		claims: [
			{
				id: 'c1',
				dueOn: '2026-10-15',
				amountCents: 4_995,
				reference: 'F-2026-101',
				description: locale === 'nl' ? 'Abonnement oktober' : 'October subscription',
				currency: 'EUR',
				kind: 'invoice',
				disputed: false,
				inPlanOnTrack: false,
				promisedUntil: null
			},
			{
				id: 'c2',
				dueOn: '2026-10-29',
				amountCents: 7_450,
				reference: 'F-2026-117',
				description: locale === 'nl' ? 'Fietsonderhoud' : 'Bike service',
				currency: 'EUR',
				kind: 'invoice',
				disputed: false,
				inPlanOnTrack: false,
				promisedUntil: null
			}
		],
		progress: null,
		episode: 1,
		sentToday: 0,
		sentThisWeek: 0,
		plan: null,
		promise: null,
		tags: [],
		segment: null
	};
}

/** A step's message for a made-up debtor, in a language and tone, exactly as the sender would render it. */
export async function preview(m: Merchant, step: Step, locale: StepLocale, tone: Tone) {
	const sample = sampleDebtor(m, locale);
	const composed = await composeStep(
		m,
		sample,
		{ ...step, tone },
		['c1', 'c2'],
		localDay(new Date(), DEFAULT_SEND_WINDOW.timeZone),
		config().origin
	);
	return withLinks(composed, '#', '#');
}

export type SmsInfo = { text: string; parts: number; encoding: Encoding; tooLong: boolean };

/** A step as a text message for the made-up debtor: the text with a link of real length, and its SMS parts. */
export async function smsOf(m: Merchant, step: Step, locale: StepLocale): Promise<SmsInfo | null> {
	if (step.kind === 'fourteen_day' || step.channel === 'email' || step.channel === 'letter') return null;
	const tone = step.tone === 'merchant' ? m.tone : step.tone;
	const composed = await composeStep(
		m,
		sampleDebtor(m, locale),
		{ ...step, tone },
		['c1', 'c2'],
		localDay(new Date(), DEFAULT_SEND_WINDOW.timeZone),
		config().origin,
		'sms'
	);
	const text = withLinks(composed, `${config().origin}/d/${'x'.repeat(27)}`, '#').text;
	const { parts, encoding } = smsSegments(text);
	return { text, parts, encoding, tooLong: parts > MAX_SMS_PARTS };
}

/** Every step's text message per language (null where a step never goes by SMS). */
export async function smsOfJourney(m: Merchant, s: OutreachSettings) {
	return Promise.all(
		s.journey.steps.map(async (step) =>
			Object.fromEntries(await Promise.all(STEP_LOCALES.map(async (l) => [l, await smsOf(m, step, l)] as const)))
		)
	) as Promise<Record<StepLocale, SmsInfo | null>[]>;
}

/** A text longer than the cap of parts, on the field of the step and language it is in. */
export function smsProblems(sms: Record<StepLocale, SmsInfo | null>[]): Record<string, { key: string }> {
	const out: Record<string, { key: string }> = {};
	sms.forEach((byLocale, i) => {
		for (const l of STEP_LOCALES) if (byLocale[l]?.tooLong) out[`step-${i}-${l}-sms`] = { key: 'outreach_problem_sms_parts' };
	});
	return out;
}

/** What the journey costs per debtor who goes through all of it, by how they prefer to be reached. */
export function costsOf(s: OutreachSettings, sms: Record<StepLocale, SmsInfo | null>[]) {
	const parts = sms.map((byLocale) => Math.max(1, ...STEP_LOCALES.map((l) => byLocale[l]?.parts ?? 1)));
	const prices = s.policy.costs;
	const safe = {
		smsCents: Number.isFinite(prices.smsCents) ? prices.smsCents : 0,
		letterCents: Number.isFinite(prices.letterCents) ? prices.letterCents : 0
	};
	return (['email', 'sms', 'letter'] as Channel[]).map((preferred) => ({ preferred, ...journeyCosts(s.journey, preferred, safe, parts) }));
}

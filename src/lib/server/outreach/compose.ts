// A message's facts from what the outreach knows of a debtor and their merchant: which claims it names and the
// values its words use (amounts, dates, the schedule, the mandate), then rendered as an e-mail.
import { toned } from '../../copy';
import { statutoryCollectionCosts } from '../../domain/outreach/collection-costs';
import { REQUIRED_NOTICES, type NoticeKind, type OutreachPolicy } from '../../domain/outreach/notices';
import type { Step, StepLocale } from '../../domain/outreach/journey';
import { termEndsOn } from '../../domain/outreach/planner';
import { formatDay } from '../../domain/format';
import { formatMoney } from '../../domain/money';
import type { Tone } from '../../domain/tone';
import { toLocale, type Locale } from '../../schemas/locale';
import { toBrand } from '../merchants/brand';
import type { Channel } from '../../domain/outreach/channels';
import { mailSubject, renderMail, type Mail, type MailFacts, type MailKind } from './mail';
import { renderText } from './text';
import type { DebtorSituation, MerchantOutreachRow } from './situations';

export type Composed = Mail & { kind: MailKind; tone: Tone; locale: Locale; claimIds: string[]; instalmentId: string | null };

/** What a notice is about beyond the debtor: the event's payload, or the instalment or promise it reminds of. */
export type NoticeSubject = {
	kind: NoticeKind | 'plan_broken';
	about: string;
	payload?: Record<string, unknown>;
	instalmentId?: string | null;
};

const localeOf = (s: DebtorSituation): Locale => toLocale(s.locale);

function brandOf(m: MerchantOutreachRow, origin: string) {
	const brand = toBrand(m);
	// A mail client has no page to resolve the logo's path against.
	return { ...brand, logoAbsoluteUrl: brand.logoUrl && `${origin}${brand.logoUrl}` };
}

/**
 * A journey step's message for the claims it asks for, for the channel it goes by: an e-mail (a letter is composed
 * the same way, and printed from it), or a short text message.
 */
export async function composeStep(
	m: MerchantOutreachRow,
	s: DebtorSituation,
	step: Step,
	claimIds: string[],
	today: string,
	origin: string,
	channel: Channel = 'email',
	/**
	 * Planning: only the subject of an e-mail or letter. The sender writes every journey message again from what is
	 * owed at the moment it goes, so the planner need not render (and store) a body that would be replaced.
	 */
	headOnly = false
): Promise<Composed> {
	const locale = localeOf(s);
	const tone = step.tone === 'merchant' ? m.tone : step.tone;
	const claims = s.claims.filter((c) => claimIds.includes(c.id));
	const total = claims.reduce((n, c) => n + c.amountCents, 0);
	const currency = claims[0]?.currency ?? 'EUR';
	const values: Record<string, string> = { sender: m.senderName ?? m.displayName };
	if ((channel === 'sms' || channel === 'push') && step.kind !== 'fourteen_day') {
		const oldest = claims.map((c) => c.dueOn).sort()[0];
		const text = renderText({
			kind: step.kind,
			tone,
			locale,
			values: {
				...values,
				name: s.name,
				merchant: toBrand(m).displayName,
				amount: formatMoney({ amountCents: total, currency }, locale),
				count: String(claims.length),
				oldestDue: oldest ? formatDay(oldest, locale) : ''
			},
			words: step.words[locale as StepLocale]?.sms
		});
		return { ...text, kind: step.kind, tone, locale, claimIds: claims.map((c) => c.id), instalmentId: null };
	}
	const facts = stepFacts(m, s, step, claims, today, origin);
	const mail = headOnly ? { subject: mailSubject(facts), html: '', text: '' } : await renderMail(facts);
	return { ...mail, kind: step.kind, tone, locale, claimIds: claims.map((c) => c.id), instalmentId: null };
}

function scheduleText(instalments: { number: number; dueOn: string; amountCents: number }[], currency: string, locale: Locale) {
	return instalments
		.map((i) => `${i.number}. ${formatDay(i.dueOn, locale)}: ${formatMoney({ amountCents: i.amountCents, currency }, locale)}`)
		.join('\n');
}

/**
 * What a journey step's e-mail or letter says for these claims on `today`: the 14-day letter's costs and the end of
 * its term are counted here, once, for both.
 */
export function stepFacts(
	m: MerchantOutreachRow,
	s: DebtorSituation,
	step: Step,
	claims: DebtorSituation['claims'],
	today: string,
	origin: string
): MailFacts {
	const locale = localeOf(s);
	const tone = step.tone === 'merchant' ? m.tone : step.tone;
	const values: Record<string, string> = { sender: m.senderName ?? m.displayName };
	if (step.kind === 'fourteen_day') {
		// On the principal only: costs already added after an earlier letter are not a base for more.
		const principal = claims.filter((c) => c.kind === 'invoice').reduce((n, c) => n + c.amountCents, 0);
		const currency = claims[0]?.currency ?? 'EUR';
		values.costs = formatMoney({ amountCents: statutoryCollectionCosts(principal), currency }, locale);
		values.termEnds = formatDay(termEndsOn(today), locale);
	}
	return {
		kind: step.kind,
		tone,
		locale,
		brand: brandOf(m, origin),
		debtorName: s.name,
		claims,
		values,
		words: step.words[locale as StepLocale],
		stoppable: true
	};
}

/** A notice's message, or null when what it is about has gone (the instalment was paid, the promise kept). */
export async function composeNotice(
	m: MerchantOutreachRow,
	policy: OutreachPolicy,
	s: DebtorSituation,
	n: NoticeSubject,
	origin: string
): Promise<Composed | null> {
	const locale = localeOf(s);
	const tone = m.tone;
	const money = (amountCents: number, currency = s.plan?.currency ?? s.claims[0]?.currency ?? 'EUR') =>
		formatMoney({ amountCents, currency }, locale);
	const open = s.claims.reduce((t, c) => t + c.amountCents, 0);
	const values: Record<string, string> = { sender: m.senderName ?? m.displayName };
	let claims: DebtorSituation['claims'] = [];
	let instalmentId: string | null = null;
	const mandate = () => {
		values.account = s.plan?.mandateAccount ?? '';
		values.mandate = s.plan?.mandateId ?? '';
		values.creditor = policy.creditor.name ?? m.displayName;
		values.creditorId = policy.creditor.id ?? '';
	};
	switch (n.kind) {
		case 'receipt': {
			const paid = Number(n.payload?.amountCents ?? 0);
			values.paid = money(paid, String(n.payload?.currency ?? 'EUR'));
			values.paidOn = formatDay(String(n.payload?.paidOn ?? '').slice(0, 10) || new Date().toISOString().slice(0, 10), locale);
			values.rest =
				open > 0
					? toned(tone, 'mail_receipt_rest_some', { amount: money(open) }, locale)
					: toned(tone, 'mail_receipt_rest_none', {}, locale);
			break;
		}
		case 'plan_confirmation':
		case 'pre_debit_notice': {
			if (!s.plan) return null;
			const rest = s.plan.instalments.filter((i) => i.status === 'scheduled' && (n.kind === 'plan_confirmation' || i.number > 1));
			if (rest.length === 0) return null;
			values.schedule = scheduleText(rest, s.plan.currency, locale);
			if (n.kind === 'pre_debit_notice') mandate();
			break;
		}
		case 'pre_debit_reminder':
		case 'instalment_reminder':
		case 'instalment_due': {
			const i = s.plan?.instalments.find((x) => x.id === n.about);
			if (!s.plan || !i || i.status !== 'scheduled') return null;
			values.amount = money(i.amountCents, s.plan.currency);
			values.date = formatDay(i.dueOn, locale);
			values.number = String(i.number);
			if (n.kind === 'pre_debit_reminder') mandate();
			else instalmentId = i.id;
			break;
		}
		case 'promise_reminder': {
			if (!s.promise || s.promise.id !== n.about) return null;
			values.amount = money(s.promise.amountCents, s.promise.currency);
			values.date = formatDay(s.promise.promisedOn, locale);
			break;
		}
		case 'promise_missed':
			values.date = formatDay(String(n.payload?.promisedOn ?? ''), locale);
			if (!n.payload?.promisedOn) return null;
			claims = s.claims;
			break;
		case 'plan_broken':
			values.amount = money(open);
			claims = s.claims;
			break;
		case 'plan_trouble':
		case 'support_answered':
			break;
	}
	const mail = await renderMail({
		kind: n.kind,
		tone,
		locale,
		brand: brandOf(m, origin),
		debtorName: s.name,
		claims,
		values,
		stoppable: !REQUIRED_NOTICES.includes(n.kind as NoticeKind)
	});
	return { ...mail, kind: n.kind, tone, locale, claimIds: claims.map((c) => c.id), instalmentId };
}

// The owner's reminder journey and outreach rules: edited as one plain form (it works without JavaScript), checked
// per field, and previewed — as the debtor will see it, in any language and tone — before it is saved.
import { fail } from '@sveltejs/kit';
import { STEP_LOCALES, type StepLocale } from '$lib/domain/outreach/journey';
import type { OutreachSettings } from '$lib/domain/outreach/settings';
import { TONES, type Tone } from '$lib/domain/tone';
import { requireOwner } from '$lib/server/accounts/handle';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import * as outreach from '$lib/server/outreach/settings';
import type { Actions, PageServerLoad } from './$types';

const pick = <T extends string>(all: readonly T[], v: FormDataEntryValue | null, fallback: T): T => all.find((x) => x === v) ?? fallback;

async function previewOf(
	merchant: Awaited<ReturnType<typeof outreach.of>>['merchant'],
	s: OutreachSettings,
	at: { step: number; locale: StepLocale; tone: Tone }
) {
	const step = s.journey.steps[Math.min(Math.max(at.step, 0), s.journey.steps.length - 1)];
	if (!step) return null;
	return { ...at, ...(await outreach.preview(merchant, step, at.locale, at.tone)) };
}

/** Each step's text message with its SMS parts, and what the journey costs per debtor. */
async function channelsOf(merchant: Awaited<ReturnType<typeof outreach.of>>['merchant'], s: OutreachSettings) {
	const sms = await outreach.smsOfJourney(merchant, s);
	return { sms, costs: outreach.costsOf(s, sms) };
}

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireOwner(locals);
	const { merchant, settings } = await outreach.of(await db(), scope);
	const first = settings.journey.steps[0];
	const tone = first && first.tone !== 'merchant' ? first.tone : merchant.tone;
	return {
		settings,
		...(await channelsOf(merchant, settings)),
		mailOff: config().mail.transport === 'none',
		preview: await previewOf(merchant, settings, { step: 0, locale: 'nl', tone })
	};
};

export const actions: Actions = {
	save: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const form = await request.formData();
		const s = outreach.fromForm(form);
		const { merchant } = await outreach.of(await db(), scope);
		const channels = await channelsOf(merchant, s);
		const problems = { ...outreach.smsProblems(channels.sms), ...outreach.problemsOf(s) };
		if (Object.keys(problems).length) return fail(400, { settings: s, problems, ...channels });
		await outreach.save(await db(), scope, s);
		return { settings: s, saved: true, ...channels };
	},
	/** The form as it stands (also a step just added), rendered, not saved. */
	preview: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const form = await request.formData();
		const s = outreach.fromForm(form);
		const { merchant } = await outreach.of(await db(), scope);
		const channels = await channelsOf(merchant, s);
		const problems = { ...outreach.smsProblems(channels.sms), ...outreach.problemsOf(s) };
		const at = {
			step: Number(form.get('previewStep') ?? 0) || 0,
			locale: pick(STEP_LOCALES, form.get('previewLocale'), 'nl'),
			tone: pick(TONES, form.get('previewTone'), merchant.tone)
		};
		// A step whose words do not check out yet is not previewed: its problem is shown on the field instead.
		const preview = Object.keys(problems).some((k) => k.startsWith(`step-${at.step}`)) ? null : await previewOf(merchant, s, at);
		return { settings: s, problems, preview, ...channels };
	}
};

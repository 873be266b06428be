// Owner settings: brand, logo, tone, the default language for debtors and the privacy check, with a phone-sized preview of the debtor page.
import { fail } from '@sveltejs/kit';
import { BRAND_FIELDS, brandForm, fieldProblems, languageForm, privacyForm, retentionForm, toneForm } from '$lib/schemas/brand';
import { requireOwner } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import { toBrand } from '$lib/server/merchants/brand';
import * as settings from '$lib/server/merchants/settings';
import { preview } from '$lib/server/video/preview';
import { toneCopy } from './tone-copy.server';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireOwner(locals);
	const database = await db();
	const s = await settings.of(database, scope);
	// The video as it is now saved: its still if made (else it is asked for, on the job queue), and its script.
	const video = await preview(database, scope, {}, locals.locale, s);
	return {
		settings: { ...s, logoUrl: toBrand(s).logoUrl },
		video: {
			state: video.state,
			still: video.state === 'ready' ? '/console/settings/video-preview/still.png' : null,
			script: video.script
		},
		toneCopy: toneCopy()
	};
};

const text = (v: FormDataEntryValue | null, max = 300) => (typeof v === 'string' ? v.slice(0, max) : '');

export const actions: Actions = {
	brand: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const form = await request.formData();
		const values = Object.fromEntries(BRAND_FIELDS.map((f) => [f, text(form.get(f))]));
		const parsed = brandForm.safeParse(values);
		if (!parsed.success) return fail(400, { section: 'brand' as const, values, problems: fieldProblems(parsed.error) });
		await settings.saveBrand(await db(), scope, parsed.data);
		return { section: 'brand' as const, saved: true };
	},

	logo: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const file = (await request.formData()).get('logo');
		if (!(file instanceof File)) return fail(400, { section: 'logo' as const, problems: { logo: 'settings_error_logo_missing' } });
		// Empty or too large: saveLogo says so (checkLogo), with the same keys.
		const saved = await settings.saveLogo(await db(), scope, new Uint8Array(await file.arrayBuffer()));
		if (!saved.ok) return fail(400, { section: 'logo' as const, problems: { logo: saved.problem } });
		return { section: 'logo' as const, saved: true };
	},

	removeLogo: async ({ locals }) => {
		const scope = requireOwner(locals);
		await settings.removeLogo(await db(), scope);
		return { section: 'logo' as const, saved: true };
	},

	tone: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const parsed = toneForm.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { section: 'tone' as const, problems: fieldProblems(parsed.error) });
		await settings.saveTone(await db(), scope, parsed.data.tone);
		return { section: 'tone' as const, saved: true };
	},

	language: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const parsed = languageForm.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { section: 'language' as const, problems: fieldProblems(parsed.error) });
		await settings.saveDefaultLocale(await db(), scope, parsed.data.defaultLocale);
		return { section: 'language' as const, saved: true };
	},

	privacy: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const parsed = privacyForm.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { section: 'privacy' as const, problems: fieldProblems(parsed.error) });
		await settings.savePrivacyCheck(await db(), scope, parsed.data.privacyCheck);
		return { section: 'privacy' as const, saved: true };
	},

	retention: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const values = { retentionMonths: text((await request.formData()).get('retentionMonths'), 10) };
		const parsed = retentionForm.safeParse(values);
		if (!parsed.success) return fail(400, { section: 'retention' as const, values, problems: fieldProblems(parsed.error) });
		await settings.saveRetention(await db(), scope, parsed.data.retentionMonths);
		return { section: 'retention' as const, saved: true };
	}
};

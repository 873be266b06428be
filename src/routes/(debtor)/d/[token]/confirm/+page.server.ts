// The privacy check in front of a personal page: only the merchant's brand and one question until it is answered.
import { fail, redirect } from '@sveltejs/kit';
import { localeChoice } from '$lib/schemas/locale';
import { db } from '$lib/server/db';
import { wrongLink } from '$lib/server/portal/guard';
import * as privacy from '$lib/server/portal/privacy';
import { rememberLocale } from '$lib/server/portal/locale';
import type { Actions, PageServerLoad } from './$types';

const overview = (token: string) => `/d/${token}`;

export const load: PageServerLoad = async ({ params, cookies, getClientAddress }) => {
	const database = await db();
	const gate = await privacy.gate(database, params.token, cookies);
	if (gate.state === 'invalid') return wrongLink(database, getClientAddress());
	if (gate.state === 'open') redirect(303, overview(params.token));
	return { check: gate.check, brand: gate.brand, tone: gate.tone };
};

export const actions: Actions = {
	confirm: async ({ request, params, cookies, url, getClientAddress }) => {
		const database = await db();
		const answer = String((await request.formData()).get('answer') ?? '');
		const result = await privacy.confirm(database, params.token, answer, {
			client: getClientAddress(),
			cookies,
			secure: url.protocol === 'https:'
		});
		switch (result.outcome) {
			case 'invalid':
				return wrongLink(database, getClientAddress());
			case 'confirmed':
			case 'not_required':
				return redirect(303, overview(params.token));
			case 'throttled':
				return fail(429, { problem: 'throttled' as const, minutes: result.retryAfterMinutes ?? 15 });
			case 'wrong':
				return fail(400, { problem: 'wrong' as const, minutes: 0 });
		}
	},

	// Before the check the language can change too; nothing is recorded about a debtor who has not confirmed.
	language: async ({ request, cookies, url }) => {
		const choice = localeChoice.safeParse(Object.fromEntries(await request.formData()));
		if (!choice.success) return fail(400, { problem: 'wrong' as const, minutes: 0 });
		rememberLocale(cookies, choice.data.locale, url);
		return redirect(303, url.pathname);
	}
};

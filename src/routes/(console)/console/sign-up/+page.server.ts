import { fail, redirect } from '@sveltejs/kit';
import { createSession, generateSessionToken, setSessionCookie } from '$lib/server/accounts/session';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { fieldErrors, signUpForm } from '$lib/server/tenants/forms';
import * as signup from '$lib/server/tenants/signup';
import type { Actions, PageServerLoad } from './$types';

const ECHOED = ['company', 'name', 'email', 'legalName', 'address', 'kvk', 'sepaCreditorName'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, '/console');
	const invite = url.searchParams.get('invite') ?? '';
	const closed = config().signup === 'closed';
	const invited = closed && invite ? await signup.openMerchantInvite(await db(), invite) : null;
	return { closed: closed && !invited, invite: invited ? invite : '', invitedEmail: invited?.email ?? '' };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = Object.fromEntries(await request.formData());
		// Everything is echoed back so nothing need be typed again; never the password.
		const values = Object.fromEntries(ECHOED.map((k) => [k, typeof form[k] === 'string' ? form[k].slice(0, 300) : '']));
		const parsed = signUpForm.safeParse(form);
		if (!parsed.success) return fail(400, { values, errors: fieldErrors(parsed.error) });
		const database = await db();
		const result = await signup.signUp(database, parsed.data, getClientAddress());
		if (result.kind === 'closed') return fail(403, { values, errors: { form: 'closed' } });
		if (result.kind === 'throttled') {
			return fail(429, { values, errors: { form: 'throttled' }, minutes: Math.ceil(result.retryAfterSeconds / 60) });
		}
		if (result.kind === 'invalid') return fail(400, { values, errors: result.errors });
		const token = generateSessionToken();
		const session = await createSession(database, token, result.userId);
		setSessionCookie(cookies, token, session.expiresAt, url.protocol === 'https:');
		redirect(303, '/console/verify');
	}
};

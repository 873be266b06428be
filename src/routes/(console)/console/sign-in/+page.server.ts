import { fail, redirect } from '@sveltejs/kit';
import { firstProblem, signInForm } from '$lib/server/accounts/forms';
import * as accounts from '$lib/server/accounts/service';
import { createSession, generateSessionToken, setSessionCookie } from '$lib/server/accounts/session';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, '/console');
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress }) => {
		const form = Object.fromEntries(await request.formData());
		// Echo the e-mail address back so it need not be typed again; never the password.
		const email = typeof form.email === 'string' ? form.email.slice(0, 254) : '';
		const parsed = signInForm.safeParse(form);
		if (!parsed.success) return fail(400, { email, message: firstProblem(parsed.error) });
		const database = await db();
		const result = await accounts.signIn(database, { ...parsed.data, client: getClientAddress() });
		if (result.kind === 'throttled') {
			return fail(429, { email, message: 'console_signin_throttled', minutes: Math.ceil(result.retryAfterSeconds / 60) });
		}
		if (result.kind === 'wrong') return fail(400, { email, message: 'console_signin_wrong' });
		const token = generateSessionToken();
		const session = await createSession(database, token, result.userId);
		setSessionCookie(cookies, token, session.expiresAt, url.protocol === 'https:');
		redirect(303, '/console');
	}
};

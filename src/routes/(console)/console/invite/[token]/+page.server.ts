import { fail, redirect } from '@sveltejs/kit';
import { acceptInviteForm, firstProblem } from '$lib/server/accounts/forms';
import * as accounts from '$lib/server/accounts/service';
import { createSession, generateSessionToken, setSessionCookie } from '$lib/server/accounts/session';
import { db } from '$lib/server/db';
import { wrongLink } from '$lib/server/portal/guard';
import type { Actions, PageServerLoad } from './$types';

// Unknown, used and expired invitations get the same 404 as a wrong debtor link, and guessing is throttled the same way.
export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const database = await db();
	const invite = await accounts.openInvite(database, params.token);
	if (!invite) return wrongLink(database, getClientAddress());
	return { merchantName: invite.merchantName, email: invite.email };
};

export const actions: Actions = {
	default: async ({ request, params, cookies, url, getClientAddress }) => {
		const form = Object.fromEntries(await request.formData());
		const name = typeof form.name === 'string' ? form.name.slice(0, 100) : '';
		const parsed = acceptInviteForm.safeParse(form);
		if (!parsed.success) return fail(400, { name, message: firstProblem(parsed.error) });
		const database = await db();
		const accepted = await accounts.acceptInvite(database, params.token, parsed.data);
		if (accepted.kind === 'gone') return wrongLink(database, getClientAddress());
		if (accepted.kind === 'email_taken') return fail(400, { name, message: 'console_invite_email_taken' });
		const token = generateSessionToken();
		const session = await createSession(database, token, accepted.userId);
		setSessionCookie(cookies, token, session.expiresAt, url.protocol === 'https:');
		redirect(303, '/console');
	}
};

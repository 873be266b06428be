import { redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/accounts/handle';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import * as signup from '$lib/server/tenants/signup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireUser(locals);
	const database = await db();
	if (await signup.isVerified(database, scope.merchantId)) redirect(303, '/console');
	// The demo sends no mail: the page shows what the local outbox holds for this address, link included.
	const demoMail = config().mail.transport === 'local' ? await signup.latestMailTo(database, locals.user!.email) : null;
	return { email: locals.user!.email, demoMail };
};

export const actions: Actions = {
	resend: async ({ locals }) => {
		const scope = requireUser(locals);
		await signup.resendVerification(await db(), scope.userId);
		return { resent: true };
	}
};

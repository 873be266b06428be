import { fail } from '@sveltejs/kit';
import { firstProblem, inviteForm } from '$lib/server/accounts/forms';
import { requireOwner } from '$lib/server/accounts/handle';
import * as accounts from '$lib/server/accounts/service';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireOwner(locals);
	return await accounts.team(await db(), scope.merchantId);
};

export const actions: Actions = {
	invite: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const form = Object.fromEntries(await request.formData());
		const email = typeof form.email === 'string' ? form.email.slice(0, 254) : '';
		const parsed = inviteForm.safeParse(form);
		if (!parsed.success) return fail(400, { email, message: firstProblem(parsed.error) });
		const { token, expiresAt } = await accounts.createInvite(await db(), scope, parsed.data.email);
		// Shown once: only the token's hash is stored.
		return {
			invite: {
				email: parsed.data.email,
				url: `${config().origin}/console/invite/${token}`,
				expiresOn: expiresAt.toISOString().slice(0, 10)
			}
		};
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { requireOwner } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import * as connect from '$lib/server/tenants/connect';
import { config } from '$lib/server/config';
import { newState } from './state';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const scope = requireOwner(locals);
	const database = await db();
	const mollie = await connect.view(database, scope.merchantId);
	const profiles = mollie.state === 'pending_profile' ? await connect.profilesOf(database, scope.merchantId) : null;
	return {
		mollie,
		profiles,
		liveAllowed: !config().mollieStandin,
		problem: url.searchParams.get('problem'),
		done: url.searchParams.get('done')
	};
};

const choice = z.object({ profileId: z.string().regex(/^pfl_\w+$/), mode: z.enum(['test', 'live']).default('test') });

export const actions: Actions = {
	connect: async ({ locals, cookies, url }) => {
		const scope = requireOwner(locals);
		const state = newState(cookies, scope.merchantId, url.protocol === 'https:');
		const target = connect.authorizeUrl(state);
		if (!target) return fail(400, { problem: 'tenants_error_oauth_refused' });
		redirect(303, target);
	},
	profile: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const parsed = choice.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { problem: 'tenants_error_profile' });
		const ok = await connect.chooseProfile(await db(), scope.merchantId, parsed.data.profileId, parsed.data.mode);
		if (!ok) return fail(400, { problem: 'tenants_error_profile' });
		redirect(303, '/console/mollie?done=connected');
	},
	apiKey: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const key = String((await request.formData()).get('apiKey') ?? '').slice(0, 200);
		const pasted = await connect.pasteApiKey(await db(), scope.merchantId, key);
		// The key is never echoed back: a wrong one is typed again.
		if (!pasted.ok) {
			const problem = {
				format: 'tenants_error_key_format',
				refused: 'tenants_error_key_refused',
				unavailable: 'tenants_error_mollie_unavailable'
			};
			return fail(400, { keyProblem: problem[pasted.problem] });
		}
		redirect(303, '/console/mollie?done=connected');
	},
	disconnect: async ({ locals }) => {
		const scope = requireOwner(locals);
		await connect.disconnect(await db(), scope.merchantId);
		redirect(303, '/console/mollie?done=disconnected');
	}
};

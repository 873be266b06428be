import { requireUser } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import * as webhooks from '$lib/server/webhooks/endpoints';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const scope = requireUser(locals);
	const { name, role, merchantName } = locals.user!;
	// An owner is told on every page when Coulant turned a webhook address off, until they deal with it.
	const hooksOff = role === 'owner' ? (await webhooks.turnedOff(await db(), scope.merchantId)).length : 0;
	return { me: { name, role, merchantName }, hooksOff };
};

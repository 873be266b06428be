import { requireUser } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import * as webhooks from '$lib/server/webhooks/endpoints';
import * as signup from '$lib/server/tenants/signup';
import { paymentsStanding } from '$lib/server/tenants/standing';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals }) => {
	const scope = requireUser(locals);
	const { name, role, merchantName } = locals.user!;
	// An owner is told on every page when Coulant turned a webhook address off, until they deal with it.
	const database = await db();
	const hooksOff = role === 'owner' ? (await webhooks.turnedOff(database, scope.merchantId)).length : 0;
	// A merchant that signed up: its address still to confirm, its own Mollie still to connect (or to reconnect).
	const [verified, payments] = await Promise.all([
		signup.isVerified(database, scope.merchantId),
		paymentsStanding(database, scope.merchantId)
	]);
	return { me: { name, role, merchantName }, hooksOff, tenancy: { verified, payments } };
};

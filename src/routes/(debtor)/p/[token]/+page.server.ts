// The page Mollie sends the debtor back to. Its token opens this one payment's outcome, nothing more.
import { error, fail, redirect } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import * as payments from '$lib/server/payments/service';
import * as settlement from '$lib/server/settlement/service';
import { wrongLink } from '$lib/server/portal/guard';
import { overviewPath } from '$lib/server/portal/return';
import * as portal from '$lib/server/portal/service';
import { planOptions } from '$lib/domain/policy';
import { toIsoDay } from '$lib/domain/schedule';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, cookies, getClientAddress }) => {
	const database = await db();
	const found = await settlement.byReturnToken(database, params.token);
	if (!found) return wrongLink(database, getClientAddress());
	const { payment, merchant, claims, instalment } = found;
	const overview = overviewPath(cookies);
	const amount = { amountCents: payment.amountCents, currency: payment.currency };
	// A balance payment that did not go through: the other ways the policy allows, right here (the overview checks them again).
	const stopped = ['failed', 'canceled', 'expired', 'abandoned'].includes(payment.status) && !instalment && overview;
	// The policy is the merchant's, read through the debtor's own link (a payment token alone opens only this payment).
	const owner = stopped ? await portal.holder(database, overview.split('/').pop() ?? '') : null;
	const policy = owner && owner.debtorId === found.holder.debtorId ? owner.policy : undefined;
	const otherWays = policy
		? {
				plan: planOptions(policy, amount, toIsoDay(new Date())).offered ? `${overview}/plan` : null,
				moreTime: policy.offers.moreTime ? `${overview}#more-time` : null
			}
		: null;
	return {
		status: payment.status,
		amount,
		paidAt: payment.paidAt?.toISOString().slice(0, 10) ?? null,
		method: payment.method,
		checkoutUrl: payment.status === 'open' ? payment.checkoutUrl : null,
		claims: claims.map((c) => ({ reference: c.reference, description: c.description })),
		instalment,
		brand: merchant.brand,
		tone: merchant.tone,
		overview,
		otherWays: otherWays && (otherWays.plan || otherWays.moreTime) ? otherWays : null
	};
};

export const actions: Actions = {
	retry: async ({ params, locals, getClientAddress }) => {
		const database = await db();
		const found = await settlement.byReturnToken(database, params.token);
		if (!found) return wrongLink(database, getClientAddress());
		const methods = found.payment.method?.split(',').filter(Boolean) ?? ['ideal'];
		const outcome = await payments.start(database, found.holder, methods, { origin: config().origin, locale: locals.locale });
		if (outcome.kind === 'checkout') redirect(303, outcome.url);
		if (outcome.kind === 'nothing_to_pay') error(409, 'nothing_to_pay');
		return fail(outcome.kind === 'unavailable' ? 503 : 422, { payment: outcome.kind });
	}
};

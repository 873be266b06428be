// The page Mollie sends the debtor back to. Its token opens this one payment's outcome, nothing more.
import { error, fail, redirect } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import * as payments from '$lib/server/payments/service';
import * as settlement from '$lib/server/settlement/service';
import { wrongLink } from '$lib/server/portal/guard';
import { overviewPath } from '$lib/server/portal/return';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, cookies, getClientAddress }) => {
	const database = await db();
	const found = await settlement.byReturnToken(database, params.token);
	if (!found) return wrongLink(database, getClientAddress());
	const { payment, merchant, claims, instalment } = found;
	return {
		status: payment.status,
		amount: { amountCents: payment.amountCents, currency: payment.currency },
		paidAt: payment.paidAt?.toISOString().slice(0, 10) ?? null,
		method: payment.method,
		checkoutUrl: payment.status === 'open' ? payment.checkoutUrl : null,
		claims: claims.map((c) => ({ reference: c.reference, description: c.description })),
		instalment,
		brand: merchant.brand,
		tone: merchant.tone,
		overview: overviewPath(cookies)
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

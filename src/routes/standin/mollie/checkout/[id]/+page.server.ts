// The stand-in's hosted checkout, like Mollie's test mode: the tester picks the outcome.
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { formatMoney } from '$lib/domain/money';
import { fromMollieAmount } from '$lib/domain/payment';
import * as controls from '$lib/server/mollie-standin/controls';
import { standinContext } from '$lib/server/mollie-standin/install';
import type { Actions, PageServerLoad } from './$types';

function active() {
	const ctx = standinContext();
	if (!ctx) error(404, 'not_found');
	return ctx;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const ctx = active();
	const p = await controls.payment(ctx.db, params.id);
	if (!p) error(404, 'not_found');
	return {
		id: p.id,
		status: p.status,
		description: p.description,
		amount: formatMoney(fromMollieAmount({ value: p.amountValue, currency: p.currency }), locals.locale),
		method: p.method
	};
};

const choice = z.object({ outcome: z.enum(controls.OUTCOMES) });

export const actions: Actions = {
	default: async ({ params, request }) => {
		const ctx = active();
		const parsed = choice.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { message: 'Choose an outcome.' });
		const decided = await controls.decide(ctx.db, params.id, parsed.data.outcome, ctx.now());
		if (!decided) error(404, 'not_found');
		redirect(303, decided.redirectUrl ?? '/');
	}
};

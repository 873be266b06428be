// One instalment's pay page, opened from a reminder's pay link.
import { fail, redirect } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import * as paylinks from '$lib/server/plans/paylinks';
import * as plans from '$lib/server/plans/service';
import { wrongLink } from '$lib/server/portal/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const database = await db();
	return (await paylinks.page(database, params.token)) ?? wrongLink(database, getClientAddress());
};

export const actions: Actions = {
	default: async ({ params, locals, getClientAddress }) => {
		const database = await db();
		const found = await paylinks.resolve(database, params.token);
		if (!found) return wrongLink(database, getClientAddress());
		const outcome = await plans.payInstalment(database, found.holder, found.instalment.number, {
			origin: config().origin,
			locale: locals.locale
		});
		if (outcome.kind === 'checkout') redirect(303, outcome.url);
		if (outcome.kind === 'nothing_to_pay') redirect(303, `/i/${params.token}`);
		return fail(outcome.kind === 'unavailable' ? 503 : 422, { problem: outcome.kind });
	}
};

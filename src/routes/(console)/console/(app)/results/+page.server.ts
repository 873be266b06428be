// "Resultaten": the merchant's results for a period and a segment, from the KPI counters (server/kpi).
import { requireUser } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import * as results from '$lib/server/kpi/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const scope = requireUser(locals);
	return { view: await results.view(await db(), scope, url.searchParams), search: url.search };
};

import { requireUser } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import { search } from '$lib/server/support/search';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const scope = requireUser(locals);
	const q = (url.searchParams.get('q') ?? '').slice(0, 100);
	return { q, results: q ? await search(await db(), scope.merchantId, q) : [] };
};

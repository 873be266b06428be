import { requireUser } from '$lib/server/accounts/handle';
import * as consoleService from '$lib/server/console/service';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const scope = requireUser(locals);
	const awaiting = url.searchParams.get('awaiting') === '1';
	const page = await consoleService.debtors(await db(), scope, { after: url.searchParams.get('after') ?? undefined, awaiting });
	return { debtors: page.rows, next: page.more ? page.rows.at(-1)!.id : null, awaiting };
};

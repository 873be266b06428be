import { requireUser } from '$lib/server/accounts/handle';
import * as consoleService from '$lib/server/console/service';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireUser(locals);
	return { overview: await consoleService.overview(await db(), scope) };
};

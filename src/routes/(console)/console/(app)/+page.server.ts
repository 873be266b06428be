import { requireUser } from '$lib/server/accounts/handle';
import * as consoleService from '$lib/server/console/service';
import { db } from '$lib/server/db';
import * as videos from '$lib/server/video/state';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireUser(locals);
	const database = await db();
	// The merchant id from the session only, like every console query.
	return { overview: await consoleService.overview(database, scope), videos: await videos.statusOf(database, scope.merchantId) };
};

import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import { message } from '$lib/server/outreach/console';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const scope = requireUser(locals);
	const found = await message(await db(), scope, params.id, url.origin);
	if (!found) error(404, 'not_found');
	return { message: found };
};

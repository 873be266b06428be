// The video in the settings preview, for a look the owner is trying out (query parameters) on top of the saved one:
// the script in that tone, and whether its still frame is there (it is made on the job queue, never here).
import { json } from '@sveltejs/kit';
import { requireOwner } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import { preview, readLook } from '$lib/server/video/preview';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const scope = requireOwner(locals);
	const look = readLook(url.searchParams);
	const p = await preview(await db(), scope, look, locals.locale);
	const still = p.state === 'ready' ? `/console/settings/video-preview/still.png?${url.searchParams}` : null;
	// While the still is being made the script asks again after a moment.
	return json({ state: p.state, still, script: p.script }, { headers: p.state === 'pending' ? { 'retry-after': '2' } : {} });
};

// The still frame of a look, once the job queue has made it; 404 until then. Only ever the signed-in merchant's own.
import { error } from '@sveltejs/kit';
import { requireOwner } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import { readLook, stillOf } from '$lib/server/video/preview';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const scope = requireOwner(locals);
	const png = await stillOf(await db(), scope, readLook(url.searchParams), locals.locale);
	if (!png) error(404, 'not_ready');
	return new Response(png as Uint8Array<ArrayBuffer>, {
		headers: { 'content-type': 'image/png', 'content-length': String(png.byteLength) }
	});
};

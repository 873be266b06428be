// Rendered media (video, poster, captions) by content-hash name: range requests for the players, cached forever
// (a name never changes content), no listing, and nothing in the URL that leads back to a debtor's link. The bytes
// come from the media store — this machine's folder or object storage — so every web process serves every file.
import { error } from '@sveltejs/kit';
import { media } from '$lib/server/video/service';
import { parseRange } from '$lib/server/video/range';
import { MEDIA_NAME, MEDIA_TYPES } from '$lib/server/video/storage';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, request }) => {
	if (!MEDIA_NAME.test(params.name)) error(404, 'not_found');
	const store = media();
	const size = await store.size(params.name);
	if (size === null) error(404, 'not_found');
	const headers = new Headers({
		'Content-Type': MEDIA_TYPES[params.name.split('.').pop()!],
		'Accept-Ranges': 'bytes',
		'Cache-Control': 'public, max-age=31536000, immutable',
		ETag: `"${params.name}"`,
		'X-Robots-Tag': 'noindex'
	});
	if (request.headers.get('if-none-match') === `"${params.name}"`) return new Response(null, { status: 304, headers });
	const range = parseRange(request.headers.get('range'), size);
	if (range === 'unsatisfiable') {
		headers.set('Content-Range', `bytes */${size}`);
		return new Response(null, { status: 416, headers });
	}
	const { start, end } = range ?? { start: 0, end: size - 1 };
	headers.set('Content-Length', String(end - start + 1));
	if (range) headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
	if (size === 0) return new Response(null, { status: 200, headers });
	// Deleted between the two looks (a clean-up): as if it had never been there.
	const body = await store.read(params.name, { start, end });
	if (!body) error(404, 'not_found');
	return new Response(body, { status: range ? 206 : 200, headers });
};

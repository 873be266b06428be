// Request body limits per route: small everywhere (sign-in, debtor forms, the Mollie webhook, the API), larger
// only where a person uploads a file, and the CSV import's own limit for the one route that streams large files.
// adapter-node's BODY_SIZE_LIMIT is one value for every route, so `npm run serve` turns it off and this applies.
import { error } from '@sveltejs/kit';

export const SMALL_BODY = 1024 * 1024;
export const UPLOAD_BODY = 6 * 1024 * 1024;

/** Routes that take a file a person chose: a debtor's attachment (5 MB), a merchant's logo (1 MB), a bank statement. */
const UPLOADS = ['/(debtor)/d/[token]/message', '/(console)/console/(app)/settings', '/(console)/console/(app)/bank'];
const IMPORT = '/(console)/console/(app)/import';

export function limitFor(routeId: string | null, importLimit: number): number {
	if (routeId === IMPORT) return importLimit;
	if (routeId && UPLOADS.some((r) => routeId === r || routeId.startsWith(`${r}/`))) return UPLOAD_BODY;
	return SMALL_BODY;
}

/**
 * The request with its body held to `limit` bytes: a Content-Length over it is refused before anything is
 * read (413), and a body without one (chunked) is cut off with a 413 as soon as it goes over.
 */
export function limitBody(request: Request, limit: number): Request | Response {
	if (!request.body || limit === Infinity) return request;
	const length = Number(request.headers.get('content-length') ?? NaN);
	if (length > limit) return new Response('Payload Too Large', { status: 413, headers: { 'content-type': 'text/plain' } });
	if (Number.isFinite(length)) return request;
	let seen = 0;
	const body = request.body.pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				seen += chunk.byteLength;
				if (seen > limit) controller.error(error(413, `Content-length of ${seen} exceeds limit of ${limit} bytes.`));
				else controller.enqueue(chunk);
			}
		})
	);
	return new Request(request, { body, duplex: 'half' } as RequestInit);
}

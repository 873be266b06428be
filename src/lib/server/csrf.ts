// Cross-site form protection that works with `Referrer-Policy: no-referrer`.
// Under that policy browsers send `Origin: null` on our own form posts, so SvelteKit's origin
// check would refuse them; Sec-Fetch-Site still tells a same-origin post from a forged one.

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isForgedForm(request: Request, url: URL): boolean {
	if (!UNSAFE.has(request.method)) return false;
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (!FORM_TYPES.includes(type)) return false;
	const origin = request.headers.get('origin');
	if (origin && origin !== 'null') return origin !== url.origin;
	// No usable Origin: trust only the browser's own statement that the post came from this origin.
	return request.headers.get('sec-fetch-site') !== 'same-origin';
}

/**
 * For the page's own JSON calls (a push subscription): refused unless the browser says it came from this origin.
 * A cross-site page cannot send JSON without a preflight we never answer, and this refuses it even so.
 */
export function isCrossSite(request: Request, url: URL): boolean {
	const origin = request.headers.get('origin');
	if (origin && origin !== 'null') return origin !== url.origin;
	return request.headers.get('sec-fetch-site') !== 'same-origin';
}

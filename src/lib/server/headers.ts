// Security headers on every response, including what adapter-node serves before our hooks run: static files
// (favicon, manifest, scripts, the service worker) and prerendered pages such as /offline.
import { ServerResponse } from 'node:http';

/** The page policy of svelte.config.js, as a header: also what a browser uses for a file opened on its own. */
export const STATIC_CSP = [
	"default-src 'self'",
	"script-src 'self'",
	"style-src 'self' 'unsafe-inline'",
	"img-src 'self' data:",
	"media-src 'self'",
	"font-src 'self'",
	"connect-src 'self'",
	"manifest-src 'self'",
	"worker-src 'self'",
	"object-src 'none'",
	"base-uri 'none'",
	"frame-ancestors 'none'",
	"form-action 'self' https://www.mollie.com"
].join('; ');

/** One year; only behind an https ORIGIN, where every link we make is https anyway. */
export const HSTS = 'max-age=31536000';

/** The headers every response carries unless it sets its own. */
export function baseHeaders(origin: string): Record<string, string> {
	return {
		'referrer-policy': 'no-referrer',
		'x-content-type-options': 'nosniff',
		'content-security-policy': STATIC_CSP,
		...(origin.startsWith('https://') ? { 'strict-transport-security': HSTS } : {})
	};
}

const INSTALLED = Symbol.for('coulant.baseHeaders');

/**
 * Only responses of the app's own listener (adapter-node's PORT or SOCKET_PATH): the video renderer serves its
 * bundle from this process too, on a port of its own, and that page needs its inline scripts.
 */
function fromAppListener(res: ServerResponse): boolean {
	const port = res.socket?.localPort;
	if (process.env.SOCKET_PATH) return port === undefined;
	return port === Number(process.env.PORT ?? 3000);
}

/**
 * Adds the base headers to any response of this process that lacks them, at writeHead, where every response
 * passes: adapter-node's static handler (sirv) answers before SvelteKit's hooks, and offers no option for it.
 */
export function addBaseHeadersEverywhere(origin: string) {
	const proto = ServerResponse.prototype as ServerResponse & { [INSTALLED]?: boolean };
	if (proto[INSTALLED]) return;
	proto[INSTALLED] = true;
	const headers = baseHeaders(origin);
	const writeHead = proto.writeHead;
	proto.writeHead = function (this: ServerResponse, ...args: unknown[]) {
		if (this.headersSent || !fromAppListener(this)) return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
		const at = args.findIndex((a) => a !== null && typeof a === 'object');
		const given = at >= 0 ? args[at] : undefined;
		if (Array.isArray(given)) {
			// Raw headers, flat [name, value, …] or nested [[name, value], …]: add ours in the same shape, as Node
			// refuses a mix of setHeader() and nested raw headers.
			const nested = Array.isArray(given[0]);
			const pairs: [string, unknown][] = nested ? (given as [string, unknown][]) : [];
			if (!nested) for (let i = 0; i + 1 < given.length; i += 2) pairs.push([String(given[i]), given[i + 1]]);
			const names = new Set(pairs.map(([k]) => k.toLowerCase()));
			const extra = Object.entries(headers).filter(([k]) => !names.has(k) && !this.hasHeader(k));
			args[at] = nested ? [...given, ...extra] : [...given, ...extra.flat()];
		} else {
			const names = new Set(Object.keys(given ?? {}).map((k) => k.toLowerCase()));
			for (const [name, value] of Object.entries(headers)) if (!names.has(name) && !this.hasHeader(name)) this.setHeader(name, value);
		}
		return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
	} as typeof proto.writeHead;
}

// Routes the official Mollie client's HTTPS requests to the stand-in, in-process (msw), when no API key is set.
import { http, HttpResponse, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { MOLLIE_STANDIN } from '../config';
import { handle } from './api';
import type { StandinContext } from './context';
import * as store from './store';
import { handleTokens } from './oauth';

/** Mollie Connect's token endpoint, at the stand-in's made-up host (MollieConnect.tokenUrl in config.ts). */
const TOKEN_ENDPOINT = new URL('/oauth2/tokens', MOLLIE_STANDIN.apiEndpoint).href;

let active: { server: ReturnType<typeof setupServer>; ctx: StandinContext } | undefined;

export function standinContext(): StandinContext | undefined {
	return active?.ctx;
}

/** `alsoHandle` lets tests stand in for the app's own webhook endpoint, in the same interceptor. */
export function installStandin(ctx: StandinContext, alsoHandle: RequestHandler[] = []): void {
	active?.server.close();
	const server = setupServer(
		...alsoHandle,
		http.all(TOKEN_ENDPOINT, async ({ request }) => {
			const res = await handleTokens(
				ctx.db,
				{ method: request.method, url: new URL(request.url), headers: request.headers, body: await request.text() },
				ctx.now()
			);
			return res.status === 204 ? new HttpResponse(null, { status: 204 }) : HttpResponse.json(res.body as never, { status: res.status });
		}),
		http.all(`${MOLLIE_STANDIN.apiEndpoint}*`, async ({ request }) => {
			const fault = await store.takeFault(ctx.db);
			if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
			if (fault?.status) {
				return HttpResponse.json(
					{ status: fault.status, title: 'Stand-in fault', detail: `The stand-in was told to answer ${fault.status}` },
					// Retry-After keeps the client's automatic 5xx retries fast in tests.
					{ status: fault.status, headers: { 'Retry-After': '0' } }
				);
			}
			const res = await handle(ctx, {
				method: request.method,
				url: new URL(request.url),
				headers: request.headers,
				body: request.method === 'GET' || request.method === 'DELETE' ? '' : await request.text()
			});
			return HttpResponse.json(res.body as never, { status: res.status, headers: { 'Content-Type': 'application/hal+json' } });
		})
	);
	server.listen({ onUnhandledRequest: 'bypass' });
	keepFetchClassesNative();
	active = { server, ctx };
}

/**
 * msw's interceptors also wrap the global Headers, Request and Response in proxies and record every header set, only to
 * keep header names' case for the requests they intercept. The Mollie client calls through node's https (node-fetch),
 * which stays intercepted without them; but with them every request the server answers paid for the wrapping (a few
 * per cent of a debtor page view's CPU in the demo and the benches). So they are undone right after msw installs them.
 */
function keepFetchClassesNative() {
	const restore = Object.getOwnPropertySymbols(Headers).find((s) => s.description === 'kRestorePatches');
	const undo = restore && (Reflect.get(Headers, restore) as (() => void) | undefined);
	if (typeof undo === 'function') undo();
}

export function uninstallStandin(): void {
	active?.server.close();
	active = undefined;
}

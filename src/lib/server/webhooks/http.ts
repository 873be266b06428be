// One POST to a receiver: through the address guard, no redirects followed, a short timeout, and at most ~2 KB of
// the answer kept. Node's own http(s) client, because its `lookup` is called for every new socket.
import http from 'node:http';
import https from 'node:https';
import ipaddr from 'ipaddr.js';
import { allowedAddress, guardedLookup, hostOf, RefusedAddress, type GuardOptions } from './guard';

export const MAX_KEPT_BODY = 2048;
export const DEFAULT_TIMEOUT_MS = 10_000;

export type PostResult = { ok: boolean; status: number | null; body: string; error: string | null };

type Agents = { http: http.Agent; https: https.Agent };
const agentsByMode = new Map<boolean, Agents>();

/** Kept-alive sockets per guard mode: a socket was checked when it connected, and it stays on that address. */
function agents(options: GuardOptions): Agents {
	let found = agentsByMode.get(options.allowLoopback);
	if (!found) {
		const lookup = guardedLookup(options);
		found = {
			http: new http.Agent({ keepAlive: true, maxSockets: 64, lookup }),
			https: new https.Agent({ keepAlive: true, maxSockets: 64, lookup })
		};
		agentsByMode.set(options.allowLoopback, found);
	}
	return found;
}

export function post(
	target: string,
	body: string,
	headers: Record<string, string>,
	options: GuardOptions & { timeoutMs?: number }
): Promise<PostResult> {
	const url = new URL(target);
	const host = hostOf(url);
	if (ipaddr.isValid(host) && !allowedAddress(host, options))
		return Promise.resolve({ ok: false, status: null, body: '', error: new RefusedAddress(host).message });
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && options.allowLoopback))
		return Promise.resolve({ ok: false, status: null, body: '', error: 'refused: only https:// URLs' });
	const client = url.protocol === 'https:' ? https : http;
	const agent = url.protocol === 'https:' ? agents(options).https : agents(options).http;
	return new Promise((resolve) => {
		let settled = false;
		const done = (r: PostResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve(r);
		};
		const request = client.request(
			url,
			{
				method: 'POST',
				agent,
				headers: {
					'content-type': 'application/json',
					'user-agent': 'Coulant-Webhooks/1',
					...headers,
					'content-length': Buffer.byteLength(body)
				}
			},
			(response) => {
				const chunks: Buffer[] = [];
				let kept = 0;
				response.on('data', (chunk: Buffer) => {
					if (kept < MAX_KEPT_BODY) chunks.push(chunk.subarray(0, MAX_KEPT_BODY - kept));
					kept += chunk.length;
				});
				response.on('end', () => {
					const status = response.statusCode ?? 0;
					// A redirect is not followed: the receiver must answer at the URL the owner gave.
					const ok = status >= 200 && status < 300;
					done({
						ok,
						status,
						body: Buffer.concat(chunks).toString('utf8'),
						error: ok ? null : status >= 300 && status < 400 ? 'redirect not followed' : null
					});
				});
				response.on('error', (e) => done({ ok: false, status: response.statusCode ?? null, body: '', error: e.message }));
			}
		);
		// The whole exchange, not only the connect, must fit in the timeout: a receiver that answers late is a failure.
		const timer = setTimeout(() => {
			request.destroy(new Error(`timed out after ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`));
		}, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
		request.on('error', (e) =>
			done({ ok: false, status: null, body: '', error: e instanceof RefusedAddress ? e.message : e.message.slice(0, 200) })
		);
		request.end(body);
	});
}

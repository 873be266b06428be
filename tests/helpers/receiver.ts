// A webhook receiver on this machine, for tests and the benchmark: verifies every request with the standardwebhooks
// package, and answers as it is told (fail, hang, answer late). It counts what arrived by webhook-id.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export type Arrival = { id: string; type: string; body: Record<string, unknown>; headers: Record<string, string> };
/** What to do with a request: answer with a status now, or after `delayMs`. */
export type Answer = { status: number; delayMs?: number; body?: string; headers?: Record<string, string> };

export async function startReceiver(options: { secrets?: () => string[]; answer?: (a: Arrival, nth: number) => Answer } = {}) {
	/** Every verified request, duplicates included. */
	const arrivals: Arrival[] = [];
	const unverified: string[] = [];
	const seen = new Map<string, number>();
	let answer = options.answer;
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
			const secrets = options.secrets?.() ?? [];
			const verified = secrets.length === 0 || secrets.some((s) => verifies(s, raw, headers));
			if (!verified) {
				unverified.push(headers['webhook-id'] ?? '?');
				res.writeHead(401).end('bad signature');
				return;
			}
			const body = JSON.parse(raw) as Record<string, unknown>;
			const arrival = { id: headers['webhook-id'], type: String(body.type), body, headers };
			arrivals.push(arrival);
			const nth = (seen.get(arrival.id) ?? 0) + 1;
			seen.set(arrival.id, nth);
			const reply = answer?.(arrival, nth) ?? { status: 204 };
			const send = () => {
				if (!res.destroyed) res.writeHead(reply.status, reply.headers).end(reply.body ?? '');
			};
			if (reply.delayMs) setTimeout(send, reply.delayMs);
			else send();
		});
	});
	server.keepAliveTimeout = 30_000;
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const port = (server.address() as AddressInfo).port;
	return {
		port,
		url: `http://127.0.0.1:${port}/hooks`,
		arrivals,
		unverified,
		/** Answer from now on as this says. */
		answerWith: (next: (a: Arrival, nth: number) => Answer) => {
			answer = next;
		},
		/** Distinct webhook-ids that arrived. */
		distinct: () => new Set(arrivals.map((a) => a.id)),
		close: () =>
			new Promise<void>((done) => {
				server.closeAllConnections();
				server.close(() => done());
			})
	};
}

export function verifies(secret: string, raw: string, headers: Record<string, string>): boolean {
	try {
		new Webhook(secret).verify(raw, headers);
		return true;
	} catch {
		return false;
	}
}

// Text messages in the tests: the CM.com stand-in (a real HTTP server the official SDK talks to), and Coulant's two
// webhooks served over HTTP by the same handlers the routes use, so reports and replies travel as CM sends them.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CM_STANDIN_TOKEN, startCmStandin, type CmStandin } from '../../src/lib/server/cm-standin/server';
import type { Channel } from '../../src/lib/domain/outreach/channels';
import type { Db } from '../../src/lib/server/db/client';
import { onReply, onReport, smsChannel, webhookKey, webhookUrls } from '../../src/lib/server/sms/service';

export type TestSms = { cm: CmStandin; channel: ReturnType<typeof smsChannel>; close(): Promise<void> };

export async function startSms(db: Db, options: { origin: string; channels: readonly Channel[] }): Promise<TestSms> {
	const cm = await startCmStandin({ reportDelayMs: 5 });
	const app = createServer(async (req, res) => {
		let body = '';
		for await (const c of req) body += c;
		const m = /^\/api\/webhooks\/sms\/([^/]+)\/(reports|replies)$/.exec(req.url ?? '');
		if (!m || req.method !== 'POST') {
			res.writeHead(404).end();
			return;
		}
		const request = new Request(`http://app${req.url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
		const hook = { db, key: m[1], ...options };
		const answer = m[2] === 'reports' ? await onReport(hook, request) : await onReply(hook, request);
		res.writeHead(answer.status).end();
	});
	await new Promise<void>((ok) => app.listen(0, '127.0.0.1', () => ok()));
	const url = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
	cm.webhooks(webhookUrls(url, await webhookKey(db)));
	return {
		cm,
		channel: smsChannel({ productToken: CM_STANDIN_TOKEN, baseUrl: cm.url, timeoutMs: 3000 }),
		async close() {
			await cm.close();
			await new Promise<void>((ok) => app.close(() => ok()));
		}
	};
}

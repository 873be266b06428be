// A local push service for the tests: web-push-testing (in this process), which checks the VAPID signature and
// decrypts each message as a browser would, and a bare server that answers every push with a fixed status. Both
// speak https, as every push service does (web-push sends nothing else), with a certificate made for the run; the
// push channel trusts it through the agent the tests give it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestListener } from 'node:http';

const require = createRequire(import.meta.url);

type Model = { notifyUrl: string };
type TestingServer = { _app: RequestListener; setRequestHandlers(): void };

/** A self-signed certificate for 127.0.0.1, and an agent that trusts it (and only it, beside the usual CAs). */
export function testCertificate(): { key: Buffer; cert: Buffer; agent: Agent } {
	const dir = mkdtempSync(join(tmpdir(), 'coulant-push-tls-'));
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'ec',
				'-pkeyopt',
				'ec_paramgen_curve:prime256v1',
				'-nodes',
				'-days',
				'1',
				'-keyout',
				join(dir, 'key.pem'),
				'-out',
				join(dir, 'cert.pem'),
				'-subj',
				'/CN=127.0.0.1',
				'-addext',
				'subjectAltName=IP:127.0.0.1'
			],
			{ stdio: 'ignore' }
		);
		const key = readFileSync(join(dir, 'key.pem'));
		const cert = readFileSync(join(dir, 'cert.pem'));
		return { key, cert, agent: new Agent({ ca: cert, keepAlive: false }) };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

const tls = testCertificate();
/** The agent the push channel needs to reach the test push services. */
export const testAgent = tls.agent;

function listen(handler: RequestListener): Promise<{ server: Server; base: string }> {
	const server = createServer({ key: tls.key, cert: tls.cert }, handler);
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => resolve({ server, base: `https://127.0.0.1:${(server.address() as AddressInfo).port}` }))
	);
}

export type TestPush = {
	/** What a browser's pushManager.subscribe() gives, made by the push service for this application server key. */
	subscribe(applicationServerKey: string): Promise<{ endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string }>;
	/** The messages that arrived for a subscription, decrypted. */
	received(clientHash: string): Promise<string[]>;
	/** The push service forgets the subscription: the next push gets 410. */
	expire(clientHash: string): Promise<void>;
	close(): Promise<void>;
};

export async function startPush(): Promise<TestPush> {
	const { PushApiModel } = require('web-push-testing/src/PushApiModel.js') as { PushApiModel: new () => Model };
	const WebPushTestingServer = require('web-push-testing/src/server.js') as new (m: Model, port: number) => TestingServer;
	const model = new PushApiModel();
	const testing = new WebPushTestingServer(model, 1);
	testing.setRequestHandlers();
	const { server, base } = await listen(testing._app);
	model.notifyUrl = `${base}/notify/`;
	const post = (path: string, body?: unknown) =>
		new Promise<{ status: number; body: never }>((resolve, reject) => {
			const req = request(
				`${base}${path}`,
				{ method: 'POST', agent: tls.agent, headers: { 'content-type': 'application/json' } },
				(res) => {
					let text = '';
					res.on('data', (c) => (text += c));
					res.on('end', () => {
						let parsed: unknown;
						try {
							parsed = text ? JSON.parse(text) : null;
						} catch {
							parsed = text;
						}
						resolve({ status: res.statusCode ?? 0, body: parsed as never });
					});
				}
			);
			req.on('error', reject);
			req.end(body === undefined ? undefined : JSON.stringify(body));
		});
	return {
		async subscribe(applicationServerKey) {
			const r = await post('/subscribe', { applicationServerKey, userVisibleOnly: 'true' });
			if (r.status !== 200) throw new Error(`subscribe: ${r.status} ${JSON.stringify(r.body)}`);
			return (r.body as { data: Awaited<ReturnType<TestPush['subscribe']>> }).data;
		},
		async received(clientHash) {
			const r = await post('/get-notifications', { clientHash });
			return r.status === 200 ? (r.body as { data: { messages: string[] } }).data.messages : [];
		},
		async expire(clientHash) {
			await post(`/expire-subscription/${clientHash}`);
		},
		close: () => new Promise((r) => server.close(() => r()))
	};
}

/** A push service that answers every message with `status` (404: the subscription is unknown; 500: try again). */
export async function startAnswering(status: number): Promise<{ url: string; hits: number; close(): Promise<void> }> {
	const state = { url: '', hits: 0, close: async () => {} };
	const { server, base } = await listen((req, res) => {
		state.hits++;
		req.resume();
		res.writeHead(status).end();
	});
	state.url = `${base}/push/`;
	state.close = () => new Promise((r) => server.close(() => r()));
	return state;
}

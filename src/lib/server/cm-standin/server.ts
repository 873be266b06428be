// A local stand-in for CM.com's messaging gateway, for `npm start` and every test: a real HTTP server in this process
// that the official SDK (@cmdotcom/text-sdk) is pointed at. It speaks the parts of CM's API Coulant uses — POST
// /v1.0/message with a product token, CM's answer per recipient, status reports (JSON) posted to the report webhook,
// replies (MO, JSON) posted to the reply webhook — and plays the phone network: a number ending in 0000 does not
// exist, so its message is accepted and then reported failed. Nothing leaves the machine.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { smsSegments } from '../../domain/outreach/sms-segments';

export const CM_STANDIN_TOKEN = '00000000-0000-4000-8000-00000000c0de';

export type StandinSms = { reference: string | null; from: string; to: string; text: string; parts: number; at: Date };

export type CmStandin = {
	url: string;
	/** Every message accepted, in order. */
	messages: StandinSms[];
	/** The next `n` requests are answered with this HTTP status (a 5xx: the gateway is down for a moment). */
	failNext(status: number, n?: number): void;
	/** The debtor replies from their phone; posted to the reply webhook like CM does. Returns the webhook's status. */
	reply(from: string, text: string, reference?: string | null): Promise<number | null>;
	/** Where reports and replies go (set once the app's address and key are known). */
	webhooks(w: { reports: string; replies: string }): void;
	/** Resolves when every report so far has been posted. */
	settled(): Promise<void>;
	close(): Promise<void>;
};

type Msg = {
	from?: unknown;
	to?: { number?: unknown }[];
	body?: { content?: unknown; type?: unknown };
	reference?: unknown;
	minimumNumberOfMessageParts?: unknown;
	maximumNumberOfMessageParts?: unknown;
};

const SENDER = /^(?:[A-Za-z0-9 ]{1,11}|\+?\d{1,16})$/;
const RECIPIENT = /^00\d{8,15}$/;

function json(res: ServerResponse, status: number, body: unknown) {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<string> {
	let text = '';
	for await (const chunk of req) {
		text += chunk;
		if (text.length > 1_000_000) break;
	}
	return text;
}

export async function startCmStandin(options: { reportDelayMs?: number } = {}): Promise<CmStandin> {
	const messages: StandinSms[] = [];
	let hooks: { reports: string; replies: string } | null = null;
	let faults: number[] = [];
	const pending = new Set<Promise<unknown>>();

	/** CM retries a report the app did not take (non-2xx) for days; here for about a minute (a server still starting). */
	function post(url: string, body: unknown) {
		const attempt = async () => {
			for (let i = 0; i < 9; i++) {
				const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).catch(
					() => null
				);
				if (res?.ok) return res.status;
				await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** i, 15_000)));
			}
			return null;
		};
		const p = attempt();
		pending.add(p);
		void p.finally(() => pending.delete(p));
		return p;
	}

	function report(m: StandinSms) {
		if (!hooks || !m.reference) return;
		const dead = m.to.endsWith('0000');
		const body = {
			messages: {
				msg: {
					received: new Date().toISOString().slice(0, 19),
					to: m.to,
					reference: m.reference,
					status: dead
						? { code: '3', errorCode: '8', errorDescription: 'Unknown subscriber' }
						: { code: '2', errorCode: '', errorDescription: '' },
					operator: dead ? '' : 'KPN'
				}
			}
		};
		const url = hooks.reports;
		const wait = new Promise((r) => setTimeout(r, options.reportDelayMs ?? 50)).then(() => post(url, body));
		pending.add(wait);
		void wait.finally(() => pending.delete(wait));
	}

	async function send(req: IncomingMessage, res: ServerResponse) {
		const fault = faults.shift();
		if (fault) return json(res, fault, { details: 'Service unavailable', errorCode: 999, messages: [] });
		let envelope: { messages?: { authentication?: { productToken?: unknown }; msg?: Msg[] } };
		try {
			envelope = JSON.parse(await bodyOf(req));
		} catch {
			return json(res, 400, { details: 'The request could not be read as JSON', errorCode: 999, messages: [] });
		}
		if (envelope.messages?.authentication?.productToken !== CM_STANDIN_TOKEN)
			return json(res, 401, { details: 'No account found for the given authentication', errorCode: 101, messages: [] });
		const list = Array.isArray(envelope.messages.msg) ? envelope.messages.msg : [];
		if (list.length === 0) return json(res, 400, { details: 'No message in the request', errorCode: 201, messages: [] });
		const answers: {
			to: string;
			status: 'Accepted' | 'Rejected';
			reference: string | null;
			parts: number;
			messageDetails: string | null;
			messageErrorCode: number;
		}[] = [];
		const accepted: StandinSms[] = [];
		for (const msg of list) {
			const text = typeof msg.body?.content === 'string' ? msg.body.content : '';
			const reference = typeof msg.reference === 'string' ? msg.reference : null;
			const parts = smsSegments(text).parts;
			const max = Number(msg.maximumNumberOfMessageParts ?? 1);
			for (const r of msg.to ?? []) {
				const to = String(r.number ?? '');
				const refuse = (messageErrorCode: number, messageDetails: string) =>
					answers.push({ to, status: 'Rejected', reference, parts: 0, messageDetails, messageErrorCode });
				if (typeof msg.from !== 'string' || !SENDER.test(msg.from)) refuse(303, 'The sender is not a valid sender id');
				else if (!RECIPIENT.test(to)) refuse(304, `Gsm '${to}' is not a number in international format`);
				else if (!text) refuse(305, 'The message has no content');
				else if (parts > max) refuse(306, `The message takes ${parts} parts, more than the ${max} allowed`);
				else {
					answers.push({ to, status: 'Accepted', reference, parts, messageDetails: null, messageErrorCode: 0 });
					accepted.push({ reference, from: msg.from, to, text, parts, at: new Date() });
				}
			}
		}
		messages.push(...accepted);
		for (const m of accepted) report(m);
		const ok = answers.every((a) => a.status === 'Accepted');
		return json(res, ok ? 200 : 400, {
			details: ok ? `Created ${answers.length} message(s)` : 'Not all messages could be created',
			errorCode: ok ? 0 : 201,
			messages: answers
		});
	}

	const server = createServer((req, res) => {
		const path = (req.url ?? '').split('?')[0].replace(/\/+$/, '');
		if (req.method === 'POST' && (path === '/v1.0/message' || path === '/gateway/v1.0/message')) {
			send(req, res).catch(() => json(res, 500, { details: 'Stand-in error', errorCode: 999, messages: [] }));
			return;
		}
		json(res, 404, { details: 'Not found', errorCode: 999, messages: [] });
	});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

	return {
		url,
		messages,
		failNext(status, n = 1) {
			faults = [...faults, ...Array.from({ length: n }, () => status)];
		},
		async reply(from, text, reference = null) {
			if (!hooks) return null;
			const number = from.replace(/^\+/, '00');
			return post(hooks.replies, {
				reference,
				from: { number, name: null },
				to: { number: 'Coulant' },
				message: { text, media: { mediaUri: null, contentType: null, title: null }, custom: {} },
				groupings: ['', '', ''],
				timeUtc: new Date().toISOString().slice(0, 19),
				channel: 'SMS',
				messageContext: reference
			});
		},
		webhooks(w) {
			hooks = w;
		},
		async settled() {
			while (pending.size) await Promise.allSettled([...pending]);
		},
		close: () =>
			new Promise<void>((ok) => {
				server.closeAllConnections();
				server.close(() => ok());
			})
	};
}

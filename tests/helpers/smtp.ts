// A real SMTP server for the tests (smtp-server), reading what arrives with mailparser. Recipients can be made to
// fail: permanently (550) or for now (451), as a real receiving server would.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export type Received = { mail: ParsedMail; raw: string; to: string[] };

export type TestSmtp = {
	url: string;
	received: Received[];
	/** Replies for a recipient address: 550 (no such mailbox) or 451 (try again later). */
	fail: Map<string, 550 | 451>;
	/** Waits until `n` messages have arrived in all. */
	waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
	close(): Promise<void>;
};

export async function startSmtp(options: { delayMs?: number; dir?: string } = {}): Promise<TestSmtp> {
	const received: Received[] = [];
	const fail = new Map<string, 550 | 451>();
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS'],
		logger: false,
		async onRcptTo(address, _session, callback) {
			// A slower server (checks at RCPT, as real ones do), so a sender killed at a random moment is caught mid-run.
			if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
			const code = fail.get(address.address.toLowerCase());
			if (!code) return callback();
			const error = Object.assign(new Error(code === 550 ? 'No such mailbox here' : 'Mailbox busy, try again later'), {
				responseCode: code
			});
			callback(error);
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', async () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const to = session.envelope.rcptTo.map((r) => r.address);
				// Kept as files too when asked (the e2e tests run in other processes than the server they read).
				if (options.dir)
					writeFileSync(join(options.dir, `${Date.now()}-${received.length}.eml`), `X-Envelope-To: ${to.join(',')}\r\n${raw}`);
				received.push({ mail: await simpleParser(raw), raw, to });
				callback();
			});
		}
	});
	// A client that dies mid-message (the kill test) resets its connection: expected, not a failure of the server.
	server.on('error', () => {});
	await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		received,
		fail,
		async waitFor(n, timeoutMs = 10_000) {
			const until = Date.now() + timeoutMs;
			while (received.length < n) {
				if (Date.now() > until) throw new Error(`expected ${n} messages at the SMTP server, got ${received.length}`);
				await new Promise((r) => setTimeout(r, 20));
			}
			return received;
		},
		close: () => new Promise<void>((ok) => server.close(() => ok()))
	};
}

/** The messages an SMTP server of the tests kept in `dir` for this address, oldest first. */
export async function mailsIn(dir: string, address: string): Promise<Received[]> {
	const { readdirSync, readFileSync } = await import('node:fs');
	const out: Received[] = [];
	const files = readdirSync(dir).sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]) || a.localeCompare(b));
	for (const f of files) {
		const file = readFileSync(join(dir, f), 'utf8');
		const [first, ...rest] = file.split('\r\n');
		const to = first.replace('X-Envelope-To: ', '').split(',');
		if (!to.includes(address)) continue;
		const raw = rest.join('\r\n');
		out.push({ mail: await simpleParser(raw), raw, to });
	}
	return out;
}

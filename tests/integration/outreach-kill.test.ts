// Exactly once, tested with a real kill: a sender process is killed with SIGKILL in the middle of sending and started
// again; every message arrives, none as two different messages, and a message the dead process had handed over but
// not yet recorded is resent with its own Message-ID, so the receiving side can tell it is the same one.
// PostgreSQL only: two processes share the database, and PGlite lives inside one.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray, eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client';
import { outboxMessages } from '../../src/lib/server/db/schema';
import { planAll } from '../../src/lib/server/outreach/plan';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

const SENDER = resolve(import.meta.dirname, '../../scripts/outreach-sender.ts');
const COUNT = 200;
const CONCURRENCY = 5;

let database: Database;
let smtp: TestSmtp;
beforeAll(async () => {
	database = await testDatabase();
	smtp = await startSmtp({ delayMs: 15 });
});
afterAll(async () => {
	await smtp?.close();
	await database?.close();
});

function sender(env: Record<string, string>) {
	const child = spawn(process.execPath, ['--import', 'tsx', SENDER], {
		env: {
			...process.env,
			DATABASE_URL: database.url!,
			SMTP_URL: smtp.url,
			SEND_CONCURRENCY: String(CONCURRENCY),
			SMTP_CONNECTIONS: String(CONCURRENCY),
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout.on('data', (c) => (out += c));
	child.stderr.on('data', (c) => (out += c));
	const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
	return { child, exited, output: () => out };
}

describe('a sender killed with SIGKILL in the middle of a run', () => {
	it('loses nothing and sends nothing as a second message', { timeout: 120_000 }, async () => {
		const { db } = database;
		// Any hour, any day: the sender processes run on the real clock.
		const m = await make.merchant(db, {
			displayName: 'Kill Test BV',
			outreach: { policy: { window: { timeZone: 'Europe/Amsterdam', startHour: 0, endHour: 24, sundays: true } } } as never
		});
		for (let i = 0; i < COUNT; i++) {
			const d = await make.debtor(db, m.id, { name: `Klant ${i}`, email: `klant${i}@example.nl` });
			await make.claim(db, { merchantId: m.id, debtorId: d.id }, { dueOn: '2026-11-02' });
		}
		const planned = await planAll(db, { origin: 'http://app.test', mailDomain: 'coulant.test' }, new Date('2026-11-02T10:00:00Z'));
		expect(planned.queued).toBe(COUNT);
		await db
			.update(outboxMessages)
			.set({ sendAfter: new Date('2026-11-02T10:00:00Z') })
			.where(eq(outboxMessages.merchantId, m.id));

		const first = sender({});
		const until = Date.now() + 60_000;
		while (smtp.received.length < COUNT / 4) {
			if (Date.now() > until) throw new Error(`the sender sent too little: ${first.output()}`);
			await new Promise((r) => setTimeout(r, 5));
		}
		first.child.kill('SIGKILL');
		await first.exited;
		const atKill = smtp.received.length;
		expect(atKill).toBeLessThan(COUNT);

		const second = sender({ STALE_MS: '0' });
		expect(await second.exited, second.output()).toBe(0);

		const rows = await db.select().from(outboxMessages).where(eq(outboxMessages.merchantId, m.id));
		expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
		const ids = new Set(rows.map((r) => r.messageId));
		const received = smtp.received.map((r) => r.mail.messageId!);
		const distinct = new Set(received);
		// Missing: none. Each message arrived under its one Message-ID, and nothing arrived that is not in the outbox.
		expect([...ids].filter((id) => !distinct.has(id))).toEqual([]);
		expect([...distinct].filter((id) => !ids.has(id))).toEqual([]);
		// A repeat is only ever the same message again, and only what was in flight when the process died.
		const repeats = received.length - distinct.size;
		expect(repeats).toBeLessThanOrEqual(CONCURRENCY);
		console.log(
			`kill test: ${atKill} received before the kill, ${received.length} in all, ${distinct.size} distinct, ${repeats} same-Message-ID repeats`
		);
		expect(
			await db
				.select()
				.from(outboxMessages)
				.where(inArray(outboxMessages.status, ['sending', 'queued']))
		).toEqual([]);
	});
});

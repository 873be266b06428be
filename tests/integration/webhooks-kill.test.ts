// A webhook sender killed with SIGKILL in the middle of a run, and started again: every event arrives, and what
// arrived twice is only what was in flight, under the same webhook-id. PostgreSQL only: two processes share it.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client';
import { webhookDeliveries } from '../../src/lib/server/db/schema';
import * as endpoints from '../../src/lib/server/webhooks/endpoints';
import * as timeline from '../../src/lib/server/timeline/queries';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { startReceiver } from '../helpers/receiver';

const SENDER = resolve(import.meta.dirname, '../../scripts/webhooks-sender.ts');
const COUNT = 300;
const CONCURRENCY = 8;
const LEASE_MS = 1500;

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

function sender() {
	const child = spawn(process.execPath, ['--import', 'tsx', SENDER], {
		env: {
			...process.env,
			DATABASE_URL: database.url!,
			WEBHOOKS_ALLOW_LOOPBACK: '1',
			SEND_CONCURRENCY: String(CONCURRENCY),
			LEASE_MS: String(LEASE_MS)
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	child.stdout.on('data', (c) => (out += c));
	child.stderr.on('data', (c) => (out += c));
	const exited = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
	return { child, exited, output: () => out };
}

describe.skipIf(process.env.TEST_DB_KIND !== 'postgres')('a webhook sender killed with SIGKILL', () => {
	it('loses no event, and repeats only what was in flight, with its webhook-id', { timeout: 120_000 }, async () => {
		const { db } = database;
		let secret = '';
		const accepted = new Map<string, number>();
		const receiver = await startReceiver({
			secrets: () => [secret],
			answer: (a) => {
				accepted.set(a.id, (accepted.get(a.id) ?? 0) + 1);
				return { status: 204, delayMs: 10 };
			}
		});
		try {
			const m = await make.merchant(db);
			const owner = await make.user(db, m.id, { role: 'owner' });
			const d = await make.debtor(db, m.id);
			const created = await endpoints.create(db, { merchantId: m.id, userId: owner.id }, { url: receiver.url, events: ['message.sent'] });
			secret = created.secret;
			for (let i = 0; i < COUNT; i++)
				await timeline.append(db, {
					merchantId: m.id,
					debtorId: d.id,
					type: 'outreach.sent',
					actor: 'system',
					payload: { messageId: `m${i}`, channel: 'email' }
				});

			const first = sender();
			const until = Date.now() + 60_000;
			while (receiver.arrivals.length < COUNT / 4) {
				if (Date.now() > until) throw new Error(`the sender sent too little: ${first.output()}`);
				await new Promise((r) => setTimeout(r, 5));
			}
			first.child.kill('SIGKILL');
			await first.exited;
			const atKill = receiver.arrivals.length;
			expect(atKill).toBeLessThan(COUNT);
			// What the dead process held is due again when its lease ends.
			await new Promise((r) => setTimeout(r, LEASE_MS + 200));
			const second = sender();
			expect(await second.exited, second.output()).toBe(0);

			const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, created.id));
			expect(rows).toHaveLength(COUNT);
			expect(rows.filter((r) => r.status !== 'delivered')).toEqual([]);
			expect(accepted.size).toBe(COUNT);
			expect(receiver.unverified).toEqual([]);
			const repeats = receiver.arrivals.length - accepted.size;
			expect(repeats).toBeLessThanOrEqual(CONCURRENCY);
			console.log(
				`webhooks kill test: ${atKill} arrived before the kill, ${receiver.arrivals.length} in all, ${accepted.size} distinct, ${repeats} repeats`
			);
		} finally {
			await receiver.close();
		}
	});
});

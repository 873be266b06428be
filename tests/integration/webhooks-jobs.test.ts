// Webhooks out through the real job queue, as `npm start` runs them: followed at start-up, sent, and retried later.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client';
import { startJobs } from '../../src/lib/server/jobs';
import { startQueue, type Queue } from '../../src/lib/server/queue';
import * as support from '../../src/lib/server/support/actions';
import * as endpoints from '../../src/lib/server/webhooks/endpoints';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { startReceiver } from '../helpers/receiver';
import { eventually } from '../helpers/standin';

// The receiver is on this machine: the tests' override, read when the jobs first read the configuration.
process.env.WEBHOOKS_ALLOW_LOOPBACK = '1';

let database: Database;
let queue: Queue;
beforeAll(async () => {
	database = await testDatabase();
	queue = await startQueue(database, { supervise: false });
});
afterAll(async () => {
	await queue?.stop({ graceful: false });
	await database?.close();
});

it('delivers what happened before start-up, and retries a failed try when it is due', { timeout: 40_000 }, async () => {
	const { db } = database;
	let secret = '';
	const receiver = await startReceiver({ secrets: () => [secret], answer: (_, nth) => ({ status: nth === 1 ? 500 : 204 }) });
	try {
		const m = await make.merchant(db);
		const owner = await make.user(db, m.id, { role: 'owner' });
		const d = await make.debtor(db, m.id);
		const scope = { merchantId: m.id, userId: owner.id, role: 'owner' as const };
		secret = (await endpoints.create(db, scope, { url: receiver.url, events: ['claim.paid'] })).secret;
		const c = await make.claim(db, { merchantId: m.id, debtorId: d.id });
		await support.closeClaim(db, scope, d.id, c.id, 'paid_outside', 'bank');
		await startJobs(queue, db);
		// The first try fails (500); the retry, about 10 s later by the default schedule, gets through.
		expect(
			await eventually(
				async () => receiver.arrivals.length,
				(n) => n >= 2,
				30_000
			)
		).toBe(2);
		expect(new Set(receiver.arrivals.map((a) => a.id)).size).toBe(1);
		expect(receiver.unverified).toEqual([]);
	} finally {
		await receiver.close();
	}
});

// The scheduled work, through the real queue: a broken promise is noticed by the job, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, like } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client';
import { throttles, timelineEvents } from '../../src/lib/server/db/schema';
import { runOnce, startJobs } from '../../src/lib/server/jobs';
import * as linkService from '../../src/lib/server/links/service';
import * as portal from '../../src/lib/server/portal/service';
import * as promises from '../../src/lib/server/promises/service';
import { startQueue, type Queue } from '../../src/lib/server/queue';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { eventually } from '../helpers/standin';

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

/** A debtor who promised, 20 days ago, to pay the next day: a promise long overdue. */
async function overduePromise() {
	const { db } = database;
	const m = await make.merchant(db);
	const d = await make.debtor(db, m.id);
	await make.claim(db, { merchantId: m.id, debtorId: d.id });
	const past = new Date(Date.now() - 20 * 86_400_000);
	const { token } = await linkService.issue(db, d.id, 90, past);
	const who = (await portal.holder(db, token, past))!;
	const tomorrowThen = new Date(past.getTime() + 86_400_000).toISOString().slice(0, 10);
	expect((await promises.make(db, who, tomorrowThen, past)).ok).toBe(true);
	return d.id;
}

/** How many times the debtor's promise was found broken, on their timeline. */
const broken = (debtorId: string) =>
	database.db
		.select({ n: count() })
		.from(timelineEvents)
		.where(and(eq(timelineEvents.debtorId, debtorId), eq(timelineEvents.type, 'promise.broken')))
		.then(([r]) => r.n);

describe('background work', () => {
	it('is left to the worker by a web-only process', async () => {
		const { db } = database;
		const debtorId = await overduePromise();
		await startJobs(queue, db, { work: false });
		await new Promise((r) => setTimeout(r, 1500));
		expect(await broken(debtorId)).toBe(0);
	});

	it('breaks an overdue promise on start-up and never twice', async () => {
		const { db } = database;
		const debtorId = await overduePromise();

		await startJobs(queue, db);
		expect(
			await eventually(
				() => broken(debtorId),
				(n) => n === 1,
				15_000
			)
		).toBe(1);
		// A restart, or another process, running the same work again changes nothing.
		await runOnce(db);
		await startJobs(queue, db);
		await new Promise((r) => setTimeout(r, 1500));
		expect(await broken(debtorId)).toBe(1);
	});
});

describe('throttle counters', () => {
	it('are forgotten a day after their limit was fully available again, and not before', async () => {
		const { db } = database;
		const key = `test-prune-${Date.now()}`;
		const now = new Date('2026-11-22T10:00:00Z');
		await db.insert(throttles).values([
			{ key: `${key}-old`, tat: new Date(now.getTime() - 25 * 3600_000) },
			{ key: `${key}-recent`, tat: new Date(now.getTime() - 60_000) }
		]);
		await runOnce(db, now);
		const left = await db
			.select()
			.from(throttles)
			.where(like(throttles.key, `${key}%`));
		expect(left.map((r) => r.key)).toEqual([`${key}-recent`]);
	});
});

// Work that happens over time, on the job queue: catch up on payments whose webhook never came, and
// settle promises to pay whose date has passed. pg-boss runs each scheduled job once per interval across
// all processes, keeps it through restarts, and every handler is idempotent besides.
import type { Db } from './db/client';
import { catchUp } from './settlement/catch-up';
import * as plans from './plans/service';
import * as promises from './promises/service';
import type { Queue } from './queue';
import * as throttle from './throttle';

/** Throttle windows are minutes long; a day later their counters only take up room. */
const FORGET_COUNTERS_AFTER_MS = 24 * 3600_000;
const pruneCounters = (db: Db, now = new Date()) => throttle.forgetBefore(db, new Date(now.getTime() - FORGET_COUNTERS_AFTER_MS));

export const SCHEDULES = {
	'payments.catch-up': '* * * * *',
	'promises.review': '*/15 * * * *',
	'plans.review': '7 * * * *',
	'rate-limits.prune': '23 * * * *'
} as const;

export async function runOnce(db: Db, now = new Date()) {
	await catchUp(db, now);
	await promises.review(db, now);
	await plans.review(db, now);
	await pruneCounters(db, now);
}

export async function startJobs(queue: Queue, db: Db, options: { work: boolean } = { work: true }) {
	await queue.createQueue('payments.catch-up');
	await queue.createQueue('promises.review');
	await queue.createQueue('plans.review');
	await queue.createQueue('rate-limits.prune');
	// A web-only process leaves the work to the worker processes (npm run worker).
	if (!options.work) return;
	await queue.work('plans.review', async () => {
		await plans.review(db);
	});
	await queue.work('payments.catch-up', async () => {
		await catchUp(db);
	});
	await queue.work('promises.review', async () => {
		await promises.review(db);
	});
	await queue.work('rate-limits.prune', async () => {
		await pruneCounters(db);
	});
	for (const [name, cron] of Object.entries(SCHEDULES)) await queue.schedule(name, cron);
	// And once now, so a restart picks up what happened while the server was down.
	await queue.send('promises.review', {}, { singletonKey: 'startup', singletonSeconds: 60 });
}

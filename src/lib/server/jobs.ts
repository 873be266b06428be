// Work that happens over time, on the job queue: catch up on payments whose webhook never came, and
// settle promises to pay whose date has passed. pg-boss runs each scheduled job once per interval across
// all processes, keeps it through restarts, and every handler is idempotent besides.
import type { Db } from './db/client';
import { proposeDue } from './handover/proposals';
import * as outreach from './outreach/service';
import * as plans from './plans/service';
import * as promises from './promises/service';
import * as retention from './privacy/retention';
import * as segments from './segments/service';
import type { Queue } from './queue';
import { catchUp } from './settlement/catch-up';
import { isShared } from './storage';
import { moveToStorage } from './support/attachment-files';
import * as kpi from './kpi/follow';
import * as throttle from './throttle';
import * as webhooks from './webhooks/service';

/** Throttle windows are minutes long; a day later their counters only take up room. */
const FORGET_COUNTERS_AFTER_MS = 24 * 3600_000;
const pruneCounters = (db: Db, now = new Date()) => throttle.forgetBefore(db, new Date(now.getTime() - FORGET_COUNTERS_AFTER_MS));

export const SCHEDULES = {
	'payments.catch-up': '* * * * *',
	'promises.review': '*/15 * * * *',
	'plans.review': '7 * * * *',
	'rate-limits.prune': '23 * * * *',
	// Journeys that have run their course become hand-over proposals for a person to decide on.
	'handover.propose': '41 * * * *',
	// Segments look at how late a debtor is and what they did since: everyone is sorted again every hour.
	'segments.refresh': '17 * * * *',
	// The journey decides "today" again every quarter of an hour: a message held by the night or a cap goes once it may.
	'outreach.plan': '*/15 * * * *',
	'outreach.events': '* * * * *',
	'outreach.send': '* * * * *',
	// Webhooks out follow the timeline every minute; the sender runs right after and again when a retry is due.
	'webhooks.follow': '* * * * *',
	'webhooks.deliver': '* * * * *',
	// Settled debtors past their merchant's retention period lose their personal data (privacy/retention), nightly.
	'privacy.retention': '17 3 * * *',
	// The results dashboard's counters follow the timeline every minute.
	'kpi.follow': '* * * * *'
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
	await queue.createQueue('handover.propose');
	await queue.createQueue('segments.refresh');
	for (const name of ['outreach.plan', 'outreach.events', 'outreach.send']) await queue.createQueue(name);
	for (const name of ['webhooks.follow', 'webhooks.deliver']) await queue.createQueue(name);
	await queue.createQueue('attachments.move');
	await queue.createQueue('privacy.retention');
	await queue.createQueue('kpi.follow');
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
	await queue.work('kpi.follow', async () => {
		await kpi.follow(db);
	});
	await queue.work('handover.propose', async () => {
		await proposeDue(db);
	});
	await queue.work('privacy.retention', async () => {
		await retention.run(db);
	});
	await queue.work('segments.refresh', async () => {
		await segments.refreshAll(db);
	});
	const deliverNow = (startAfter = 0) =>
		queue.send(
			'webhooks.deliver',
			{},
			{ singletonKey: startAfter ? 'retry' : 'now', singletonSeconds: Math.max(1, startAfter), startAfter }
		);
	await queue.work('webhooks.follow', async () => {
		if (await webhooks.follow(db)) await deliverNow();
	});
	await queue.work('webhooks.deliver', async () => {
		const again = await webhooks.deliver(db);
		if (again) await deliverNow(again);
	});
	const mail = !outreach.whyNotSending();
	if (mail) {
		// Planning and events only queue; the sender follows at once rather than at the next minute.
		await queue.work('outreach.plan', async () => {
			if ((await outreach.plan(db)).queued) await queue.send('outreach.send', {}, { singletonKey: 'now', singletonSeconds: 5 });
		});
		await queue.work('outreach.events', async () => {
			if (await outreach.follow(db)) await queue.send('outreach.send', {}, { singletonKey: 'now', singletonSeconds: 5 });
		});
		await queue.work('outreach.send', async () => {
			await outreach.send(db);
		});
	}
	for (const [name, cron] of Object.entries(SCHEDULES)) {
		if (mail || !name.startsWith('outreach.')) await queue.schedule(name, cron);
		else await queue.unschedule(name);
	}
	// And once now, so a restart picks up what happened while the server was down.
	await queue.send('promises.review', {}, { singletonKey: 'startup', singletonSeconds: 60 });
	if (mail) await queue.send('outreach.plan', {}, { singletonKey: 'startup', singletonSeconds: 60 });
	// What happened while no process followed, and deliveries a stopped or killed process left behind, go out now.
	await queue.send('webhooks.follow', {}, { singletonKey: 'startup', singletonSeconds: 60 });
	await queue.send('webhooks.deliver', {}, { singletonKey: 'startup', singletonSeconds: 60 });
	// Attachments from before object storage was configured move there once, after start-up; new ones go there at once.
	if (isShared()) {
		await queue.work('attachments.move', async () => {
			await moveToStorage(db);
		});
		await queue.send('attachments.move', {}, { startAfter: 10, singletonKey: 'startup', singletonSeconds: 60 });
	}
	await queue.send('kpi.follow', {}, { singletonKey: 'startup', singletonSeconds: 60 });
}

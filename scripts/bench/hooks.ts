// npm run bench:hooks — webhooks out at scale on a throw-away PostgreSQL, to a receiver on this machine that checks
// every signature with the standardwebhooks package and counts what it accepted by webhook-id:
//  1. healthy: 10,000 events followed from the timeline and delivered (deliveries/s; target ≥ 500/s);
//  2. failing: 10,000 more events to the receiver answering 500 to 30 % of requests at random; prints delivered,
//     distinct events accepted more than once (must be 0), missing (must be 0), and the time until the last retry
//     got through. This phase shortens the retry schedule (see BENCH_BACKOFF), which the output says.
// Two senders run side by side in both phases, as two worker processes would, to show they never take the same row.
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import { startPostgres } from '../../tests/helpers/postgres.ts';
import { startReceiver } from '../../tests/helpers/receiver.ts';
import { migrate, openPostgres, rowsOf } from '../../src/lib/server/db/client.ts';
import { WEBHOOK_EVENTS } from '../../src/lib/domain/webhooks.ts';
import { deliver, nextDue, type DeliverOptions } from '../../src/lib/server/webhooks/deliver.ts';
import * as endpoints from '../../src/lib/server/webhooks/endpoints.ts';
import { follow } from '../../src/lib/server/webhooks/follow.ts';
import * as make from '../../tests/helpers/fixtures.ts';

const EVENTS = 10_000;
const FAIL_SHARE = 0.3;
const BENCH_BACKOFF = { firstMs: 50, maxMs: 1000 };

const pg = await startPostgres();
const database = await openPostgres(pg.url, { max: 8 });
await migrate(database, resolve(import.meta.dirname, '../../drizzle'));
const { db } = database;

let failing = false;
let secret = '';
const accepted = new Map<string, number>();
const receiver = await startReceiver({
	secrets: () => [secret],
	answer: (a) => {
		if (failing && Math.random() < FAIL_SHARE) return { status: 500, body: 'try later' };
		accepted.set(a.id, (accepted.get(a.id) ?? 0) + 1);
		return { status: 204 };
	}
});

const m = await make.merchant(db);
const owner = await make.user(db, m.id, { role: 'owner' });
const d = await make.debtor(db, m.id);
secret = (await endpoints.create(db, { merchantId: m.id, userId: owner.id }, { url: receiver.url, events: [...WEBHOOK_EVENTS] })).secret;

/** `n` timeline entries that each give one event: messages sent and claims paid outside, written by PostgreSQL. */
async function happen(n: number, tag: string) {
	await db.execute(sql`
		insert into timeline_events (merchant_id, debtor_id, type, actor, payload)
		select ${m.id}::uuid, ${d.id}::uuid, case when g % 2 = 0 then 'outreach.sent' else 'claim.paid_outside' end, 'bench',
			jsonb_build_object('messageId', ${tag} || g, 'kind', 'reminder', 'channel', 'email', 'reference', 'F-' || ${tag} || g)
		from generate_series(1, ${n}) g`);
}

/** Two senders until nothing is due; returns the time it took. */
async function sendAll(options: DeliverOptions) {
	const start = performance.now();
	const sender = async () => {
		for (;;) {
			await deliver(db, options);
			const due = await nextDue(db);
			if (!due) return;
			await new Promise((r) => setTimeout(r, Math.max(1, Math.min(50, due.getTime() - Date.now()))));
		}
	};
	await Promise.all([sender(), sender()]);
	return performance.now() - start;
}

const count = async (q: ReturnType<typeof sql>) => Number(rowsOf<{ n: string }>(await db.execute(q))[0].n);

// --- 1. healthy
await happen(EVENTS, 'a');
let t = performance.now();
const followed = await follow(db);
const followMs = performance.now() - t;
const healthyMs = await sendAll({ allowLoopback: true, timeoutMs: 10_000 });
const healthyDelivered = accepted.size;
console.log(`healthy: ${followed} events followed from the timeline in ${(followMs / 1000).toFixed(2)} s`);
console.log(
	`healthy: ${healthyDelivered} delivered in ${(healthyMs / 1000).toFixed(2)} s = ${Math.round(healthyDelivered / (healthyMs / 1000))} deliveries/s (target ≥ 500/s)`
);

// --- 2. failing 30 % of the time
failing = true;
const before = new Set(accepted.keys());
const requestsBefore = receiver.arrivals.length;
await happen(EVENTS, 'b');
t = performance.now();
await follow(db);
let lastSuccessAt = 0;
let lastSeen = accepted.size;
const probe = setInterval(() => {
	if (accepted.size > lastSeen) {
		lastSeen = accepted.size;
		lastSuccessAt = performance.now();
	}
}, 5);
await sendAll({ allowLoopback: true, timeoutMs: 10_000, backoff: BENCH_BACKOFF });
clearInterval(probe);
if (accepted.size > lastSeen) lastSuccessAt = performance.now();
const ids = rowsOf<{ id: string }>(await db.execute(sql`select id::text from webhook_events order by id`)).map((r) => `evt_${r.id}`);
const second = ids.filter((id) => !before.has(id));
const missing = ids.filter((id) => !accepted.has(id)).length;
const duplicates = [...accepted.values()].filter((n) => n > 1).length;
const requests = receiver.arrivals.length - requestsBefore;
console.log(
	`failing 30 %: retry schedule shortened for the bench to ${BENCH_BACKOFF.firstMs} ms doubling up to ${BENCH_BACKOFF.maxMs} ms (±20 % jitter); production waits 10 s doubling up to 6 h, for 3 days`
);
console.log(
	`failing 30 %: ${second.filter((id) => accepted.has(id)).length}/${second.length} delivered with ${requests} requests (${requests - second.length} retries)`
);
console.log(`failing 30 %: time until the last retry succeeded: ${((lastSuccessAt - t) / 1000).toFixed(2)} s`);
console.log(`both phases: ${ids.length} events, missing ${missing} (must be 0), distinct events accepted twice ${duplicates} (must be 0)`);
console.log(`unverified signatures: ${receiver.unverified.length}`);
console.log(`delivery rows not delivered: ${await count(sql`select count(*) as n from webhook_deliveries where status <> 'delivered'`)}`);

await receiver.close();
await database.close();
pg.stop();
if (missing || duplicates || receiver.unverified.length) process.exitCode = 1;

// npm run bench:outreach — the reminder journey at scale on a throw-away PostgreSQL:
//  1. planning: 10,000 and then 100,000 debtors in mixed states (open for days, paid, disputed, paused, in a plan,
//     without an address, reminders stopped); the daily run decides what everyone gets. Prints the time, the
//     decisions, and the process's peak RSS above its start for each size (it must stay flat; 100k ≤ 30 s);
//  2. sending: 10,000 messages through SMTP to a local smtp-server (≥ 200 messages/s);
//  3. a kill: a sender process is killed with SIGKILL in the middle of 5,000 messages and started again; prints
//     missing and duplicate messages counted from what the SMTP server received.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { startPostgres } from '../../tests/helpers/postgres.ts';
import { migrate, openPostgres, rowsOf } from '../../src/lib/server/db/client.ts';
import { merchants } from '../../src/lib/server/db/schema/index.ts';
import { planMerchant, merchantOutreachColumns } from '../../src/lib/server/outreach/plan.ts';
import { sendDue } from '../../src/lib/server/outreach/send.ts';
import { smtpTransport } from '../../src/lib/server/outreach/transport.ts';
import { eq } from 'drizzle-orm';

const NOW = new Date('2026-11-10T10:00:00Z'); // a Tuesday, 11:00 in Amsterdam
const ALWAYS = { policy: { window: { timeZone: 'Europe/Amsterdam', startHour: 0, endHour: 24, sundays: true } } };
const options = { origin: 'http://bench.test', mailDomain: 'coulant.bench' };

const pg = await startPostgres();
const database = await openPostgres(pg.url, { max: 8 });
await migrate(database, resolve(import.meta.dirname, '../../drizzle'));
const { db } = database;

// --- a local SMTP server that counts what it accepts, by Message-ID
const received: string[] = [];
const smtp = new SMTPServer({
	authOptional: true,
	disabledCommands: ['STARTTLS'],
	logger: false,
	onData(stream, _s, done) {
		let head = '';
		stream.on('data', (c: Buffer) => {
			if (head.length < 4096) head += c.toString('utf8');
		});
		stream.on('end', () => {
			received.push(/^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? 'none');
			done();
		});
	}
});
smtp.on('error', () => {});
await new Promise<void>((ok) => smtp.listen(0, '127.0.0.1', () => ok()));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

/** A merchant with `n` debtors in mixed states, written by PostgreSQL itself. */
async function population(slug: string, n: number) {
	const [m] = await db
		.insert(merchants)
		.values({ slug, displayName: `Bench ${slug}`, outreach: ALWAYS as never })
		.returning({ id: merchants.id });
	await db.execute(sql`
		insert into debtors (merchant_id, customer_ref, name, email, locale, collection_paused_at, reminders_stopped_at)
		select ${m.id}::uuid, 'K' || g, 'Klant ' || g,
			case when g % 20 = 0 then null else 'klant' || g || '@' || ${slug} || '.test' end,
			case when g % 5 = 0 then 'en' else 'nl' end,
			case when g % 23 = 0 then now() end,
			case when g % 11 = 0 then now() end
		from generate_series(1, ${n}) g`);
	await db.execute(sql`
		insert into claims (merchant_id, debtor_id, reference, description, amount_cents, issued_on, due_on, status, disputed_at)
		select d.merchant_id, d.id, 'F-' || d.customer_ref || '-' || k, 'Factuur ' || k, 1000 + (abs(hashtext(d.customer_ref || k)) % 200000),
			date '2026-09-01', date '2026-11-10' - (abs(hashtext(d.customer_ref)) % 40),
			case when abs(hashtext(d.customer_ref)) % 7 = 0 then 'paid' else 'open' end,
			case when abs(hashtext(d.customer_ref)) % 13 = 0 then now() end
		from debtors d cross join generate_series(1, 2) k where d.merchant_id = ${m.id}::uuid`);
	const [row] = await db.select(merchantOutreachColumns).from(merchants).where(eq(merchants.id, m.id));
	return row;
}

function rssSampler() {
	const start = process.memoryUsage().rss;
	let peak = start;
	const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	return () => {
		clearInterval(timer);
		return (peak - start) / 1048576;
	};
}

const mb = (n: number) => `${n.toFixed(0)} MB`;
console.log('bench:outreach — planning');
const planned: Record<number, { ms: number; rss: number }> = {};
for (const n of [10_000, 100_000]) {
	const m = await population(`p${n}`, n);
	global.gc?.();
	const stop = rssSampler();
	const t0 = performance.now();
	const r = await planMerchant(db, m, options, NOW);
	const ms = performance.now() - t0;
	planned[n] = { ms, rss: stop() };
	global.gc?.();
	const heapAfter = process.memoryUsage().heapUsed / 1048576;
	console.log(
		`  ${String(n).padStart(7)} debtors: ${(ms / 1000).toFixed(1)} s (${Math.round(n / (ms / 1000))} debtors/s), ${r.queued} queued, ${r.held} held, peak RSS +${mb(planned[n].rss)}, heap after GC ${mb(heapAfter)}`
	);
}
console.log(
	`  100k within 30 s: ${planned[100_000].ms <= 30_000 ? 'yes' : 'NO'}; memory 100k vs 10k: ${(planned[100_000].rss / Math.max(planned[10_000].rss, 1)).toFixed(2)}×`
);

// --- sending 10,000
console.log('bench:outreach — sending through SMTP');
await db.execute(sql`update outbox_messages set send_after = 'infinity'`);
const ten = rowsOf<{ id: string }>(await db.execute(sql`select id from outbox_messages order by id limit 10000`)).map((r) => r.id);
await db.execute(sql`update outbox_messages set send_after = ${NOW.toISOString()}::timestamptz where id in ${ten}`);
const transport = smtpTransport(smtpUrl, { maxConnections: 8 });
const t1 = performance.now();
const sent = await sendDue(db, {
	transport,
	origin: options.origin,
	mailFrom: 'berichten@coulant.bench',
	linkTtlDays: 30,
	concurrency: 16
});
const sendMs = performance.now() - t1;
transport.close();
const rate = sent.sent / (sendMs / 1000);
console.log(
	`  ${sent.sent} sent (${sent.canceled} canceled at sending) in ${(sendMs / 1000).toFixed(1)} s: ${rate.toFixed(0)} messages/s (target ≥ 200: ${rate >= 200 ? 'yes' : 'NO'})`
);

// --- the kill
console.log('bench:outreach — SIGKILL in the middle of a run');
received.length = 0;
const five = rowsOf<{ id: string; message_id: string }>(
	await db.execute(sql`select id, message_id from outbox_messages where status = 'queued' order by id limit 5000`)
);
await db.execute(sql`update outbox_messages set send_after = ${NOW.toISOString()}::timestamptz where id in ${five.map((r) => r.id)}`);
const sender = resolve(import.meta.dirname, '../outreach-sender.ts');
const run = (env: Record<string, string>) => {
	const child = spawn(process.execPath, ['--import', 'tsx', sender], {
		env: { ...process.env, DATABASE_URL: pg.url, SMTP_URL: smtpUrl, SEND_CONCURRENCY: '16', SMTP_CONNECTIONS: '8', ...env },
		stdio: 'ignore'
	});
	return { child, exited: new Promise((ok) => child.on('exit', ok)) };
};
const first = run({});
const killAt = 1000 + Math.floor(Math.random() * 2500);
while (received.length < killAt) await new Promise((r) => setTimeout(r, 2));
first.child.kill('SIGKILL');
await first.exited;
const beforeRestart = received.length;
await run({ STALE_MS: '0' }).exited;
const expected = new Set(five.map((r) => r.message_id));
const distinct = new Set(received);
const missing = [...expected].filter((id) => !distinct.has(id)).length;
const strangers = [...distinct].filter((id) => !expected.has(id)).length;
const repeats = received.length - distinct.size;
console.log(
	`  killed after ${beforeRestart} of ${five.length}; after the restart the SMTP server has ${received.length} messages, ${distinct.size} distinct Message-IDs`
);
console.log(
	`  missing: ${missing} · duplicates (a second, different message for one outbox row): ${strangers} · same-Message-ID resends of what was in flight at the kill: ${repeats}`
);

await new Promise<void>((ok) => smtp.close(() => ok()));
await database.close();
pg.stop();

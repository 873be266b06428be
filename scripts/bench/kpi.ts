// npm run bench:kpi — the results dashboard on PostgreSQL with 1,000,000 claims and 20,000,000 timeline events:
// prints the p95 time to open /console/results (through the production server, signed in) for a year, a segment and
// a month (target <= 200 ms), and how long the follower takes to count 100,000 new events.
// The seed is set-based SQL (generate_series). The counters for the seeded history are written by one GROUP BY over
// the seeded events (same table, same shape: merchant × day × segment × metric × channel × step × bucket) rather than
// by the follower, which would take far longer on two cores; the follower itself is timed on the 100,000 new events.
import { hash } from '@node-rs/argon2';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from '../../src/lib/server/db/schema/index.ts';
import { follow } from '../../src/lib/server/kpi/follow.ts';
import { startPostgres } from '../../tests/helpers/postgres.ts';
import { buildApp, median, signIn, startProductionServer } from './server.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4397);
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 1_000_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000_000);
const NEW_EVENTS = Number(process.env.BENCH_NEW_EVENTS ?? 100_000);
const MERCHANTS = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);
const origin = `http://127.0.0.1:${PORT}`;
const EMAIL = 'owner@bench.test';
const PASSWORD = 'a long enough bench password';

const p95 = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Event types of the seeded history, with how often they come (out of 20 per claim). */
const MIX = [
	'claim.received',
	'outreach.sent',
	'outreach.sent',
	'outreach.sent',
	'link.opened',
	'link.opened',
	'video.started',
	'video.progress',
	'video.progress',
	'video.completed',
	'payment.started',
	'payment.paid',
	'plan.created',
	'instalment.paid',
	'promise.made',
	'promise.kept',
	'outreach.queued',
	'outreach.delivered',
	'dispute.opened',
	'language.changed'
];

async function seed(sql: postgres.Sql) {
	const started = performance.now();
	await sql`insert into merchants (slug, display_name) select 'bench-' || n, 'Bench ' || n || ' BV' from generate_series(1, ${MERCHANTS}) n`;
	const [big] = await sql`select id from merchants where slug = 'bench-1'`;
	await sql`insert into users (merchant_id, email, name, role, password_hash)
		values (${big.id}, ${EMAIL}, 'Bench owner', 'owner', ${await hash(PASSWORD)})`;
	await sql`insert into segments (merchant_id, name, position)
		select m.id, s.name, s.pos from merchants m cross join (values ('Kwetsbaar', 1), ('Zakelijk', 2), ('Vaste klanten', 3)) s(name, pos)`;
	// Skip foreign-key and append-only triggers while loading (the harness's server runs as superuser).
	await sql`set session_replication_role = replica`;
	const debtors = CLAIMS / 2;
	await sql`insert into debtors (id, merchant_id, customer_ref, name)
		select gen_random_uuid(), ms.a[1 + n % ${MERCHANTS}], 'C-' || n, 'Debiteur ' || n
		from generate_series(0, ${debtors - 1}) n, (select array_agg(id order by slug) as a from merchants) ms`;
	console.log(`  ${debtors.toLocaleString('en')} debtors (${seconds(started)})`);
	await sql`insert into debtor_segments (debtor_id, merchant_id, segment_id)
		select d.id, d.merchant_id, s.id from debtors d
		join lateral (select id from segments s where s.merchant_id = d.merchant_id
			order by position offset (abs(hashtext(d.customer_ref)) % 4) limit 1) s on true`;
	await sql`insert into claims (id, merchant_id, debtor_id, reference, description, amount_cents, issued_on, due_on)
		select gen_random_uuid(), d.merchant_id, d.id, 'INV-' || substr(d.customer_ref, 3) || '-' || k, 'Abonnement',
			1000 + (abs(hashtext(d.customer_ref || k)) % 20000), date '2025-01-01', date '2025-01-15'
		from debtors d cross join generate_series(1, 2) k`;
	console.log(`  ${CLAIMS.toLocaleString('en')} claims, segments (${seconds(started)})`);
	// 20 events per claim, spread over 2025–2026 by the claim's place; types from MIX.
	const perClaim = EVENTS / CLAIMS;
	await sql`create unlogged table bench_claims as
		select row_number() over () as n, id, merchant_id, debtor_id, amount_cents from claims`;
	await sql`insert into timeline_events (merchant_id, debtor_id, claim_id, type, actor, occurred_at, payload)
		select c.merchant_id, c.debtor_id, case when k = 0 then c.id end, (${MIX}::text[])[1 + k % ${MIX.length}],
			case when k % 7 = 3 then 'system' else 'debtor' end,
			timestamptz '2025-01-01' + ((c.n * 63072000 / ${CLAIMS}) + k * 86400 * (1 + c.n % 5)) * interval '1 second',
			case (${MIX}::text[])[1 + k % ${MIX.length}]
				when 'video.progress' then jsonb_build_object('percent', 25 + 25 * (k % 2))
				when 'payment.paid' then jsonb_build_object('amountCents', c.amount_cents, 'paymentId', c.id)
				when 'instalment.paid' then jsonb_build_object('amountCents', c.amount_cents / 4, 'paymentId', c.id::text || 'i')
				when 'outreach.sent' then jsonb_build_object('channel', (array['email','sms','letter'])[1 + c.n % 3], 'kind', 'reminder')
				else '{}'::jsonb end
		from bench_claims c cross join generate_series(0, ${perClaim - 1}) k`;
	console.log(`  ${EVENTS.toLocaleString('en')} events (${seconds(started)})`);
	await sql`set session_replication_role = origin`;
	// The counters for that history, in one pass (see the file's header).
	await sql`insert into kpi_daily (merchant_id, day, segment_id, metric, channel, step, bucket, count, cents)
		select e.merchant_id, (e.occurred_at at time zone 'Europe/Amsterdam')::date, coalesce(ds.segment_id, '00000000-0000-0000-0000-000000000000'),
			case e.type when 'claim.received' then 'placed' when 'outreach.sent' then 'f_sent' when 'link.opened' then 'f_opened'
				when 'video.progress' then 'f_watched' when 'payment.started' then 'f_chose' when 'payment.paid' then 'collected_now'
				when 'instalment.paid' then 'collected_plan' when 'plan.created' then 'plans_made' when 'promise.made' then 'promises_made'
				when 'promise.kept' then 'promises_kept' when 'dispute.opened' then 'disputes' else 'settled' end,
			case when e.type like 'outreach.%' or e.type in ('link.opened', 'video.progress', 'payment.started') then coalesce(e.payload->>'channel', 'email') else '' end,
			case when e.type in ('outreach.sent', 'link.opened', 'video.progress', 'payment.started') then (array['link','reminder-1','reminder-2','fourteen-day','final-notice'])[1 + e.id % 5] else '' end,
			0, count(*), coalesce(sum((e.payload->>'amountCents')::bigint), 0)
		from timeline_events e left join debtor_segments ds on ds.debtor_id = e.debtor_id
		where e.type in ('claim.received','outreach.sent','link.opened','video.progress','payment.started','payment.paid','instalment.paid',
			'plan.created','promise.made','promise.kept','dispute.opened','video.completed')
		group by 1, 2, 3, 4, 5, 6`;
	// Time to pay is a histogram: a bucket per whole day, as the follower writes it.
	await sql`insert into kpi_daily (merchant_id, day, segment_id, metric, bucket, count)
		select merchant_id, day, segment_id, 'days_to_pay', b, 1 + (abs(hashtext(day::text || b)) % 9)
		from (select distinct merchant_id, day, segment_id from kpi_daily) x cross join generate_series(0, 40, 3) b`;
	await sql`insert into kpi_monthly (merchant_id, month, segment_id, metric, channel, step, bucket, count, cents)
		select merchant_id, date_trunc('month', day)::date, segment_id, metric, channel, step, bucket, sum(count), sum(cents)
		from kpi_daily group by 1, 2, 3, 4, 5, 6, 7`;
	await sql`insert into kpi_cursor (name, last_event_id) select 'kpi', max(id) from timeline_events`;
	await sql`analyze`;
	const [{ rows }] = await sql`select count(*)::int as rows from kpi_daily`;
	console.log(`seeded in ${seconds(started)}; kpi_daily has ${Number(rows).toLocaleString('en')} rows`);
	return big.id as string;
}

/** 100,000 new events of every kind the follower counts, for debtors of every merchant. */
async function arrive(sql: postgres.Sql) {
	await sql`insert into timeline_events (merchant_id, debtor_id, claim_id, type, actor, occurred_at, payload)
		select c.merchant_id, c.debtor_id, case when t.type in ('claim.received', 'claim.paid_outside') then c.id end, t.type, 'debtor',
			timestamptz '2026-12-01' + i * interval '1 second',
			case t.type when 'video.progress' then '{"percent": 50}'::jsonb
				when 'payment.paid' then jsonb_build_object('amountCents', 2500, 'paymentId', gen_random_uuid())
				when 'instalment.paid' then jsonb_build_object('amountCents', 800, 'paymentId', gen_random_uuid())
				when 'outreach.sent' then '{"channel": "sms", "kind": "reminder"}'::jsonb else '{}'::jsonb end
		from generate_series(1, ${NEW_EVENTS}) i
		join bench_claims c on c.n = 1 + (i * 7919) % ${CLAIMS}
		cross join lateral (select (array['claim.received','outreach.sent','outreach.sent','link.opened','video.progress','payment.started',
			'payment.paid','instalment.paid','plan.created','promise.made','dispute.opened','outreach.delivered'])[1 + i % 12] as type) t`;
}

async function time(url: string, cookie: string) {
	const started = performance.now();
	const res = await fetch(url, { headers: { cookie, accept: 'text/html' } });
	const body = await res.text();
	const ms = performance.now() - started;
	if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
	return { ms, body };
}

buildApp('bench:kpi');
const pg = await startPostgres();
const sql = postgres(pg.url, { max: 2, onnotice: () => {} });
// A web-only server: the bench times the follower itself, so no job in the server may count the new events first.
const server = await startProductionServer({
	port: PORT,
	databaseUrl: pg.socketUrl ?? pg.url,
	env: { DEMO: '0', MOLLIE_STANDIN: '1', ROLE: 'web' }
});
try {
	console.log(`bench:kpi — seeding ${CLAIMS.toLocaleString('en')} claims and ${EVENTS.toLocaleString('en')} events…`);
	const merchantId = await seed(sql);
	const [segment] = await sql`select id from segments where merchant_id = ${merchantId} order by position limit 1`;
	const cookie = await signIn(origin, EMAIL, PASSWORD);
	const views = {
		year: `${origin}/console/results?period=year&year=2025`,
		segment: `${origin}/console/results?period=year&year=2025&segment=${segment.id}`,
		month: `${origin}/console/results?period=month&month=2025-06`
	};
	const first = await time(views.year, cookie);
	if (!first.body.includes('data-testid="results-placed"')) throw new Error('the results page did not render');
	const times: Record<string, number[]> = { year: [], segment: [], month: [] };
	for (let i = 0; i < ROUNDS; i++) for (const [name, url] of Object.entries(views)) times[name].push((await time(url, cookie)).ms);

	const db = drizzle(postgres(pg.url, { max: 2, onnotice: () => {} }), { schema });
	await arrive(sql);
	const catching = performance.now();
	const counted = await follow(db as never);
	const catchUpMs = performance.now() - catching;
	await db.$client.end({ timeout: 2 });

	console.log('');
	const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms, p95 ${p95(xs).toFixed(1)} ms`;
	console.log(
		`open results for a year (merchant with ${(CLAIMS / MERCHANTS).toLocaleString('en')} claims): ${fmt(times.year)}   (target p95 <= 200 ms)`
	);
	console.log(`open results for a year and one segment: ${fmt(times.segment)}   (target p95 <= 200 ms)`);
	console.log(`open results for a month: ${fmt(times.month)}   (target p95 <= 200 ms)`);
	console.log(
		`catch-up after ${NEW_EVENTS.toLocaleString('en')} new events: ${counted.toLocaleString('en')} counted in ${(catchUpMs / 1000).toFixed(1)} s`
	);
	const ok = Object.values(times).every((xs) => p95(xs) <= 200);
	console.log(ok ? 'bench:kpi: targets met' : 'bench:kpi: TARGETS MISSED');
	process.exitCode = ok ? 0 : 1;
} finally {
	await server.stop();
	await sql.end({ timeout: 2 });
	pg.stop();
}

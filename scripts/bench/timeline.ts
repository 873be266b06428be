// npm run bench:timeline — a merchant with 100,000 debtors, one of them with 10,000 timeline events, on
// PostgreSQL: prints the p95 time to open that debtor's timeline (first page) and to search, through the
// production server as a signed-in agent, and the search's plan (EXPLAIN ANALYZE, BUFFERS) for a few inputs.
// Targets: search p95 <= 50 ms (<= 100 ms with the machine busy), timeline p95 <= 50 ms.
import { hash } from '@node-rs/argon2';
import postgres from 'postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { searchStatement } from '../../src/lib/server/support/queries.ts';
import { startPostgres } from '../../tests/helpers/postgres.ts';
import { buildApp, median, signIn, startProductionServer } from './server.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4398);
const DEBTORS = Number(process.env.BENCH_DEBTORS ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 100);
const origin = `http://127.0.0.1:${PORT}`;
const EMAIL = 'agent@bench.test';
const PASSWORD = 'a long enough bench password';

const p95 = (xs: number[]) => xs.toSorted((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];

/** Bulk data straight in SQL: far faster than going through the app, and the app only reads it. */
async function seed(sql: postgres.Sql) {
	const [m] = await sql`insert into merchants (slug, display_name) values ('bench', 'Bench BV') returning id`;
	await sql`insert into users (merchant_id, email, name, role, password_hash)
		values (${m.id}, ${EMAIL}, 'Bench agent', 'agent', ${await hash(PASSWORD)})`;
	await sql`insert into debtors (merchant_id, customer_ref, name, email)
		select ${m.id}, 'C-' || n, (array['Sanne','Mehmet','Emma','Noor','Jan','Lotte','Daan','Fatima'])[1 + n % 8] || ' Bench ' || n, 'debtor' || n || '@example.nl'
		from generate_series(1, ${DEBTORS}) n`;
	await sql`insert into claims (merchant_id, debtor_id, reference, description, amount_cents, issued_on, due_on)
		select ${m.id}, d.id, 'INV-' || substr(d.customer_ref, 3), 'Abonnement', 1000 + (random() * 10000)::int, current_date - 40, current_date - 26
		from debtors d where d.merchant_id = ${m.id}`;
	const [target] = await sql`select id from debtors where merchant_id = ${m.id} and customer_ref = 'C-4711'`;
	const types = [
		'link.opened',
		'payment.started',
		'payment.failed',
		'video.started',
		'video.progress',
		'promise.made',
		'note.added',
		'language.changed'
	];
	await sql`insert into timeline_events (merchant_id, debtor_id, type, actor, occurred_at, payload)
		select ${m.id}, ${target.id}, (${types}::text[])[1 + n % ${types.length}], 'debtor', now() - (n || ' minutes')::interval, jsonb_build_object('n', n)
		from generate_series(1, ${EVENTS}) n`;
	// Everyone else has a little history too, so the table is not only this one debtor.
	await sql`insert into timeline_events (merchant_id, debtor_id, type, actor, occurred_at)
		select merchant_id, id, 'link.opened', 'debtor', now() - interval '1 day' from debtors where merchant_id = ${m.id}`;
	await sql`analyze`;
	return target.id as string;
}

async function time(url: string, cookie: string) {
	const started = performance.now();
	const res = await fetch(url, { headers: { cookie, accept: 'text/html' } });
	const body = await res.text();
	const ms = performance.now() - started;
	if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
	return { ms, body };
}

buildApp('bench:timeline');
const pg = await startPostgres();
const sql = postgres(pg.url, { max: 2, onnotice: () => {} });
const server = await startProductionServer({ port: PORT, databaseUrl: pg.socketUrl ?? pg.url, env: { DEMO: '0', MOLLIE_STANDIN: '1' } });
try {
	const seeding = performance.now();
	const target = await seed(sql);
	console.log(
		`seeded ${DEBTORS.toLocaleString('en')} debtors and claims, ${EVENTS.toLocaleString('en')} events for one debtor in ${((performance.now() - seeding) / 1000).toFixed(1)} s`
	);
	const cookie = await signIn(origin, EMAIL, PASSWORD);
	const first = await time(`${origin}/console/debtors/${target}`, cookie);
	if (!first.body.includes('data-testid="timeline"')) throw new Error('the timeline did not render');
	const openTimes: number[] = [];
	for (let i = 0; i < ROUNDS; i++) openTimes.push((await time(`${origin}/console/debtors/${target}`, cookie)).ms);
	const queries = ['Bench 4711', 'C-99', 'mehmet', 'INV-12345', 'debtor777@', 'noor bench 5', 'xyz-no-match'];
	const searchTimes: number[] = [];
	for (let i = 0; i < ROUNDS; i++) {
		const q = queries[i % queries.length];
		searchTimes.push((await time(`${origin}/console/search?q=${encodeURIComponent(q)}`, cookie)).ms);
	}
	// Not an issue target, but the same merchant: the debtor list's first page and a page deep in the alphabet.
	const listTimes: number[] = [];
	const firstPage = await time(`${origin}/console/debtors`, cookie);
	const deeper = /after=([0-9a-f-]{36})/.exec(firstPage.body)?.[1];
	if (!deeper) throw new Error('the debtor list did not offer a next page');
	for (let i = 0; i < ROUNDS; i++) listTimes.push((await time(`${origin}/console/debtors${i % 2 ? `?after=${deeper}` : ''}`, cookie)).ms);
	const [{ id: merchantId }] = await sql`select id from merchants where slug = 'bench'`;
	for (const q of ['mehmet', 'INV-12345', 'xyz-no-match']) {
		const query = new PgDialect().sqlToQuery(searchStatement(merchantId, `%${q}%`, 20));
		const plan = await sql.unsafe(`explain (analyze, buffers, costs off) ${query.sql}`, query.params as never[]);
		console.log(`\nsearch plan for "${q}":\n${plan.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
	}
	console.log('');
	const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms, p95 ${p95(xs).toFixed(1)} ms`;
	console.log(`open timeline (first page of 50, ${EVENTS.toLocaleString('en')} events): ${fmt(openTimes)}   (target p95 <= 50 ms)`);
	console.log(
		`search among ${DEBTORS.toLocaleString('en')} debtors: ${fmt(searchTimes)}   (target p95 <= 50 ms; <= 100 ms on a busy machine)`
	);
	console.log(`debtor list, a page of 50 among ${DEBTORS.toLocaleString('en')} (for reference): ${fmt(listTimes)}`);
	const ok = p95(openTimes) <= 50 && p95(searchTimes) <= 50;
	console.log(ok ? 'bench:timeline: targets met' : 'bench:timeline: TARGETS MISSED');
	process.exitCode = ok ? 0 : 1;
} finally {
	await server.stop();
	await sql.end({ timeout: 2 });
	pg.stop();
}

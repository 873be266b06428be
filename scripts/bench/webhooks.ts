// npm run bench:webhooks — 2,000 Mollie webhooks (duplicate, out-of-order, concurrent) for 500 payments against the production server on PostgreSQL; counts double transitions and lost updates (both must be 0).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { startPostgres } from '../../tests/helpers/postgres.ts';
import { buildApp, startProductionServer, type BenchServer } from './server.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4394);
const PAYMENTS = 500;
const WEBHOOKS = 2000;
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 24);
const SEED = Number(process.env.BENCH_SEED ?? 20260);
const origin = `http://127.0.0.1:${PORT}`;
const webhookUrl = `${origin}/api/webhooks/mollie`;
const FORM = 'application/x-www-form-urlencoded';

type Final = 'paid' | 'failed' | 'canceled' | 'expired';
type Bench = {
	id: string;
	mollieId: string;
	debtorId: string;
	claimId: string;
	amountCents: number;
	final: Final;
	seenPending: boolean;
	calls: number;
};
type Call = { body: string; type: string };
/** Calls sent together with Promise.all: the same news arriving concurrently. */
type Burst = Call[];
type Result = [latencyMs: number, status: number];

// A seeded generator, so a failing run can be repeated with the same plan (BENCH_SEED).
let state = SEED >>> 0;
function random() {
	state = (state + 0x6d2b79f5) >>> 0;
	let t = state;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const randInt = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
function shuffle<T>(items: T[]): T[] {
	for (let i = items.length - 1; i > 0; i--) {
		const j = randInt(0, i);
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const mollieId = () => 'tr_' + Array.from({ length: 10 }, () => ALNUM[randInt(0, ALNUM.length - 1)]).join('');

/** Mostly paid, as in real life; ~20% of payments are seen 'pending' before their final status. */
function plan(): Bench[] {
	const finals: Final[] = ['paid', 'failed', 'canceled', 'expired'];
	const seen = new Set<string>();
	const bench: Bench[] = [];
	for (let i = 0; i < PAYMENTS; i++) {
		let id = mollieId();
		while (seen.has(id)) id = mollieId();
		seen.add(id);
		const r = random();
		const final = r < 0.7 ? 'paid' : finals[1 + Math.floor((r - 0.7) / 0.1)];
		bench.push({
			id: randomUUID(),
			mollieId: id,
			debtorId: randomUUID(),
			claimId: randomUUID(),
			amountCents: randInt(500, 50_000),
			final,
			seenPending: random() < 0.2,
			calls: 2
		});
	}
	// 2–6 calls per payment, 2% unknown ids and a few garbage bodies: 2,000 calls in all.
	let extra = WEBHOOKS - Math.round(WEBHOOKS * 0.02) - GARBAGE.length - 2 * PAYMENTS;
	while (extra > 0) {
		const p = bench[randInt(0, PAYMENTS - 1)];
		if (p.calls < 6) {
			p.calls++;
			extra--;
		}
	}
	return bench;
}

const GARBAGE: Call[] = [
	{ body: '', type: FORM },
	{ body: 'id=', type: FORM },
	{ body: 'id=tr_', type: FORM },
	{ body: 'id=cst_abcdefghij', type: FORM },
	{ body: 'id=tr_abc%00def', type: FORM },
	{ body: `id=tr_${'a'.repeat(80)}`, type: FORM },
	{ body: 'foo=bar&baz', type: FORM },
	{ body: '{"id":"tr_abcdefghij"}', type: 'application/json' },
	{ body: '%%%&&&===', type: FORM },
	{ body: 'id=tr_../../v2/methods', type: 'text/plain' }
];

async function seed(sql: postgres.Sql, bench: Bench[]) {
	const [merchant] = await sql<{ id: string }[]>`select id from merchants where slug = 'de-groene-fiets'`;
	if (!merchant) throw new Error('demo merchant de-groene-fiets not found (DEMO=1 should create it)');
	const now = new Date();
	const expires = new Date(now.getTime() + 15 * 60_000);
	const value = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
	await sql.begin(async (tx) => {
		await tx`insert into debtors ${tx(bench.map((b, i) => ({ id: b.debtorId, merchant_id: merchant.id, customer_ref: `BENCH-${i}`, name: `Bench debtor ${i}`, locale: 'nl' })))}`;
		await tx`insert into claims ${tx(bench.map((b, i) => ({ id: b.claimId, merchant_id: merchant.id, debtor_id: b.debtorId, reference: `BENCH-INV-${i}`, description: 'Benchmark invoice', amount_cents: b.amountCents, currency: 'EUR', issued_on: '2026-01-01', due_on: '2026-01-15', status: 'open' })))}`;
		await tx`insert into payments ${tx(
			bench.map((b) => ({
				id: b.id,
				merchant_id: merchant.id,
				debtor_id: b.debtorId,
				mollie_payment_id: b.mollieId,
				idempotency_key: randomUUID(),
				return_token_hash: createHash('sha256').update(randomUUID()).digest('hex'),
				status: 'open',
				amount_cents: b.amountCents,
				currency: 'EUR',
				method: 'ideal',
				checkout_url: `${origin}/standin/mollie/checkout/${b.mollieId}`,
				expires_at: expires
			}))
		)}`;
		await tx`insert into payment_claims ${tx(bench.map((b) => ({ payment_id: b.id, claim_id: b.claimId })))}`;
		await tx`insert into standin_payments ${tx(
			bench.map((b) => ({
				id: b.mollieId,
				status: 'open',
				amount_value: value(b.amountCents),
				currency: 'EUR',
				description: 'Benchmark payment',
				method: 'ideal',
				redirect_url: `${origin}/p/bench`,
				webhook_url: webhookUrl,
				metadata: tx.json({ coulantPaymentId: b.id }),
				created_at: now,
				expires_at: expires
			}))
		)}`;
	});
}

/** Mollie's truth moves on: some payments to 'pending' first (intermediate news), then all to their final status. */
async function markPending(sql: postgres.Sql, bench: Bench[]) {
	await sql`update standin_payments set status = 'pending' where id in ${sql(bench.filter((b) => b.seenPending).map((b) => b.mollieId))}`;
}
async function finalize(sql: postgres.Sql, bench: Bench[]) {
	const rows = bench.map((b) => [b.mollieId, b.final]);
	await sql`
		update standin_payments s set status = v.status,
			paid_at = case when v.status = 'paid' then now() end, failed_at = case when v.status = 'failed' then now() end,
			canceled_at = case when v.status = 'canceled' then now() end, expired_at = case when v.status = 'expired' then now() end
		from (values ${sql(rows)}) as v(id, status) where s.id = v.id`;
}

/** Splits each payment's calls into bursts of concurrent duplicates; wave 1 comes before (and while) the truth becomes final. */
function waves(bench: Bench[]): [Burst[], Burst[]] {
	const early: Burst[] = [];
	const late: Burst[] = [];
	for (const b of bench) {
		const call: Call = { body: `id=${b.mollieId}`, type: FORM };
		let left = b.calls;
		// Pending payments, and ~10% still 'open', hear early news; at least one call always stays for wave 2.
		if (b.seenPending || random() < 0.1) {
			const n = Math.min(left - 1, randInt(1, 2));
			early.push(Array(n).fill(call));
			left -= n;
		}
		while (left > 0) {
			const n = Math.min(left, randInt(1, 4));
			late.push(Array(n).fill(call));
			left -= n;
		}
	}
	const known = new Set(bench.map((b) => b.mollieId));
	for (let i = 0; i < Math.round(WEBHOOKS * 0.02); i++) {
		let id = mollieId();
		while (known.has(id)) id = mollieId();
		late.push([{ body: `id=${id}`, type: FORM }]);
	}
	for (const g of GARBAGE) late.push([g]);
	return [shuffle(early), shuffle(late)];
}

// The load generator runs in its own process so it does not share the bench's event loop; it receives waves over IPC.
const LOADER = `
const url = process.env.BENCH_WEBHOOK_URL, MAX = Number(process.env.BENCH_IN_FLIGHT);
let inFlight = 0; const waiting = [];
const acquire = (k) => new Promise((go) => { const tryGo = () => inFlight + k <= MAX && (inFlight += k, go(), true); if (!tryGo()) waiting.push(tryGo); });
const release = (k) => { inFlight -= k; while (waiting.length && waiting[0]()) waiting.shift(); };
async function post({ body, type }) {
	const t0 = performance.now();
	try {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
		await res.arrayBuffer();
		return [performance.now() - t0, res.status];
	} catch { return [performance.now() - t0, 0]; }
}
process.on('message', async (bursts) => {
	const t0 = performance.now(); const results = []; let done = 0;
	await Promise.all(bursts.map(async (burst) => {
		await acquire(burst.length);
		try { results.push(...(await Promise.all(burst.map(post)))); } finally { release(burst.length); }
		done += burst.length;
		process.send({ progress: done });
	}));
	process.send({ ms: performance.now() - t0, results });
});`;

function startLoader() {
	return spawn(process.execPath, ['--input-type=module', '-e', LOADER], {
		env: { ...process.env, BENCH_WEBHOOK_URL: webhookUrl, BENCH_IN_FLIGHT: String(IN_FLIGHT) },
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
}

/** Sends one wave; `atHalf` runs when half its calls are answered (to change Mollie's truth mid-flight). */
function fire(loader: ChildProcess, bursts: Burst[], atHalf?: () => Promise<void>) {
	const total = bursts.reduce((n, b) => n + b.length, 0);
	return new Promise<{ ms: number; results: Result[] }>((resolve, reject) => {
		let half: Promise<void> | undefined;
		const onMessage = (m: { progress?: number; ms?: number; results?: Result[] }) => {
			if (m.progress !== undefined) {
				if (atHalf && !half && m.progress >= total / 2) half = atHalf().catch(reject);
				return;
			}
			loader.off('message', onMessage);
			Promise.resolve(half).then(() => resolve({ ms: m.ms!, results: m.results! }), reject);
		};
		loader.on('message', onMessage);
		loader.send(bursts);
	});
}

type Verdict = { doubles: number; lost: number; wrongClaims: number; strayEvents: number };

async function verify(sql: postgres.Sql, bench: Bench[], strayBefore: number): Promise<Verdict> {
	const truth = sql(bench.map((b) => [b.id, b.final]));
	const [counts] = await sql<{ doubles: number; lost: number; wrong_claims: number }[]>`
		with truth(id, final) as (values ${truth}),
		per as (
			select t.id, t.final, p.status,
				(select count(*) from timeline_events e where e.payload->>'paymentId' = t.id and e.type = 'payment.' || t.final)::int as right_events,
				(select count(*) from timeline_events e where e.payload->>'paymentId' = t.id
					and e.type in ('payment.paid', 'payment.failed', 'payment.canceled', 'payment.expired', 'payment.overpaid'))::int as final_events,
				(select count(*) from payment_claims pc join claims c on c.id = pc.claim_id
					where pc.payment_id = t.id::uuid and c.status <> case when t.final = 'paid' then 'paid' else 'open' end)::int as bad_claims
			from truth t left join payments p on p.id = t.id::uuid)
		select count(*) filter (where final_events > 1)::int as doubles,
			count(*) filter (where status is distinct from final or right_events = 0)::int as lost,
			coalesce(sum(bad_claims), 0)::int as wrong_claims
		from per`;
	return {
		doubles: counts.doubles,
		lost: counts.lost,
		wrongClaims: counts.wrong_claims,
		strayEvents: (await strayPaymentEvents(sql, bench)) - strayBefore
	};
}

/** Payment events that belong to none of our payments: unknown ids and garbage must add none. */
async function strayPaymentEvents(sql: postgres.Sql, bench: Bench[]) {
	const [row] = await sql<{ n: number }[]>`
		select count(*)::int as n from timeline_events
		where type like 'payment.%' and coalesce(payload->>'paymentId', '') not in ${sql(bench.map((b) => b.id))}`;
	return row.n;
}

function percentile(sorted: number[], p: number) {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function report(bench: Bench[], results: Result[], ms: number, v: Verdict) {
	const mix = (['paid', 'failed', 'canceled', 'expired'] as const)
		.map((f) => `${f} ${bench.filter((b) => b.final === f).length}`)
		.join(', ');
	const latencies = results.map((r) => r[0]).sort((a, b) => a - b);
	const count = (f: (s: number) => boolean) => results.filter((r) => f(r[1])).length;
	console.log('');
	console.log(
		`webhooks sent: ${results.length} for ${PAYMENTS} payments (+unknown ids, garbage), ${IN_FLIGHT} in flight max, from a second process, on PostgreSQL`
	);
	console.log(`Mollie's final truth: ${mix}; ${bench.filter((b) => b.seenPending).length} seen 'pending' first`);
	console.log(`throughput: ${((results.length / ms) * 1000).toFixed(0)} webhooks/s (${(ms / 1000).toFixed(2)} s)`);
	console.log(
		`latency: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`
	);
	console.log(
		`answers: 2xx ${count((s) => s >= 200 && s < 300)}, 503 (Mollie not reachable) ${count((s) => s === 503)}, other non-2xx/errors ${count((s) => (s < 200 || s >= 300) && s !== 503)}`
	);
	console.log(`double transitions: ${v.doubles}   (must be 0)`);
	console.log(`lost updates: ${v.lost}   (must be 0)`);
	console.log(`wrong claim states: ${v.wrongClaims}   (must be 0)`);
	console.log(`payment events from unknown ids/garbage: ${v.strayEvents}   (must be 0)`);
}

buildApp('bench:webhooks');
const pg = await startPostgres();
let server: BenchServer | undefined;
let loader: ChildProcess | undefined;
// Our own connection over TCP; the server gets the unix socket when the harness started the cluster (cheaper).
const sql = postgres(pg.url, { max: 4, onnotice: () => {} });
try {
	server = await startProductionServer({ port: PORT, databaseUrl: pg.socketUrl ?? pg.url, env: { DEMO: '1' } });
	const bench = plan();
	await seed(sql, bench);
	const strayBefore = await strayPaymentEvents(sql, bench);
	const [early, late] = waves(bench);
	loader = startLoader();

	await markPending(sql, bench);
	// The final truth lands while wave 1 is still in flight: 'pending' and final news race for the same rows.
	const first = await fire(loader, early, () => finalize(sql, bench));
	const second = await fire(loader, late);

	const verdict = await verify(sql, bench, strayBefore);
	report(bench, [...first.results, ...second.results], first.ms + second.ms, verdict);
	const ok = verdict.doubles === 0 && verdict.lost === 0 && verdict.wrongClaims === 0 && verdict.strayEvents === 0;
	console.log(ok ? 'bench:webhooks: no double transitions, no lost updates' : 'bench:webhooks: FAILED');
	process.exitCode = ok ? 0 : 1;
} finally {
	loader?.kill();
	await server?.stop();
	await sql.end({ timeout: 5 });
	pg.stop();
}

// npm run bench:faults — SIGKILLs the web process and the worker at random moments while Mollie webhooks for 300
// payments arrive in concurrent bursts, restarts them, and then checks the database: no payment applied twice, none
// lost once Mollie has repeated its webhooks (as it does after a failed delivery), no claim in a wrong state.
// PostgreSQL (web and worker share it). BENCH_ROUNDS (default 6) kills; BENCH_SEED repeats a run.
import { createHash, randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { startPostgres } from '../../tests/helpers/postgres.ts';
import { buildApp, signIn, startProductionServer, type BenchServer } from './server.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4396);
const PAYMENTS = 300;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const IN_FLIGHT = 16;
let seed = Number(process.env.BENCH_SEED ?? 2323) >>> 0;
const random = () => {
	seed = (seed + 0x6d2b79f5) >>> 0;
	let t = seed;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const origin = `http://127.0.0.1:${PORT}`;
type Final = 'paid' | 'failed' | 'canceled' | 'expired';
type P = { id: string; mollieId: string; debtorId: string; claimId: string; cents: number; final: Final };

function plan(): P[] {
	const finals: Final[] = ['paid', 'paid', 'paid', 'failed', 'canceled', 'expired'];
	return Array.from({ length: PAYMENTS }, (_, i) => ({
		id: randomUUID(),
		mollieId: `tr_fault${String(i).padStart(5, '0')}`,
		debtorId: randomUUID(),
		claimId: randomUUID(),
		cents: 500 + Math.floor(random() * 20_000),
		final: finals[Math.floor(random() * finals.length)]
	}));
}

async function seedPayments(sql: postgres.Sql, ps: P[]) {
	const [merchant] = await sql<{ id: string }[]>`select id from merchants where slug = 'de-groene-fiets'`;
	const expires = new Date(Date.now() + 15 * 60_000);
	const value = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
	await sql.begin(async (tx) => {
		await tx`insert into debtors ${tx(ps.map((p, i) => ({ id: p.debtorId, merchant_id: merchant.id, customer_ref: `FAULT-${i}`, name: `Fault ${i}`, locale: 'nl' })))}`;
		await tx`insert into claims ${tx(ps.map((p, i) => ({ id: p.claimId, merchant_id: merchant.id, debtor_id: p.debtorId, reference: `FAULT-INV-${i}`, description: 'Faults', amount_cents: p.cents, currency: 'EUR', issued_on: '2026-01-01', due_on: '2026-01-15', status: 'open' })))}`;
		await tx`insert into payments ${tx(
			ps.map((p) => ({
				id: p.id,
				merchant_id: merchant.id,
				debtor_id: p.debtorId,
				mollie_payment_id: p.mollieId,
				idempotency_key: randomUUID(),
				return_token_hash: createHash('sha256').update(randomUUID()).digest('hex'),
				status: 'open',
				amount_cents: p.cents,
				currency: 'EUR',
				method: 'ideal',
				checkout_url: `${origin}/standin/mollie/checkout/${p.mollieId}`,
				expires_at: expires
			}))
		)}`;
		await tx`insert into payment_claims ${tx(ps.map((p) => ({ payment_id: p.id, claim_id: p.claimId })))}`;
		await tx`insert into standin_payments ${tx(
			ps.map((p) => ({
				id: p.mollieId,
				status: 'open',
				amount_value: value(p.cents),
				currency: 'EUR',
				description: 'Faults',
				method: 'ideal',
				redirect_url: `${origin}/p/fault`,
				webhook_url: `${origin}/api/webhooks/mollie`,
				metadata: tx.json({ coulantPaymentId: p.id }),
				created_at: new Date(),
				expires_at: expires
			}))
		)}`;
	});
}

/** Mollie's truth becomes final for these payments (in the stand-in's own tables, which every process reads). */
async function finalize(sql: postgres.Sql, ps: P[]) {
	if (!ps.length) return;
	await sql`
		update standin_payments s set status = v.status,
			paid_at = case when v.status = 'paid' then now() end, failed_at = case when v.status = 'failed' then now() end,
			canceled_at = case when v.status = 'canceled' then now() end, expired_at = case when v.status = 'expired' then now() end
		from (values ${sql(ps.map((p) => [p.mollieId, p.final]))}) as v(id, status) where s.id = v.id`;
}

/** Webhooks for these payments, IN_FLIGHT at a time, each 1–3 times at once; a refused or cut call is just counted. */
async function deliver(ps: P[], stopAt: () => boolean) {
	const counts = { ok: 0, failed: 0 };
	let next = 0;
	const one = async () => {
		while (next < ps.length && !stopAt()) {
			const p = ps[next++];
			const copies = 1 + Math.floor(random() * 3);
			await Promise.all(
				Array.from({ length: copies }, async () => {
					try {
						const r = await fetch(`${origin}/api/webhooks/mollie`, {
							method: 'POST',
							headers: { 'content-type': 'application/x-www-form-urlencoded' },
							body: `id=${p.mollieId}`
						});
						await r.arrayBuffer();
						if (r.ok) counts.ok++;
						else counts.failed++;
					} catch {
						counts.failed++;
					}
				})
			);
		}
	};
	await Promise.all(Array.from({ length: IN_FLIGHT }, one));
	return counts;
}

async function check(sql: postgres.Sql, ps: P[]) {
	const truth = sql(ps.map((p) => [p.id, p.final]));
	const [c] = await sql<{ doubles: number; lost: number; wrong_claims: number; overpaid: number }[]>`
		with truth(id, final) as (values ${truth}),
		per as (
			select t.id, t.final, p.status,
				(select count(*) from timeline_events e where e.payload->>'paymentId' = t.id
					and e.type in ('payment.paid', 'payment.failed', 'payment.canceled', 'payment.expired', 'payment.overpaid'))::int as final_events,
				(select count(*) from payment_claims pc join claims c on c.id = pc.claim_id
					where pc.payment_id = t.id::uuid and c.status <> case when t.final = 'paid' then 'paid' else 'open' end)::int as bad_claims,
				(select count(*) from payment_claims pc join claims c on c.id = pc.claim_id
					where pc.payment_id = t.id::uuid and c.amount_paid_cents > c.amount_cents)::int as overpaid
			from truth t left join payments p on p.id = t.id::uuid)
		select count(*) filter (where final_events > 1)::int as doubles,
			count(*) filter (where status is distinct from final or final_events = 0)::int as lost,
			coalesce(sum(bad_claims), 0)::int as wrong_claims, coalesce(sum(overpaid), 0)::int as overpaid
		from per`;
	const [jobs] = await sql<{ stuck: number }[]>`
		select count(*)::int as stuck from pgboss.job where state = 'active' and started_on < now() - interval '15 minutes'`.catch(() => [
		{ stuck: -1 }
	]);
	return { doubles: c.doubles, lost: c.lost, wrongClaims: c.wrong_claims, overpaid: c.overpaid, stuckJobs: jobs.stuck };
}

const IMPORT_ROWS = 5_000;
const csvOf = (round: number) => {
	const rows = ['customer_ref,name,reference,description,amount,issued_on,due_on'];
	for (let i = 0; i < IMPORT_ROWS; i++) rows.push(`IMP${round}-K${i},Klant ${i},IMP${round}-F${i},Abonnement,12.50,2026-10-01,2026-10-15`);
	return rows.join('\n') + '\n';
};

/** Posts the CSV to the console's import as a browser would; the answer's type, or 'cut' when the server died. */
async function importCsv(cookie: string, csv: string) {
	const boundary = `----faults${Date.now()}`;
	const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="claims.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
	try {
		const res = await fetch(`${origin}/console/import`, {
			method: 'POST',
			headers: {
				'content-type': `multipart/form-data; boundary=${boundary}`,
				origin,
				cookie,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body
		});
		return ((await res.json()) as { type: string }).type;
	} catch {
		return 'cut';
	}
}

const importedRows = async (sql: postgres.Sql, round: number) =>
	(await sql<{ n: number }[]>`select count(*)::int as n from claims where reference like ${`IMP${round}-F%`}`)[0].n;

buildApp('bench:faults');
const pg = await startPostgres();
const sql = postgres(pg.url, { max: 4, onnotice: () => {} });
const url = pg.socketUrl ?? pg.url;
const startWeb = () =>
	startProductionServer({
		port: PORT,
		databaseUrl: url,
		env: { DEMO: '1', ROLE: 'web', MOLLIE_STANDIN: '1', BODY_SIZE_LIMIT: 'Infinity' }
	});
const startWorker = () =>
	startProductionServer({ port: PORT + 1, databaseUrl: url, env: { DEMO: '0', ROLE: 'worker', MOLLIE_STANDIN: '1' } });
let web: BenchServer | undefined;
let worker: BenchServer | undefined;
const kills: string[] = [];
try {
	web = await startWeb();
	worker = await startWorker();
	const ps = plan();
	await seedPayments(sql, ps);
	const order = ps.toSorted(() => random() - 0.5);
	// Half of Mollie's truth is final from the start, the rest lands during the kills.
	await finalize(sql, order.slice(0, PAYMENTS / 2));
	const sent = { ok: 0, failed: 0 };
	for (let round = 0; round < ROUNDS; round++) {
		if (round === Math.floor(ROUNDS / 2)) await finalize(sql, order.slice(PAYMENTS / 2));
		const victim = round % 3 === 2 ? 'worker' : 'web';
		const afterMs = 100 + Math.floor(random() * 900);
		const slice = order.slice(((round * PAYMENTS) / ROUNDS) | 0, (((round + 1) * PAYMENTS) / ROUNDS) | 0);
		let killed = false;
		const timer = setTimeout(() => {
			killed = true;
			(victim === 'web' ? web : worker)!.process.kill('SIGKILL');
		}, afterMs);
		// Three passes over this round's payments, so the kill lands in the middle of a burst.
		for (let pass = 0; pass < 3; pass++) {
			const r = await deliver(slice, () => killed);
			sent.ok += r.ok;
			sent.failed += r.failed;
		}
		clearTimeout(timer);
		const target = victim === 'web' ? web : worker;
		if (!killed) target!.process.kill('SIGKILL');
		await new Promise((r) => (target!.process.exitCode !== null || target!.process.signalCode ? r(null) : target!.process.once('exit', r)));
		kills.push(`${victim} after ${afterMs} ms`);
		console.log(`  kill ${kills.length}: ${kills.at(-1)}`);
		if (victim === 'web') web = await startWeb();
		else worker = await startWorker();
	}
	// A CSV import killed part-way: either all of its rows are there or none, and the same file then imports once.
	const imports: string[] = [];
	let halfImports = 0;
	let importRepeats = 0;
	for (let round = 0; round < 3; round++) {
		const csv = csvOf(round);
		const cookie = await signIn(origin, 'eigenaar@degroenefiets.example', 'demo-wachtwoord');
		const afterMs = 150 + Math.floor(random() * 1500);
		const timer = setTimeout(() => web!.process.kill('SIGKILL'), afterMs);
		const answer = await importCsv(cookie, csv);
		clearTimeout(timer);
		if (web.process.exitCode === null && !web.process.signalCode) web.process.kill('SIGKILL');
		await new Promise((r) => (web!.process.exitCode !== null || web!.process.signalCode ? r(null) : web!.process.once('exit', r)));
		kills.push(`web during an import after ${afterMs} ms`);
		console.log(`  kill ${kills.length}: ${kills.at(-1)} (the import answered: ${answer})`);
		const atKill = await importedRows(sql, round);
		if (atKill !== 0 && atKill !== IMPORT_ROWS) halfImports++;
		web = await startWeb();
		const again = await importCsv(await signIn(origin, 'eigenaar@degroenefiets.example', 'demo-wachtwoord'), csv);
		const after = await importedRows(sql, round);
		if (after !== IMPORT_ROWS) importRepeats++;
		imports.push(`${answer} with ${atKill} rows at the kill, ${again} with ${after} after the retry`);
	}

	// Mollie repeats a webhook that was not answered with 2xx: once more for every payment, as it would.
	const last = await deliver(ps, () => false);
	sent.ok += last.ok;
	sent.failed += last.failed;
	const v = await check(sql, ps);
	console.log('');
	console.log(`kills: ${kills.length} (SIGKILL) — ${kills.join('; ')}`);
	console.log(
		`webhooks: ${sent.ok + sent.failed} sent for ${PAYMENTS} payments, ${sent.ok} answered 2xx, ${sent.failed} refused or cut by a kill`
	);
	console.log(`checked: payments applied twice ${v.doubles} (must be 0); payments lost ${v.lost} (must be 0)`);
	console.log(`checked: claims in a wrong state ${v.wrongClaims} (must be 0); claims paid more than owed ${v.overpaid} (must be 0)`);
	console.log(`checked: queue jobs left active for over 15 minutes ${v.stuckJobs} (must be 0)`);
	console.log(`imports of ${IMPORT_ROWS} rows killed part-way: ${imports.join('; ')}`);
	console.log(`checked: half-imported files ${halfImports} (must be 0); files not whole after the retry ${importRepeats} (must be 0)`);
	const ok =
		v.doubles === 0 &&
		v.lost === 0 &&
		v.wrongClaims === 0 &&
		v.overpaid === 0 &&
		v.stuckJobs === 0 &&
		halfImports === 0 &&
		importRepeats === 0;
	console.log(ok ? 'bench:faults: every invariant held' : 'bench:faults: FAILED');
	process.exitCode = ok ? 0 : 1;
} finally {
	await web?.stop();
	await worker?.stop();
	await sql.end({ timeout: 5 });
	pg.stop();
}

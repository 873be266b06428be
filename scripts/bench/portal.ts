// npm run bench:portal — builds the app, starts the production server on PostgreSQL and prints: how long the server
// takes to start and to answer its first debtor page, the debtor page's first-load JavaScript and HTML (gzip bytes),
// and requests/s, p99 latency and CPU per view for /d/<token> beside a small server-rendered page without database
// work (the reference: what SvelteKit alone allows) and /healthz, under load from a second process, in rounds that
// alternate the routes. Fails below 50 % of the reference page's throughput (median of the rounds).
import { execFileSync } from 'node:child_process';
import { buildApp, median, startProductionServer } from './server.ts';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres } from '../../tests/helpers/postgres.ts';
import { cpuMs, hasProc, postgresPids } from './cpu.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4391);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
// Several rounds alternate the two routes, so a neighbour's load on a small machine hits both alike.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET_SHARE = 0.5;
const TARGET_P99_MS = 20;
const origin = `http://127.0.0.1:${PORT}`;

async function startServer(databaseUrl: string) {
	const server = await startProductionServer({ port: PORT, databaseUrl, env: { DEMO: '1' } });
	const link = /\/d\/([A-Za-z0-9_-]{27})\s+\(three open invoices[^)]*\)/.exec(server.output());
	if (!link) {
		await server.stop(); // never leave a server holding the port for the next run
		throw new Error('the demo links were not printed');
	}
	return { server, token: link[1] };
}

async function pageWeight(path: string) {
	const html = await (await fetch(origin + path)).text();
	const scripts = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g)].map((m) => m[1]);
	let jsGzip = 0;
	for (const src of new Set(scripts)) {
		const body = Buffer.from(await (await fetch(new URL(src, origin + path))).arrayBuffer());
		jsGzip += gzipSync(body, { level: 9 }).length;
	}
	return { htmlBytes: Buffer.byteLength(html), htmlGzip: gzipSync(html, { level: 9 }).length, jsGzip, scripts: scripts.length };
}

const LOCALES = ['nl', 'en', 'de', 'fr', 'tr', 'pl', 'ar'] as const;
const portalCopy = (l: string) => JSON.parse(readFileSync(`messages/portal/${l}.json`, 'utf8')) as Record<string, unknown>;

/**
 * The debtor page in each language, as the debtor's own choice makes it (the language form, then a fresh request
 * without cookies: the stored language decides). Also counts words of the other languages found in the page: the
 * page for one debtor must carry only that debtor's language (the language switch's own names aside).
 */
async function weightPerLocale(path: string) {
	const rows: { locale: string; htmlBytes: number; htmlGzip: number; jsGzip: number; foreign: number }[] = [];
	const marks = Object.fromEntries(
		LOCALES.map((l) => [l, ['claims_heading', 'balance_label', 'pay_heading'].map((k) => String(portalCopy(l)[k]))])
	);
	for (const locale of LOCALES) {
		const switched = await fetch(`${origin}${path}?/language`, {
			method: 'POST',
			body: new URLSearchParams({ locale }),
			headers: { origin, accept: 'text/html', 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
			redirect: 'manual'
		});
		if (switched.status !== 303) throw new Error(`switching to ${locale} answered ${switched.status}`);
		const html = await (await fetch(origin + path)).text();
		if (!html.includes(`lang="${locale}"`)) throw new Error(`the page did not switch to ${locale}`);
		const weight = await pageWeight(path);
		const foreign = LOCALES.filter((l) => l !== locale)
			.flatMap((l) => marks[l].filter((w) => !marks[locale].includes(w)))
			.filter((w) => html.includes(`>${w}<`)).length;
		rows.push({ locale, ...weight, foreign });
	}
	// Back to Dutch, as the demo starts.
	await fetch(`${origin}${path}?/language`, {
		method: 'POST',
		body: new URLSearchParams({ locale: 'nl' }),
		headers: { origin, accept: 'text/html', 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' },
		redirect: 'manual'
	});
	return rows;
}

/**
 * `npm start` after its build: the built server on embedded PGlite with the demo data, as `npm run serve` starts it, in
 * a fresh data folder (a first start: migrations and demo data) and then again on the same folder (a restart). Times from
 * starting the process to listening, and to the first debtor page served.
 */
async function npmStartTimes() {
	const dataDir = mkdtempSync(join(tmpdir(), 'coulant-bench-start-'));
	const times: { start: 'first start' | 'restart'; listeningMs: number; firstPageMs: number; pageMs: number }[] = [];
	try {
		for (const start of ['first start', 'restart'] as const) {
			const spawned = performance.now();
			const server = await startProductionServer({ port: PORT, databaseUrl: '', env: { DATA_DIR: dataDir, DEMO: '1' } });
			try {
				const link = /\/d\/([A-Za-z0-9_-]{27})\s+\(three open invoices/.exec(server.output());
				if (!link) throw new Error('npm start: the demo links were not printed');
				const asked = performance.now();
				const res = await fetch(`${origin}/d/${link[1]}`);
				await res.text();
				if (res.status !== 200) throw new Error(`npm start: the first debtor page answered ${res.status}`);
				const served = performance.now();
				times.push({ start, listeningMs: server.startMs, firstPageMs: served - spawned, pageMs: served - asked });
			} finally {
				await server.stop();
			}
		}
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
	return times;
}

let serverPid = 0;
let databasePids: () => number[] = () => [];

function load(path: string, seconds = SECONDS) {
	const before = { server: cpuMs([serverPid]), database: cpuMs(databasePids()) };
	// autocannon in its own process, so the load generator does not share the server's event loop.
	// Same connections (kept alive, one request in flight each) for both routes.
	const out = execFileSync(
		process.execPath,
		['node_modules/autocannon/autocannon.js', '--json', '-c', String(CONNECTIONS), '-d', String(seconds), origin + path],
		{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 }
	);
	const r = JSON.parse(out);
	const requests = Math.max(1, r.requests.total as number);
	return {
		rps: r.requests.average as number,
		p99: r.latency.p99 as number,
		non2xx: r.non2xx as number,
		errors: r.errors as number,
		/** CPU milliseconds per request, in the server process and in the database's processes. */
		cpu: { server: (cpuMs([serverPid]) - before.server) / requests, database: (cpuMs(databasePids()) - before.database) / requests }
	};
}

/** The reference: what SvelteKit's server rendering alone allows on this server (a small page, no database work). */
const REFERENCE = '/console/sign-in';
type Load = ReturnType<typeof load>;

buildApp('bench:portal');
const startTimes = await npmStartTimes();
const pg = await startPostgres();
// Same-host PostgreSQL through its unix socket when the harness started it (cheaper than loopback TCP).
const { server, token } = await startServer(pg.socketUrl ?? pg.url);
serverPid = server.process.pid ?? 0;
databasePids = postgresPids(pg.dataDir);
try {
	const debtorPath = `/d/${token}`;
	const firstStarted = performance.now();
	const first = await fetch(origin + debtorPath);
	await first.text();
	const firstMs = performance.now() - firstStarted;
	const weight = await pageWeight(debtorPath);
	const perLocale = await weightPerLocale(debtorPath);
	// Warm both routes up (JIT, the pool's connections and prepared statements), and discard the figures.
	load('/healthz', WARMUP);
	load(debtorPath, WARMUP);
	load(REFERENCE, WARMUP);
	const rounds: { trivial: Load; debtor: Load; reference: Load }[] = [];
	for (let i = 0; i < ROUNDS; i++) rounds.push({ trivial: load('/healthz'), debtor: load(debtorPath), reference: load(REFERENCE) });
	const share = median(rounds.map((r) => r.debtor.rps / r.reference.rps));
	const ofHealthz = median(rounds.map((r) => r.debtor.rps / r.trivial.rps));
	const p99 = median(rounds.map((r) => r.debtor.p99));
	const cpu = (pick: (r: (typeof rounds)[number]) => Load) => ({
		server: median(rounds.map((r) => pick(r).cpu.server)),
		database: median(rounds.map((r) => pick(r).cpu.database))
	});
	const debtorCpu = cpu((r) => r.debtor);
	const referenceCpu = cpu((r) => r.reference);
	const failures = rounds.reduce((n, r) => n + r.debtor.non2xx + r.debtor.errors, 0);
	const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
	const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
	console.log('');
	console.log(`start-up: ${(server.startMs / 1000).toFixed(2)} s from starting the built server to listening (demo data included)`);
	console.log(`first debtor page after start-up: ${firstMs.toFixed(0)} ms   (target < 300 ms)`);
	for (const t of startTimes) {
		console.log(
			`npm start after its build (PGlite, demo data, ${t.start}): listening after ${(t.listeningMs / 1000).toFixed(2)} s, ` +
				`the first debtor page served after ${(t.firstPageMs / 1000).toFixed(2)} s (that page itself ${t.pageMs.toFixed(0)} ms)`
		);
	}
	console.log(`debtor page first-load JavaScript: ${kb(weight.jsGzip)} gzip in ${weight.scripts} file(s)   (target ≤ 60 KB)`);
	console.log(`debtor page HTML: ${kb(weight.htmlBytes)} (${kb(weight.htmlGzip)} gzip)`);
	console.log("debtor page per language (HTML, HTML gzip, first-load JS gzip, other languages' headings found in the page):");
	for (const r of perLocale) {
		console.log(
			`  ${r.locale}   ${kb(r.htmlBytes).padStart(9)}   ${kb(r.htmlGzip).padStart(8)} gzip   JS ${kb(r.jsGzip).padStart(7)}   foreign ${r.foreign}`
		);
	}
	console.log(
		`load: ${CONNECTIONS} connections × ${SECONDS} s each, from a second process, on PostgreSQL (${pg.socketUrl ? 'unix socket' : 'TCP'}), ${ROUNDS} round(s)`
	);
	for (const [i, r] of rounds.entries()) {
		console.log(`  round ${i + 1}`);
		for (const [label, x] of [
			['/healthz         ', r.trivial],
			['/d/<token>       ', r.debtor],
			[REFERENCE, r.reference]
		] as const) {
			const cpuText = hasProc ? `   CPU/request ${x.cpu.server.toFixed(2)} ms server + ${x.cpu.database.toFixed(2)} ms database` : '';
			console.log(`  ${label} ${x.rps.toFixed(0).padStart(7)} req/s   p99 ${String(x.p99).padStart(4)} ms   non-2xx ${x.non2xx}${cpuText}`);
		}
		console.log(`  debtor page / reference page: ${pct(r.debtor.rps / r.reference.rps)}`);
	}
	console.log(`debtor page / /healthz (for reference, not a target; median): ${pct(ofHealthz)}`);
	if (hasProc) {
		const total = (c: { server: number; database: number }) => c.server + c.database;
		console.log(
			`CPU per view (median): debtor page ${debtorCpu.server.toFixed(2)} ms server + ${debtorCpu.database.toFixed(2)} ms database; ` +
				`reference page ${referenceCpu.server.toFixed(2)} ms + ${referenceCpu.database.toFixed(2)} ms; ` +
				`reference / debtor CPU: ${pct(total(referenceCpu) / total(debtorCpu))} (steadier than req/s when the machine is shared)`
		);
	}
	console.log(`debtor page p99 under ${CONNECTIONS} connections (median of rounds): ${p99} ms   (target ≤ ${TARGET_P99_MS} ms)`);
	console.log(`debtor page / reference page (median of ${ROUNDS} rounds): ${pct(share)}   (target ≥ ${pct(TARGET_SHARE)})`);
	const ok = weight.jsGzip <= 60 * 1024 && share >= TARGET_SHARE && failures === 0;
	console.log(ok ? 'bench:portal: targets met' : 'bench:portal: TARGETS MISSED');
	process.exitCode = ok ? 0 : 1;
} finally {
	await server.stop();
	pg.stop();
}

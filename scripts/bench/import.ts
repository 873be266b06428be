// npm run bench:import — builds the app, starts the production server on a throw-away PostgreSQL and, for CSV
// files of 10 000 and 100 000 claims, uploads each through the console's real import endpoint as the signed-in
// demo owner (a streamed multipart upload). Prints the time, rows/s and the server's peak memory (RSS) per size:
// memory must stay flat as the file grows, and 100 000 rows must take under 60 s.
//
// The server runs as in production, with the V8 flags of package.json's config.serverNodeFlags (see
// scripts/server-flags.ts); a second pass runs it with node's defaults, for reference. RSS mixes what the
// import holds with garbage V8 has not collected yet, so the server also runs with --trace-gc and the bench
// reads the heap that survives each full collection (mark-compact) during the upload: that is what the import
// really holds. BENCH_SIZES=10000,100000,1000000 adds a bigger file.
import type { ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { startPostgres } from '../../tests/helpers/postgres.ts';
import { serverNodeFlags } from '../server-flags.ts';
import { buildApp, signIn, startProductionServer } from './server.ts';

const PORT = Number(process.env.BENCH_PORT ?? 4392);
const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const origin = `http://127.0.0.1:${PORT}`;
const dir = mkdtempSync(join(tmpdir(), 'coulant-bench-import-'));

/** A semicolon file as a Dutch spreadsheet writes it: BOM, Dutch decimals and dates; 3 claims per debtor. */
async function writeCsv(rows: number, tag: string) {
	const path = join(dir, `claims-${rows}.csv`);
	const out = createWriteStream(path);
	const write = (s: string) => (out.write(s) ? undefined : once(out, 'drain'));
	await write('\uFEFFklantnummer;naam;e-mail;postcode;kenmerk;omschrijving;bedrag;factuurdatum;vervaldatum\r\n');
	for (let i = 0; i < rows; i++) {
		const c = Math.floor(i / 3);
		const cents = 1000 + ((i * 7919) % 250_000);
		const amount = `${Math.floor(cents / 100).toLocaleString('nl-NL')},${String(cents % 100).padStart(2, '0')}`;
		await write(
			`${tag}-K${c};Klant ${c};klant${c}@example.test;1234 AB;${tag}-F${i};"Factuur ${i}; abonnement";${amount};01-10-2026;15-10-2026\r\n`
		);
	}
	out.end();
	await once(out, 'finish');
	return path;
}

/** The heap left after each full collection, as --trace-gc prints it ("Mark-Compact 219.1 (297.6) -> 45.6 (208.5) MB"). */
type GcLog = { live: number[] };
const MARK_COMPACT = /Mark-Compact[^\n]*?-> ([\d.]+) \(/;

/** Collects the heap after each full collection from the server's --trace-gc output, line by line. */
function readFullGcs(server: ChildProcess, gc: GcLog) {
	let partial = '';
	server.stdout!.on('data', (c: Buffer) => {
		const lines = (partial + c.toString()).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) {
			const mc = MARK_COMPACT.exec(line);
			if (mc) gc.live.push(Number(mc[1]));
		}
	});
}

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM') {
	const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return m ? Number(m[1]) : 0;
}

async function upload(cookie: string, path: string) {
	const boundary = `----bench${Date.now()}`;
	const body = Readable.toWeb(
		Readable.from(
			(async function* () {
				yield Buffer.from(
					`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="claims.csv"\r\nContent-Type: text/csv\r\n\r\n`
				);
				yield* createReadStream(path, { highWaterMark: 64 * 1024 });
				yield Buffer.from(`\r\n--${boundary}--\r\n`);
			})()
		)
	);
	const res = await fetch(`${origin}/console/import`, {
		method: 'POST',
		headers: {
			'content-type': `multipart/form-data; boundary=${boundary}`,
			origin,
			cookie,
			accept: 'application/json',
			'x-sveltekit-action': 'true'
		},
		body: body as never,
		duplex: 'half'
	} as RequestInit);
	const answer = (await res.json()) as { type: string; data?: string };
	if (answer.type !== 'success') throw new Error(`import failed: ${JSON.stringify(answer).slice(0, 500)}`);
	return answer.data ?? '';
}

async function measure(server: ChildProcess, gc: GcLog, cookie: string, rows: number, path: string) {
	const pid = server.pid!;
	const before = rssKb(pid, 'VmRSS');
	const firstGc = gc.live.length;
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, rssKb(pid, 'VmRSS'))), 20);
	const started = performance.now();
	const data = await upload(cookie, path);
	const seconds = (performance.now() - started) / 1000;
	clearInterval(sampler);
	peak = Math.max(peak, rssKb(pid, 'VmRSS'));
	if (!data.includes(String(rows))) throw new Error(`unexpected answer: ${data.slice(0, 300)}`);
	const live = gc.live.slice(firstGc);
	return { rows, mb: statSync(path).size / 1e6, seconds, rate: rows / seconds, before: before / 1024, peak: peak / 1024, live };
}

buildApp('bench:import');
const pg = await startPostgres();
type Result = Awaited<ReturnType<typeof measure>>;
const passes: { label: string; flags: string[]; results: Result[] }[] = [
	{ label: `as in production (${serverNodeFlags().join(' ')})`, flags: serverNodeFlags(), results: [] },
	// BENCH_REFERENCE=0 leaves the reference pass out (for long runs with big files).
	...(process.env.BENCH_REFERENCE === '0'
		? []
		: [{ label: "with node's default flags, for reference", flags: [] as string[], results: [] as Result[] }])
];
try {
	for (const pass of passes) {
		for (const rows of SIZES) {
			// A fresh server per size, so each peak is that upload's own; a fresh tag, so every row is new.
			const path = await writeCsv(rows, `${pass.flags.length ? 'P' : 'D'}${rows}`);
			const gc: GcLog = { live: [] };
			const server = await startProductionServer({
				port: PORT,
				databaseUrl: pg.socketUrl ?? pg.url,
				nodeFlags: [...pass.flags, '--trace-gc'],
				// adapter-node's one limit off; the import route's own limit (bodylimit.ts) raised for the biggest file.
				env: { DEMO: '1', BODY_SIZE_LIMIT: 'Infinity', IMPORT_BODY_LIMIT: '1G' }
			});
			readFullGcs(server.process, gc);
			try {
				const cookie = await signIn(origin, 'eigenaar@degroenefiets.example', 'demo-wachtwoord');
				pass.results.push(await measure(server.process, gc, cookie, rows, path));
			} finally {
				await server.stop();
			}
		}
	}
} finally {
	pg.stop();
	rmSync(dir, { recursive: true, force: true });
}
console.log('');
console.log(
	'CSV import through POST /console/import (streamed multipart; one transaction; rows COPYed into a staging table, then received set-based), PostgreSQL'
);
for (const pass of passes) {
	console.log(`  server ${pass.label}:`);
	for (const r of pass.results)
		console.log(
			`  ${String(r.rows).padStart(7)} rows  ${r.mb.toFixed(1).padStart(5)} MB  ${r.seconds.toFixed(1).padStart(6)} s  ${r.rate.toFixed(0).padStart(6)} rows/s` +
				`   server RSS ${r.before.toFixed(0)} MB before, peak ${r.peak.toFixed(0)} MB (+${(r.peak - r.before).toFixed(0)} MB)` +
				`   heap after full GCs: ${r.live.length ? `${Math.min(...r.live).toFixed(0)}–${Math.max(...r.live).toFixed(0)} MB (${r.live.length}×)` : 'no full GC'}`
		);
}
const production = passes[0].results;
const growth = (r: Result) => r.peak - r.before;
const small = production.find((r) => r.rows === Math.min(...SIZES));
const big = production.find((r) => r.rows === Math.max(...SIZES));
// Flat: the biggest file's peak growth stays within 32 MB of the smallest file's, in the server as it runs in production.
const flat = small && big ? growth(big) <= growth(small) + 32 : true;
const fast = production.every((r) => r.rows !== 100_000 || r.seconds < 60);
console.log(
	`peak memory flat as the file grows ${big && small ? `${big.rows / small.rows}× (+${growth(small).toFixed(0)} MB → +${growth(big).toFixed(0)} MB; within 32 MB)` : ''}: ${flat ? 'yes' : 'NO'}; ` +
		`100k rows under 60 s: ${fast ? 'yes' : 'NO'}`
);
process.exitCode = flat && fast ? 0 : 1;

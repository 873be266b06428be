// npm run bench:letters — the print file for 1,000 debtors on a throw-away PostgreSQL: the journey hands a letter per
// debtor to the print queue (planning and the sender, as in production), then the console's print file is written
// to disk, streamed. Prints the time, pages per second, bytes per letter and the process's peak RSS while writing;
// the floor is ≤ 60 s and < 300 MB. The print file is written by a process of its own (as a server would, with only
// the app's code loaded), so its peak RSS is not the set-up's. BENCH_LETTERS=5000 for another size.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { PNG } from 'pngjs';
import { startPostgres } from '../../tests/helpers/postgres.ts';
import { serverNodeFlags } from '../server-flags.ts';
import { migrate, openPostgres } from '../../src/lib/server/db/client.ts';
import { merchants, users } from '../../src/lib/server/db/schema/index.ts';
import { writePrintFile } from '../../src/lib/server/letters/service.ts';
import { letterChannel } from '../../src/lib/server/outreach/channels.ts';
import { merchantOutreachColumns, planMerchant } from '../../src/lib/server/outreach/plan.ts';
import { sendDue } from '../../src/lib/server/outreach/send.ts';

const N = Number(process.env.BENCH_LETTERS ?? 1000);
const NOW = new Date('2026-11-10T10:00:00Z'); // a Tuesday, 11:00 in Amsterdam
const ALWAYS = { policy: { window: { timeZone: 'Europe/Amsterdam', startHour: 0, endHour: 24, sundays: true } } };
const ORIGIN = 'https://bench.coulant.test';
const MB = 1024 * 1024;

/** The child: only the print file, in a process of its own, so its memory is the print file's and the app's code. */
async function child() {
	const { url, merchantId, userId, path } = JSON.parse(process.env.BENCH_LETTERS_CHILD!);
	const database = await openPostgres(url, { max: 2 });
	const start = process.memoryUsage().rss;
	let peak = start;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
	const t = performance.now();
	const done = await writePrintFile(database.db, { merchantId, userId, role: 'owner' }, NOW, createWriteStream(path), {
		origin: ORIGIN,
		linkTtlDays: 30
	});
	const seconds = (performance.now() - t) / 1000;
	clearInterval(sampler);
	await database.close();
	const maxRss = process.resourceUsage().maxRSS * 1024;
	process.stdout.write(JSON.stringify({ ...done, seconds, start, peak: Math.max(peak, maxRss) }) + '\n');
}

if (process.env.BENCH_LETTERS_CHILD) {
	await child();
	process.exit(0);
}

const pg = await startPostgres();
const database = await openPostgres(pg.url, { max: 4 });
const dir = mkdtempSync(join(tmpdir(), 'coulant-bench-letters-'));
try {
	await migrate(database, resolve(import.meta.dirname, '../../drizzle'));
	const { db } = database;

	// A merchant with a PNG logo, and N debtors reached by letter: mostly Dutch, some English, a few Arabic.
	const logo = new PNG({ width: 96, height: 96 });
	logo.data.fill(0);
	for (let i = 0; i < logo.data.length; i += 4) logo.data.set([29, 107, 79, 255], i);
	const png = PNG.sync.write(logo);
	const [m] = await db
		.insert(merchants)
		.values({
			slug: 'bench-letters',
			displayName: 'De Groene Fiets',
			brandColor: '#1d6b4f',
			contactEmail: 'klantenservice@degroenefiets.example',
			contactPhone: '+31 20 123 4567',
			logo: png,
			logoType: 'image/png',
			logoHash: 'benchlogo',
			outreach: ALWAYS as never
		})
		.returning({ id: merchants.id });
	const [user] = await db
		.insert(users)
		.values({ merchantId: m.id, email: 'bench@coulant.test', name: 'Bench', role: 'owner', passwordHash: 'x' })
		.returning({ id: users.id });
	await db.execute(sql`
		insert into debtors (merchant_id, customer_ref, name, locale, preferred_channel, street, postcode, city)
		select ${m.id}::uuid, 'K' || g, 'Klant Zoë ' || g,
			case when g % 20 = 0 then 'ar' when g % 5 = 0 then 'en' else 'nl' end, 'letter',
			'Kerkstraat ' || g, (1000 + g % 8999)::text || 'AB', 'Utrecht'
		from generate_series(1, ${N}) g`);
	await db.execute(sql`
		insert into claims (merchant_id, debtor_id, reference, description, amount_cents, issued_on, due_on)
		select d.merchant_id, d.id, 'F-' || d.customer_ref || '-' || k, 'Fietsabonnement, factuur ' || k,
			1000 + (abs(hashtext(d.customer_ref || k)) % 20000), date '2026-10-01', date '2026-11-10'
		from debtors d cross join generate_series(1, 1 + (abs(hashtext(d.customer_ref)) % 3)) k where d.merchant_id = ${m.id}::uuid`);
	const [row] = await db.select(merchantOutreachColumns).from(merchants).where(eq(merchants.id, m.id));
	const t0 = performance.now();
	await planMerchant(db, row, { origin: ORIGIN, mailDomain: 'coulant.bench', channels: ['email', 'letter'] }, NOW);
	let handed = 0;
	for (;;) {
		const r = await sendDue(
			db,
			{ channels: { letter: letterChannel() }, origin: ORIGIN, mailFrom: 'b@coulant.bench', linkTtlDays: 30, batch: 500 },
			() => NOW
		);
		handed += r.sent;
		if (r.sent === 0) break;
	}
	console.log(`letters handed to print: ${handed} (planning and sending ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

	// The print file, streamed to disk as the console's download streams it to the browser, in a fresh process with the production server's V8 flags.
	const path = join(dir, 'print.pdf');
	const run = spawnSync(process.execPath, [...serverNodeFlags(), '--import', 'tsx', import.meta.filename], {
		env: { ...process.env, BENCH_LETTERS_CHILD: JSON.stringify({ url: pg.url, merchantId: m.id, userId: user.id, path }) },
		encoding: 'utf8'
	});
	if (run.status !== 0) throw new Error(`the print file failed: ${run.stderr}`);
	const done = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {
		letters: number;
		pages: number;
		seconds: number;
		start: number;
		peak: number;
	};
	const { seconds, peak, start } = done;
	const bytes = statSync(path).size;
	console.log(`print file: ${done.letters} letters, ${done.pages} pages, ${(bytes / MB).toFixed(1)} MB`);
	console.log(`  time          ${seconds.toFixed(1)} s (floor 60 s)`);
	console.log(`  pages/s       ${(done.pages / seconds).toFixed(0)}`);
	console.log(`  bytes/letter  ${Math.round(bytes / done.letters)}`);
	console.log(
		`  peak RSS      ${(peak / MB).toFixed(0)} MB (the process with the app's code loaded: ${(start / MB).toFixed(0)} MB; floor 300 MB)`
	);
	const ok = done.letters === N && seconds <= 60 && peak < 300 * MB;
	console.log(ok ? 'bench:letters OK' : 'bench:letters FAILED');
	process.exitCode = ok ? 0 : 1;
} finally {
	await database.close();
	pg.stop();
	rmSync(dir, { recursive: true, force: true });
}

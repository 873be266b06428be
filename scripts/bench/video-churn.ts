// npm run bench:video-churn — a simulated day of 1,000 debtors (10 merchants) whose facts change at random: payments
// (some in bursts of three in a minute), disputes opened and answered, recalls, plans made and broken, pauses, new
// claims, a merchant's tone and brand colour. Everything is the product's own code on an embedded PostgreSQL
// (PGlite): the triggers, the drain, the render queue (pg-boss), the debtor page's own path (openPage + forLink)
// and the clean-up job. Only Chromium is stood in for: a render writes files of the size a real render made at
// the start of the run (BENCH_CALIBRATE=0: fixed sizes), and the worker renders at the real marginal speed
// (renders per simulated minute). It prints renders done against changes made, the stale videos the page served
// (a video whose captions differ from what the page's facts say now: must be 0), and the disk at the start and
// end of the day.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, statSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = mkdtempSync(join(tmpdir(), 'coulant-bench-churn-'));
const DEBTORS = Number(process.env.BENCH_DEBTORS ?? 1000);
const MERCHANTS = 10;
process.env.DATA_DIR = root;
process.env.MEDIA_DIR = join(root, 'media');
process.env.VIDEO_VARIANT = 'full';
// One simulated minute is one tick; the drain runs at each tick's end and takes debtors quiet for a tick.
process.env.VIDEO_QUIET_SECONDS = '0.01';

const { eq, sql } = await import('drizzle-orm');
const { openPglite, migrate, rowsOf } = await import('../../src/lib/server/db/client');
const { claims, debtors, merchants, plans, users } = await import('../../src/lib/server/db/schema');
const { startQueue } = await import('../../src/lib/server/queue');
const jobs = await import('../../src/lib/server/video/jobs');
const { createRenderer, sharedChunkName } = await import('../../src/lib/server/video/renderer');
const { cleanUp, diskBytes } = await import('../../src/lib/server/video/cleanup');
const { media, propsFor } = await import('../../src/lib/server/video/service');
const { factsOf } = await import('../../src/lib/server/video/queries');
const videoPage = await import('../../src/lib/server/video/page');
const state = await import('../../src/lib/server/video/state');
const portal = await import('../../src/lib/server/portal/service');
const links = await import('../../src/lib/server/links/service');
const support = await import('../../src/lib/server/support/actions');
const messages = await import('../../src/lib/server/support/messages');
const settings = await import('../../src/lib/server/merchants/settings');
const { config } = await import('../../src/lib/server/config');
const { webVtt } = await import('../../video/script');
const { jar } = await import('../../tests/helpers/cookies');

// A seeded generator: the same day every run.
let seed = Number(process.env.BENCH_SEED ?? 22);
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];

// ---- calibration: what one real render makes, and how long the marginal one takes ----
type Sizes = { mp4: number; png: number; chunk: number; marginalSeconds: number; calibrated: boolean };
async function calibrate(): Promise<Sizes> {
	if (process.env.BENCH_CALIBRATE === '0')
		return { mp4: 1_300_000, png: 140_000, chunk: 900_000, marginalSeconds: 14.3, calibrated: false };
	const r = createRenderer({ chromiumPath: config().chromiumPath, cacheDir: join(root, 'calibration') });
	const base = {
		variant: 'full' as const,
		locale: 'nl' as const,
		tone: 'friendly' as const,
		brand: { name: 'Kalibratie', color: '#1d6b4f', accent: '#f2b134', logo: null },
		options: { payNow: true, instalments: true, moreTimeDays: 30 }
	};
	const debtor = (n: number) => ({
		name: `Debiteur ${n}`,
		total: { amountCents: 12345 + n, currency: 'EUR' },
		invoices: 2,
		since: '2026-09-01',
		fromMonthly: { amountCents: 2057, currency: 'EUR' }
	});
	try {
		const first = await r.render({ ...base, debtor: debtor(1) });
		const chunk = statSync(join(root, 'calibration', 'chunks', first.chunk)).size;
		await r.discard(first);
		const t = performance.now();
		const second = await r.render({ ...base, debtor: debtor(2) });
		const marginalSeconds = (performance.now() - t) / 1000;
		const sizes = { mp4: statSync(second.mp4).size, png: statSync(second.png).size, chunk, marginalSeconds, calibrated: true };
		await r.discard(second);
		return sizes;
	} finally {
		await r.close();
		rmSync(join(root, 'calibration'), { recursive: true, force: true });
	}
}

const sizes = await calibrate();
const cacheDir = config().videoCacheDir;

/** Chromium stood in for: files of a real render's size; captions are the real ones, from the props. */
const standIn = {
	async render(props: Parameters<typeof webVtt>[0]) {
		const dir = join(cacheDir, 'work', `${Date.now()}-${Math.floor(random() * 1e9)}`);
		mkdirSync(dir, { recursive: true });
		const chunk = sharedChunkName(props);
		const chunkPath = join(cacheDir, 'chunks', chunk);
		if (!existsSync(chunkPath)) {
			mkdirSync(join(cacheDir, 'chunks'), { recursive: true });
			writeFileSync(chunkPath, Buffer.alloc(sizes.chunk));
		}
		writeFileSync(join(dir, 'video.mp4'), Buffer.alloc(sizes.mp4));
		writeFileSync(join(dir, 'poster.png'), Buffer.alloc(sizes.png));
		writeFileSync(join(dir, 'captions.vtt'), webVtt(props));
		return { mp4: join(dir, 'video.mp4'), png: join(dir, 'poster.png'), vtt: join(dir, 'captions.vtt'), dir, reusedShared: true, chunk };
	},
	async discard(out: { dir: string }) {
		rmSync(out.dir, { recursive: true, force: true });
	}
} as unknown as Parameters<typeof jobs.renderFor>[2];

// ---- the database, the queue, the merchants and debtors ----
const database = await openPglite(join(root, 'pglite'));
await migrate(database, join(import.meta.dirname, '../../drizzle'));
const { db } = database;
const queue = await startQueue(database, { supervise: false });
// A web process's registration: renders wait in the queue; this script is the worker (below).
await jobs.registerVideoJobs(queue, db, () => {}, { work: false });

const TONES = ['friendly', 'neutral', 'formal'] as const;
const FIRST = ['Sanne', 'Mehmet', 'Emma', 'Noor', 'Zoë', 'Piet', 'Fatima', 'Kees', 'Ana', 'Lotte', 'Daan', 'Ilse'];
const LAST = ['de Vries', 'Yılmaz', 'Clarke', 'El Amrani', 'Bakker', 'Jansen', 'Núñez', 'Visser', 'Smit', 'Mulder'];
type Who = { id: string; merchantId: string; token: string; claimIds: string[] };
const people: Who[] = [];
const scopes = new Map<string, { merchantId: string; userId: string; role: 'owner' }>();
for (let m = 0; m < MERCHANTS; m++) {
	const [merchant] = await db
		.insert(merchants)
		.values({ slug: `churn-${m}`, displayName: `Winkel ${m + 1}`, tone: TONES[m % 3] })
		.returning({ id: merchants.id });
	const [user] = await db
		.insert(users)
		.values({ merchantId: merchant.id, email: `owner${m}@churn.example`, name: 'Eigenaar', role: 'owner', passwordHash: 'x' })
		.returning({ id: users.id });
	scopes.set(merchant.id, { merchantId: merchant.id, userId: user.id, role: 'owner' });
	for (let i = 0; i < DEBTORS / MERCHANTS; i++) {
		const n = people.length;
		const [d] = await db
			.insert(debtors)
			.values({ merchantId: merchant.id, customerRef: `K${n}`, name: `${pick(FIRST)} ${pick(LAST)} ${n}`, locale: 'nl' })
			.returning({ id: debtors.id });
		const claimIds: string[] = [];
		for (let c = 0; c < 1 + Math.floor(random() * 3); c++) {
			const [row] = await db
				.insert(claims)
				.values({
					merchantId: merchant.id,
					debtorId: d.id,
					reference: `F${n}-${c}`,
					description: 'Abonnement',
					amountCents: 1500 + Math.floor(random() * 40_000),
					issuedOn: '2026-09-01',
					dueOn: `2026-${String(9 + c).padStart(2, '0')}-15`
				})
				.returning({ id: claims.id });
			claimIds.push(row.id);
		}
		const { token } = await links.issue(db, d.id, 30);
		people.push({ id: d.id, merchantId: merchant.id, token, claimIds });
	}
}

// ---- the worker: takes jobs from the real queue and renders them with the stand-in ----
const counts = {
	renders: 0,
	ready: 0,
	deferred: 0,
	nothing: 0,
	changes: 0,
	visits: 0,
	withVideo: 0,
	transcriptOnly: 0,
	noVideo: 0,
	stale: 0,
	missing: 0
};
/** Renders up to `limit` videos (jobs that render nothing take no render time); returns the jobs it took. */
async function work(limit: number) {
	let done = 0;
	let taken = 0;
	while (done < limit) {
		const batch = await queue.fetch<jobs.RenderJob>(jobs.VIDEO_QUEUE, { batchSize: 1 });
		if (!batch || batch.length === 0) break;
		for (const job of batch) {
			taken++;
			const outcome = await jobs.renderFor(db, job.data, standIn);
			if (outcome === 'rendered') {
				counts.renders++;
				done++;
			} else if (outcome === 'ready') counts.ready++;
			else if (outcome === 'deferred') counts.deferred++;
			else counts.nothing++;
			await queue.complete(jobs.VIDEO_QUEUE, job.id);
		}
	}
	return taken;
}

/** Until nothing is queued and no change waits: the worker catches up (jobs may start a few milliseconds later). */
async function catchUp() {
	for (;;) {
		await sleep(20);
		await jobs.drain(db);
		const taken = await work(100_000);
		const queued = rowsOf<{ n: number }>(
			await db.execute(sql`select count(*)::int as n from pgboss.job where name = ${jobs.VIDEO_QUEUE} and state in ('created', 'retry')`)
		)[0].n;
		if (taken === 0 && queued === 0 && (await state.pendingChanges(db)) === 0) return;
	}
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Start of the day: everyone's video is made.
await catchUp();
const rendersBefore = counts.renders;
counts.renders = 0;
counts.ready = 0;
await cleanUp(db, { store: media(), cacheDir, keepMs: config().videoKeepHours * 3_600_000 });
const diskStart = await diskBytes(config().mediaDir, cacheDir);

// ---- the day ----
const MINUTES = 24 * 60;
const RENDERS_PER_MINUTE = Math.max(1, Math.floor(60 / sizes.marginalSeconds));
const tickReal: number[] = [];
const openDisputes: { who: Who; messageId: string }[] = [];
let peakDisk = diskStart;
let backlogPeak = 0;

async function change(who: Who) {
	const kind = random();
	const scope = scopes.get(who.merchantId)!;
	if (kind < 0.4) {
		// A payment booked on one of the claims (an instalment, a part payment); sometimes it settles it.
		const id = pick(who.claimIds);
		await db.execute(sql`update claims set amount_paid_cents = least(amount_cents, amount_paid_cents + 500),
			status = case when amount_paid_cents + 500 >= amount_cents then 'paid' else status end
			where id = ${id}::uuid and status = 'open'`);
		counts.changes++;
	} else if (kind < 0.5) {
		// A burst: three payments within the minute.
		for (let i = 0; i < 3; i++) {
			await db.execute(
				sql`update claims set amount_paid_cents = least(amount_cents - 1, amount_paid_cents + 300) where id = ${who.claimIds[0]}::uuid and status = 'open'`
			);
			counts.changes++;
		}
	} else if (kind < 0.6) {
		const sent = await messages.send(
			db,
			{ debtorId: who.id, merchantId: who.merchantId },
			{ kind: 'disagree', claimId: pick(who.claimIds), body: 'Klopt dit?', attachment: null }
		);
		if (sent.ok) openDisputes.push({ who, messageId: sent.messageId });
		counts.changes++;
	} else if (kind < 0.7 && openDisputes.length > 0) {
		const d = openDisputes.splice(Math.floor(random() * openDisputes.length), 1)[0];
		await messages.answer(db, scopes.get(d.who.merchantId)!, d.who.id, d.messageId, { outcome: 'resolved', text: 'Klopt, opgelost.' });
		counts.changes++;
	} else if (kind < 0.75) {
		await support.closeClaim(db, scope, who.id, pick(who.claimIds), 'recalled', 'ingetrokken');
		counts.changes++;
	} else if (kind < 0.83) {
		const [live] = await db
			.select({ id: plans.id })
			.from(plans)
			.where(sql`${plans.debtorId} = ${who.id}::uuid and ${plans.status} in ('active', 'at_risk')`);
		if (live) await db.update(plans).set({ status: 'broken' }).where(eq(plans.id, live.id));
		else
			await db.insert(plans).values({
				merchantId: who.merchantId,
				debtorId: who.id,
				status: 'active',
				collection: 'pay_by_link',
				frequency: 'monthly',
				terms: 3,
				totalCents: 3000,
				currency: 'EUR'
			});
		counts.changes++;
	} else if (kind < 0.9) {
		if (!(await support.pauseCollection(db, scope, who.id, 'goodwill'))) await support.resumeCollection(db, scope, who.id, 'weer verder');
		counts.changes++;
	} else {
		const [row] = await db
			.insert(claims)
			.values({
				merchantId: who.merchantId,
				debtorId: who.id,
				reference: `N${counts.changes}-${who.id.slice(0, 6)}`,
				description: 'Nieuwe factuur',
				amountCents: 2495,
				issuedOn: '2026-11-01',
				dueOn: '2026-11-15'
			})
			.returning({ id: claims.id });
		who.claimIds.push(row.id);
		counts.changes++;
	}
}

async function visit(who: Who) {
	counts.visits++;
	const page = await portal.openPage(db, who.token, { locale: 'nl', cookies: jar() });
	if (page.state !== 'open') throw new Error(`the page did not open: ${page.state}`);
	const video = await videoPage.forLink(db, { token: who.token, facts: page.video }, 'nl');
	if (!video) return void counts.noVideo++;
	if (!video.ready) return void counts.transcriptOnly++;
	counts.withVideo++;
	// What the offered video says (its captions, written when it was rendered) against what the page's facts say now.
	const captions = join(config().mediaDir, video.ready.captions.replace('/media/', ''));
	if (!existsSync(captions) || !existsSync(join(config().mediaDir, video.ready.video.replace('/media/', '')))) return void counts.missing++;
	const facts = (await factsOf(db, who.id))!;
	if (readFileSync(captions, 'utf8') !== webVtt(propsFor(facts, 'nl', 'full')!)) counts.stale++;
}

const started = performance.now();
const CHANGES_PER_MINUTE = Number(process.env.BENCH_CHANGES_PER_MINUTE ?? 2);
const VISITS_PER_MINUTE = Number(process.env.BENCH_VISITS_PER_MINUTE ?? 3);
for (let minute = 0; minute < MINUTES; minute++) {
	tickReal[minute] = Date.now();
	// Mostly in the daytime, as people pay and write.
	const hour = minute / 60;
	const busy = hour >= 8 && hour < 22 ? 1.6 : 0.3;
	for (let i = 0; i < Math.round(CHANGES_PER_MINUTE * busy * random() * 2); i++) await change(pick(people));
	if (minute === 600) {
		await settings.saveTone(db, scopes.get(people[0].merchantId)!, 'formal');
		counts.changes++;
	}
	if (minute === 900) {
		await db
			.update(merchants)
			.set({ brandColor: '#7a2e8e' })
			.where(eq(merchants.id, people[people.length - 1].merchantId));
		counts.changes++;
	}
	for (let i = 0; i < Math.round(VISITS_PER_MINUTE * busy * random() * 2); i++) await visit(pick(people));
	// The minute is over: the drain (every minute in production) and the worker's share of the queue.
	await sleep(15);
	await jobs.drain(db);
	await work(RENDERS_PER_MINUTE);
	if (minute % 60 === 59) {
		// The hourly clean-up, with the keep time mapped onto this compressed day.
		const keepTicks = config().videoKeepHours * 60;
		const since = minute - keepTicks >= 0 ? tickReal[minute - keepTicks] : tickReal[0] - 1;
		await cleanUp(db, { store: media(), cacheDir, keepMs: Math.max(0, Date.now() - since) });
		peakDisk = Math.max(peakDisk, await diskBytes(config().mediaDir, cacheDir));
		const backlog = rowsOf<{ n: number }>(
			await db.execute(sql`select count(*)::int as n from debtor_videos where state in ('waiting', 'rendering')`)
		)[0].n;
		backlogPeak = Math.max(backlogPeak, backlog);
	}
}
// The end of the day: the queue catches up, and the clean-up runs once more.
await catchUp();
const lastKeep = MINUTES - config().videoKeepHours * 60;
await cleanUp(db, { store: media(), cacheDir, keepMs: Math.max(0, Date.now() - tickReal[Math.max(0, lastKeep)]) });
const diskEnd = await diskBytes(config().mediaDir, cacheDir);
const live = rowsOf<{ state: string; n: number }>(
	await db.execute(sql`select state, count(*)::int as n from debtor_videos group by state order by state`)
);
const status = await state.statusOf(db, people[0].merchantId);
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

console.log(
	`bench:video-churn — ${DEBTORS} debtors of ${MERCHANTS} merchants, one simulated day (${MINUTES} minutes) in ${((performance.now() - started) / 1000).toFixed(0)} s`
);
console.log(
	`  render sizes: ${sizes.calibrated ? 'from a real render now' : 'fixed (BENCH_CALIBRATE=0)'}: MP4 ${mb(sizes.mp4)}, poster ${mb(sizes.png)}, shared chunk ${mb(sizes.chunk)}; marginal render ${sizes.marginalSeconds.toFixed(1)} s → the worker makes ${RENDERS_PER_MINUTE} a minute`
);
console.log(`  start of day: ${rendersBefore} videos rendered for ${DEBTORS} debtors`);
console.log(`  changes made: ${counts.changes}`);
console.log(
	`  renders done: ${counts.renders} (${(counts.renders / Math.max(1, counts.changes)).toFixed(2)} per change); jobs that found the video made already: ${counts.ready}; deferred while a debtor was still changing: ${counts.deferred}; found nothing to say: ${counts.nothing}`
);
console.log(
	`  page views: ${counts.visits} — with a video ${counts.withVideo}, transcript while the new one is made ${counts.transcriptOnly}, no video fits (settled, paused, plan, on hold) ${counts.noVideo}`
);
console.log(`  stale videos served by the page: ${counts.stale} (must be 0); offered but missing on disk: ${counts.missing} (must be 0)`);
console.log(
	`  disk: ${mb(diskStart)} at the start of the day, ${mb(diskEnd)} at the end (peak at an hourly clean-up ${mb(peakDisk)}); keep time ${config().videoKeepHours} h`
);
console.log(`  queue: peak backlog ${backlogPeak} videos; videos by state at the end: ${live.map((r) => `${r.state} ${r.n}`).join(', ')}`);
console.log(`  console, ${'Winkel 1'}: ready ${status.ready}, waiting ${status.waiting}, failed ${status.failed}`);
await queue.stop({ graceful: false });
await database.close();
rmSync(root, { recursive: true, force: true });
if (counts.stale > 0 || counts.missing > 0) process.exit(1);

// The video for real: the job queue renders two debtors of one merchant with Debian's chromium (short variant,
// 360×640, 3 s), the second reusing the shared chunk; the files are checked as a phone would need them.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Read once by config(): a short, small variant in throw-away folders (the bundle is kept between runs).
process.env.VIDEO_VARIANT = 'short';
// Render at once: the quiet period after a change is covered by video-truth.test.ts.
process.env.VIDEO_QUIET_SECONDS = '0';
process.env.DATA_DIR = join(tmpdir(), 'coulant-video-tests');
process.env.MEDIA_DIR = mkdtempSync(join(tmpdir(), 'coulant-media-'));

const { getVideoMetadata } = await import('@remotion/renderer');
const { config } = await import('../../src/lib/server/config');
const { registerVideoJobs, requestVideo, drain } = await import('../../src/lib/server/video/jobs');
const { claims: claimsTable } = await import('../../src/lib/server/db/schema');
const { eq } = await import('drizzle-orm');
const { factsOf } = await import('../../src/lib/server/video/queries');
const { mediaFiles, propsFor, media, forPage } = await import('../../src/lib/server/video/service');
const { createRenderer } = await import('../../src/lib/server/video/renderer');
const { preview, stillOf } = await import('../../src/lib/server/video/preview');
const { startQueue } = await import('../../src/lib/server/queue');
const { testDatabase } = await import('../helpers/db');
const make = await import('../helpers/fixtures');
const { eventually } = await import('../helpers/standin');

type Database = Awaited<ReturnType<typeof testDatabase>>;
let database: Database;
let queue: Awaited<ReturnType<typeof startQueue>>;

const FFPROBE_DIR = join(import.meta.dirname, '../../node_modules/@remotion/compositor-linux-x64-gnu');
function probe(path: string) {
	const out = execFileSync(
		join(FFPROBE_DIR, 'ffprobe'),
		[
			'-v',
			'error',
			'-select_streams',
			'v:0',
			'-count_packets',
			'-show_entries',
			'stream=codec_name,width,height,pix_fmt,color_range,color_space,nb_read_packets',
			'-of',
			'json',
			path
		],
		{ env: { ...process.env, LD_LIBRARY_PATH: FFPROBE_DIR }, encoding: 'utf8' }
	);
	return JSON.parse(out).streams[0];
}

function pngSize(file: string | Buffer) {
	const b = typeof file === 'string' ? readFileSync(file) : file;
	expect(b.subarray(1, 4).toString()).toBe('PNG');
	return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

// One real render suite is enough: it does not depend on the database engine (vite.config.ts runs it on PostgreSQL only).
describe('the personalised video, rendered for real', () => {
	beforeAll(async () => {
		database = await testDatabase();
		queue = await startQueue(database, { supervise: false });
		await registerVideoJobs(queue, database.db, () => {});
		await (await import('../../src/lib/server/video/names')).ensureMediaKey(database.db);
	}, 60_000);
	afterAll(async () => {
		await queue?.stop({ graceful: false });
		await database?.close();
	});

	it('renders on the queue, reuses the merchant’s shared scenes, and publishes a phone-ready MP4, poster and captions', async () => {
		const { db } = database;
		const m = await make.merchant(db, { displayName: 'Fietsenwinkel Übermäßig Lange Naam & Zonen', tone: 'formal' });
		const a = await make.debtor(db, m.id, { name: 'Zoë Ğülşen-d’Ancona' });
		const b = await make.debtor(db, m.id, { name: 'Piet Puk' });
		await make.claim(db, { merchantId: m.id, debtorId: a.id }, { amountCents: 1234567 });
		await make.claim(db, { merchantId: m.id, debtorId: b.id }, { amountCents: 2495 });
		await make.claim(db, { merchantId: m.id, debtorId: b.id }, { amountCents: 2495 });

		const page = await forPage(db, a.id, 'nl');
		expect(page!.page.ready).toBeNull();
		expect(page!.page.transcript[0]).toContain('Geachte Zoë Ğülşen-d’Ancona,');

		expect(await requestVideo(db, a.id)).toBe(true);
		expect(await requestVideo(db, a.id)).toBe(true);
		expect(await requestVideo(db, b.id)).toBe(true);
		const files = async (id: string) => mediaFiles(propsFor((await factsOf(db, id))!, 'nl', 'short')!);
		const store = media();
		const ready = async () =>
			(await store.size((await files(a.id)).video)) !== null && (await store.size((await files(b.id)).video)) !== null;
		expect(await eventually(ready, (r) => r, 100_000)).toBe(true);

		for (const id of [a.id, b.id]) {
			const f = await files(id);
			const mp4 = join(config().mediaDir, f.video);
			const meta = await getVideoMetadata(mp4, { logLevel: 'error' });
			expect(meta).toMatchObject({ codec: 'h264', width: 360, height: 640, fps: 30, durationInSeconds: 3 });
			expect(probe(mp4)).toMatchObject({ nb_read_packets: '90', pix_fmt: 'yuv420p', color_range: 'tv', color_space: 'bt709' });
			const bytes = readFileSync(mp4);
			// faststart: the index comes before the data, so a phone starts playing before the download ends.
			expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat'));
			expect(bytes.length).toBeLessThan(300_000);
			expect(pngSize(join(config().mediaDir, f.poster))).toEqual({ width: 360, height: 640 });
			expect(readFileSync(join(config().mediaDir, f.captions), 'utf8')).toMatch(/^WEBVTT\n/);
		}
		// Ready now: the page gets the files, and asking again renders nothing.
		expect((await forPage(db, a.id, 'nl'))!.page.ready?.video).toMatch(/^\/media\/[0-9a-f]{40}\.mp4$/);
		expect(await requestVideo(db, a.id)).toBe(false);

		// A payment: the page stops offering the old video at once, the drain asks for a new one, and it says the new amount.
		const before = (await forPage(db, b.id, 'nl'))!;
		const [first] = await db.select({ id: claimsTable.id }).from(claimsTable).where(eq(claimsTable.debtorId, b.id)).limit(1);
		await db.update(claimsTable).set({ amountPaidCents: 1000 }).where(eq(claimsTable.id, first.id));
		const after = (await forPage(db, b.id, 'nl'))!;
		expect(after.page.ready).toBeNull();
		expect(after.name).not.toBe(before.name);
		expect(await drain(db)).toMatchObject({ renders: 1 });
		const rerendered = await eventually(
			() => forPage(db, b.id, 'nl'),
			(p) => p!.page.ready !== null,
			100_000
		);
		expect(rerendered!.page.ready!.id).toBe(after.name);
		const vtt = readFileSync(join(config().mediaDir, `${after.name}.vtt`), 'utf8').replace(/\s/g, ' ');
		expect(vtt).toContain('€ 39,90');
		expect(vtt).not.toContain('€ 49,90');
		// The old files are retired, not deleted yet: a page opened before the payment may still be playing them.
		expect(await store.size(`${before.name}.mp4`)).not.toBeNull();
		// A still of the new video's personal part, to look at (STILLS_DIR keeps it).
		if (process.env.STILLS_DIR) {
			const still = createRenderer({ chromiumPath: config().chromiumPath, cacheDir: config().videoCacheDir });
			try {
				await still.still(after.props, 27, join(process.env.STILLS_DIR, 'after-payment-open.png'), 1);
				await still.still(before.props, 27, join(process.env.STILLS_DIR, 'before-payment-open.png'), 1);
			} finally {
				await still.close();
			}
		}
	}, 280_000);

	it("makes the console preview's first frame on the queue, once per look, and only for the merchant who asked", async () => {
		const { db } = database;
		// A name of its own per run: stills are kept on disk between runs, like the bundle.
		const m = await make.merchant(db, {
			displayName: `Winkel Stilstaand ${Date.now().toString(36)}`,
			tone: 'friendly',
			brandColor: '#1f4e5f'
		});
		const other = await make.merchant(db, { displayName: 'Winkel Anders' });
		const scope = { merchantId: m.id, userId: 'owner', role: 'owner' as const };
		const look = { tone: 'formal' as const, brandColor: '#7a2e8e' };
		const first = await preview(db, scope, look, 'nl');
		expect(first.state).toBe('pending');
		expect(first.script[0]).toContain('Geachte Sanne de Vries,');
		const ready = await eventually(
			() => preview(db, scope, look, 'nl'),
			(p) => p.state === 'ready',
			60_000
		);
		expect(ready.state).toBe('ready');
		const png = Buffer.from((await stillOf(db, scope, look, 'nl'))!);
		// Phone size: half of the 720×1280 video.
		expect(pngSize(png)).toEqual({ width: 360, height: 640 });
		// The same look is not made again; another merchant asking for the same look gets none of this one.
		expect((await preview(db, scope, look, 'nl')).state).toBe('ready');
		expect(await stillOf(db, { ...scope, merchantId: other.id }, look, 'nl')).toBeNull();
		// Another tone is another frame.
		expect((await preview(db, scope, { ...look, tone: 'neutral' }, 'nl')).state).toBe('pending');
	}, 90_000);

	it('renders a still frame of the shared scenes, and refuses bad props before rendering', async () => {
		const renderer = createRenderer({ chromiumPath: config().chromiumPath, cacheDir: config().videoCacheDir });
		try {
			const props = {
				variant: 'short',
				locale: 'en',
				tone: 'neutral',
				brand: { name: 'Testwinkel', color: '#7a2e8e', accent: '#f2b134', logo: null },
				options: { payNow: false, instalments: false, moreTimeDays: null },
				debtor: { name: 'Lotte', total: { amountCents: 100, currency: 'EUR' }, invoices: 1, since: '2026-01-01', fromMonthly: null }
			};
			const out = join(config().mediaDir, 'still.png');
			await renderer.still(props, 40, out);
			expect(pngSize(out)).toEqual({ width: 360, height: 640 });
			await expect(renderer.render({ ...props, tone: 'grumpy' })).rejects.toThrow(/Invalid video props: tone/);
		} finally {
			await renderer.close();
		}
	}, 60_000);
});

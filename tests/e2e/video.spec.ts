// The personalised video on a phone: plays inline with captions, watching lands on the timeline, and the page
// is whole without it. Rendering is covered by tests/integration/video.test.ts; here a small pre-rendered video
// is published through the storage module under the name the server itself computes for the debtor.
import { expect, test } from '@playwright/test';
import { and, eq, like } from 'drizzle-orm';
import { resolve } from 'node:path';
import { claims, timelineEvents } from '../../src/lib/server/db/schema';
import * as links from '../../src/lib/server/links/service';
import { factsOf } from '../../src/lib/server/video/queries';
import { media, mediaFiles, propsFor } from '../../src/lib/server/video/service';
import { ensureMediaKey } from '../../src/lib/server/video/names';
import { webVtt } from '../../video/script';
import * as make from '../helpers/fixtures';
import { withDb } from './fixtures';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';

const FIXTURE = resolve(import.meta.dirname, 'video-fixture');
const COMPOSITOR = resolve(import.meta.dirname, '../../node_modules/@remotion/compositor-linux-x64-gnu');

let shortVideo: string | undefined;
/**
 * A 2-second H.264 stand-in for a rendered video, made from the fixture poster with the ffmpeg that
 * ships inside Remotion's compositor: rendered media is never committed, and a real render takes minutes.
 */
function fixtureVideo(): string {
	if (shortVideo) return shortVideo;
	const out = resolve(mkdtempSync(resolve(tmpdir(), 'coulant-e2e-video-')), 'short.mp4');
	const args = ['-hide_banner', '-y', '-f', 'image2', '-loop', '1', '-framerate', '30', '-t', '2', '-i', resolve(FIXTURE, 'short.png')];
	const made = spawnSync(
		resolve(COMPOSITOR, 'ffmpeg'),
		[...args, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', out],
		{
			env: { ...process.env, LD_LIBRARY_PATH: COMPOSITOR }
		}
	);
	if (made.status !== 0) throw new Error(`could not make the fixture video: ${made.stderr}`);
	shortVideo = out;
	return out;
}

/** A fresh debtor with one open claim; with `video`, their video is published as the server would. */
async function debtor(video: boolean) {
	return withDb(async (db) => {
		// A merchant of its own keeps the server's own render queue out of this test's way.
		const m = await make.merchant(db, { displayName: 'Fietsenwinkel Video', brandColor: '#7a2e8e' });
		const d = await make.debtor(db, m.id, { name: 'Lotte Jansen', locale: 'nl' });
		// Videos are named by their content: a random amount keeps this debtor's video apart from earlier runs'.
		const amountCents = 5000 + Math.floor(Math.random() * 1_000_000);
		const claim = await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents });
		if (video) {
			await ensureMediaKey(db);
			const props = propsFor((await factsOf(db, d.id))!, 'nl', 'full')!;
			const files = mediaFiles(props);
			const vtt = resolve(mkdtempSync(resolve(tmpdir(), 'coulant-e2e-')), 'captions.vtt');
			writeFileSync(vtt, webVtt({ ...props, variant: 'short' }));
			await media().put(files.poster, resolve(FIXTURE, 'short.png'));
			await media().put(files.captions, vtt);
			await media().put(files.video, fixtureVideo());
		}
		const { token } = await links.issue(db, d.id, 30);
		return { path: `/d/${token}`, debtorId: d.id, claimId: claim.id, amountCents };
	});
}

const watched = (debtorId: string) =>
	withDb((db) =>
		db
			.select({ type: timelineEvents.type, payload: timelineEvents.payload })
			.from(timelineEvents)
			.where(and(eq(timelineEvents.debtorId, debtorId), like(timelineEvents.type, 'video.%')))
	);

test('the video plays inline with captions, and watching it lands on the timeline', async ({ page, request }) => {
	const { path, debtorId } = await debtor(true);
	await page.goto(path);
	const video = page.locator('video');
	await expect(video).toBeVisible();
	await expect(video).toHaveAttribute('playsinline', '');
	await expect(video).toHaveAttribute('poster', /^\/media\/[0-9a-f]{40}\.png$/);
	await expect(page.locator('video track[kind="captions"]')).toHaveAttribute('srclang', 'nl');
	// Above the fold on a 360×740 phone.
	const box = (await video.boundingBox())!;
	expect(box.y).toBeLessThan(740);
	// The media URL does not carry the debtor's token.
	const src = (await page.locator('video source').getAttribute('src'))!;
	expect(src).not.toContain(path.split('/').pop()!);

	await page.evaluate(async () => {
		const v = document.querySelector('video')!;
		v.muted = true;
		await v.play();
	});
	await page.evaluate(() => (document.querySelector('video')!.textTracks[0].mode = 'showing'));
	await expect(page.locator('video')).toHaveJSProperty('ended', true, { timeout: 15_000 });
	await expect
		.poll(async () => (await watched(debtorId)).map((e) => e.type + ('percent' in e.payload ? `:${e.payload.percent}` : '')).sort(), {
			timeout: 10_000
		})
		.toEqual(['video.captions', 'video.completed', 'video.progress:25', 'video.progress:50', 'video.progress:75', 'video.started']);

	// Served with ranges, the right type and immutable caching.
	const partial = await request.get(src, { headers: { Range: 'bytes=0-99' } });
	expect(partial.status()).toBe(206);
	expect(partial.headers()['content-type']).toBe('video/mp4');
	expect(partial.headers()['content-range']).toMatch(/^bytes 0-99\/\d+$/);
	expect(partial.headers()['cache-control']).toContain('immutable');
	expect((await partial.body()).length).toBe(100);
	const vtt = await request.get(src.replace(/\.mp4$/, '.vtt'));
	expect(vtt.headers()['content-type']).toContain('text/vtt');
	expect(await vtt.text()).toContain('Hoi Lotte,');
	expect((await request.get('/media/')).status()).toBe(404);
	expect((await request.get('/media/..%2F..%2Fpackage.json')).status()).toBe(404);
});

test('a beacon that does not fit the schema is refused and recorded nowhere', async ({ page, request }) => {
	const { path, debtorId } = await debtor(false);
	await page.goto(path);
	const bad = await request.post(`${path}/video-events`, { data: { event: 'progress', percent: 33, video: 'x' } });
	expect(bad.status()).toBe(400);
	expect(await watched(debtorId)).toEqual([]);
});

test('without a video the page is whole: the transcript stands in and nothing looks broken', async ({ page }) => {
	const { path } = await debtor(false);
	await page.goto(path);
	await expect(page.locator('video')).toHaveCount(0);
	const transcript = page.locator('details.transcript');
	await expect(transcript.locator('summary')).toBeVisible();
	// The page's own short explanation, not a video's transcript: no word of a video that is not there.
	await expect(transcript.locator('summary')).toHaveText('Wat er speelt, kort uitgelegd');
	await expect(transcript).not.toContainText('onder deze video');
	await expect(transcript).toContainText('Hoi Lotte,');
	await expect(transcript).toContainText('Zo kun je het regelen');
	await expect(page.getByTestId('balance')).toBeVisible();
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
});

test('after a payment the old video is no longer offered: the transcript of the new balance stands in', async ({ page }) => {
	const { path, claimId, amountCents } = await debtor(true);
	await page.goto(path);
	await expect(page.locator('video')).toBeVisible();
	const euros = (cents: number) =>
		new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(cents / 100).replace(/\s/g, ' ');
	// An instalment booked on the claim, as the ledger does.
	await withDb((db) => db.update(claims).set({ amountPaidCents: 2500 }).where(eq(claims.id, claimId)));
	await page.reload();
	await expect(page.locator('video')).toHaveCount(0);
	const transcript = page.locator('details.transcript');
	await transcript.locator('summary').click();
	const said = ((await transcript.textContent()) ?? '').replace(/\s/g, ' ');
	expect(said).toContain(euros(amountCents - 2500));
	expect(said).not.toContain(euros(amountCents));
	await page.screenshot({ path: test.info().outputPath('after-payment.png'), fullPage: false });
});

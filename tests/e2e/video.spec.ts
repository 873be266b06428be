// The personalised video on a phone: plays inline with captions, watching lands on the timeline, and the page
// is whole without it. Rendering is covered by tests/integration/video.test.ts; here a small pre-rendered video
// is published through the storage module under the name the server itself computes for the debtor.
import { expect, test } from '@playwright/test';
import { and, eq, like } from 'drizzle-orm';
import { claims, timelineEvents } from '../../src/lib/server/db/schema';
import { withDb } from './fixtures';

import { debtor } from './video-debtor';

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

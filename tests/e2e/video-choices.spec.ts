// The interactive video on a phone: chapters and choices are real controls over the <video>, timed from the
// video's own script, usable by keyboard; each tap lands on the timeline; without JavaScript they are absent.
import { expect, test } from '@playwright/test';
import { and, eq, inArray } from 'drizzle-orm';
import { resolve } from 'node:path';
import { timelineEvents } from '../../src/lib/server/db/schema';
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

// The fixture video and the publishing, as in video.spec.ts.
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

const taps = (debtorId: string) =>
	withDb((db) =>
		db
			.select({ type: timelineEvents.type, payload: timelineEvents.payload })
			.from(timelineEvents)
			.where(and(eq(timelineEvents.debtorId, debtorId), inArray(timelineEvents.type, ['video.chapter', 'video.choice'])))
	);

test('a chapter jumps to the options, a choice lands on its step, and both are on the timeline', async ({ page }) => {
	const { path, debtorId } = await debtor(true);
	await page.goto(path);
	const chapters = page.getByRole('list', { name: 'Hoofdstukken van de video' });
	await expect(chapters).toBeVisible();
	// Keyboard: focus the chapter and press Enter.
	await chapters.getByRole('button', { name: 'Wat kun je doen?' }).focus();
	await page.keyboard.press('Enter');
	const choices = page.getByRole('group', { name: 'Kies wat je wilt doen' });
	await expect(choices).toBeVisible();
	await expect(choices.getByRole('link')).toHaveText(['Nu betalen', 'Betalen in termijnen', 'Meer tijd']);
	await choices.getByRole('link', { name: 'Betalen in termijnen' }).click();
	await expect(page).toHaveURL(/\/plan$/);
	await expect
		.poll(async () => (await taps(debtorId)).map((e) => `${e.type}:${e.payload.scene ?? e.payload.choice}`).sort(), { timeout: 10_000 })
		.toEqual(['video.chapter:options', 'video.choice:plan']);
});

test("without JavaScript the controls are absent and the page's own buttons remain", async ({ browser }) => {
	const { path } = await debtor(true);
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await page.goto(path);
	await expect(page.locator('video')).toBeVisible();
	await expect(page.getByRole('list', { name: 'Hoofdstukken van de video' })).toBeHidden();
	await expect(page.getByRole('group', { name: 'Kies wat je wilt doen' })).toBeHidden();
	await expect(page.getByTestId('pay')).toBeVisible();
	await context.close();
});

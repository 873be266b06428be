// A debtor for the video e2e specs, with a published video when asked: the fixture poster, captions from the video's
// own script, and a 2-second H.264 stand-in for the render.
import { resolve } from 'node:path';
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
export async function debtor(video: boolean) {
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

// Renders on the job queue: a debtor's video is made when their claims arrive or their merchant's brand or tone
// changes, so it is ready before the link goes out. pg-boss retries a crashed or killed render; files are
// published only when complete, so a retry starts clean and a reader never sees half a file.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { config } from '../config';
import type { Db } from '../db/client';
import type { Queue } from '../queue';
import type { VideoProps } from '../../schemas/video';
import { debtorsWithOpenClaims, factsOf } from './queries';
import { checkChromium, createRenderer, type Renderer } from './renderer';
import { registerStillJobs } from './preview';
import { ensureMediaKey } from './names';
import { isPublished, media, mediaFiles, propsFor } from './service';

export const VIDEO_QUEUE = 'video.render';
export const SWEEP_QUEUE = 'video.sweep';

type RenderJob = { debtorId: string; locale: string };

/** The render queue, the same whether this process renders or only asks. */
const RENDER_QUEUE_OPTIONS = { policy: 'short', retryLimit: 3, retryDelay: 20, retryBackoff: true, expireInSeconds: 900 } as const;

let queue: Queue | undefined;
let renderer: Renderer | undefined;
let idle: ReturnType<typeof setTimeout> | undefined;

/** On shutdown: the browser goes too, or its process would keep the server from exiting. */
export async function stopVideoJobs() {
	clearTimeout(idle);
	const r = renderer;
	renderer = undefined;
	await r?.close().catch(() => {});
}

/** Makes (or confirms) one debtor's video in one language; returns what happened. */
export async function renderFor(db: Db, job: RenderJob, r: Renderer): Promise<'rendered' | 'ready' | 'nothing_open'> {
	await ensureMediaKey(db);
	const facts = await factsOf(db, job.debtorId);
	const props = facts && propsFor(facts, job.locale, config().videoVariant);
	if (!props) return 'nothing_open';
	// The name hashes the props (with the logo): once per job is enough.
	const files = mediaFiles(props);
	const store = media();
	if (await isPublished(files.video, store)) return 'ready';
	const out = await r.render(props);
	try {
		await store.put(files.poster, out.png);
		await store.put(files.captions, out.vtt);
		await store.put(files.video, out.mp4);
	} finally {
		await rm(out.dir, { recursive: true, force: true });
	}
	return 'rendered';
}

/**
 * Asks for a debtor's video (call it when claims arrive, or when a merchant's brand or tone changes, per debtor).
 * Cheap and idempotent: nothing happens when the video is ready or already queued.
 */
export async function requestVideo(db: Db, debtorId: string, locale?: string): Promise<boolean> {
	if (!queue) return false;
	await ensureMediaKey(db);
	const facts = await factsOf(db, debtorId);
	const props = facts && propsFor(facts, locale ?? facts.locale, config().videoVariant);
	return props ? enqueue(debtorId, props) : false;
}

/**
 * Asks for the video of these props, made for this debtor, unless it is published or already queued; `videoFile`
 * is mediaFiles(props).video, for a caller that has it already (it hashes the props).
 */
export async function enqueue(debtorId: string, props: VideoProps, videoFile?: string): Promise<boolean> {
	if (!queue) return false;
	const file = videoFile ?? mediaFiles(props).video;
	if (await isPublished(file)) return false;
	await queue.send(VIDEO_QUEUE, { debtorId, locale: props.locale } satisfies RenderJob, { singletonKey: file });
	return true;
}

/** Every debtor with open claims gets a video in their language: on start-up (after the demo is seeded) and every 15 minutes. */
export async function sweep(db: Db) {
	let asked = 0;
	for (const d of await debtorsWithOpenClaims(db)) if (await requestVideo(db, d.debtorId, d.locale)) asked++;
	return asked;
}

async function removeStaleWork(cacheDir: string) {
	// Leftovers of a render that was killed; a live render elsewhere is younger than an hour.
	const dir = join(cacheDir, 'work');
	for (const entry of await readdir(dir).catch(() => [] as string[])) {
		const s = await stat(join(dir, entry)).catch(() => null);
		if (s && Date.now() - s.mtimeMs > 3_600_000) await rm(join(dir, entry), { recursive: true, force: true });
	}
}

export async function registerVideoJobs(q: Queue, db: Db, log: (line: string) => void = console.log, options: { work: boolean } = { work: true }) {
	const c = config();
	if (!c.videoRender) return;
	if (!options.work) {
		// Web-only: ask for renders (requestVideo), leave rendering to the worker processes.
		await q.createQueue(VIDEO_QUEUE, RENDER_QUEUE_OPTIONS);
		await registerStillJobs(q, db, { work: false });
		queue = q;
		return;
	}
	try {
		checkChromium(c.chromiumPath);
	} catch (e) {
		// The page works without the video; say once, clearly, why there is none.
		log(`Coulant: personalised videos are off. ${(e as Error).message}`);
		return;
	}
	await removeStaleWork(c.videoCacheDir);
	await q.createQueue(VIDEO_QUEUE, RENDER_QUEUE_OPTIONS);
	await q.createQueue(SWEEP_QUEUE);
	let active = 0;
	const acquire = () => {
		clearTimeout(idle);
		active++;
		renderer ??= createRenderer({ chromiumPath: c.chromiumPath, cacheDir: c.videoCacheDir });
		return renderer;
	};
	// Keep the browser for the next job in line; close it when both queues have been quiet for a while.
	const release = () => {
		active--;
		clearTimeout(idle);
		if (active > 0) return;
		idle = setTimeout(() => void (active === 0 && renderer?.close().catch(() => {})), 30_000);
		idle.unref();
	};
	await q.work<RenderJob>(VIDEO_QUEUE, { batchSize: 1, localConcurrency: 1 }, async ([job]) => {
		const r = acquire();
		try {
			return await renderFor(db, job.data, r);
		} finally {
			release();
		}
	});
	// The console's still frames share the browser with the debtor videos.
	await registerStillJobs(q, db, { work: true, renderer: acquire, done: release });
	await q.work(SWEEP_QUEUE, async () => {
		await sweep(db);
	});
	await q.schedule(SWEEP_QUEUE, '*/15 * * * *');
	queue = q;
	// Soon after start, not during it: the demo debtors are seeded right after the jobs start.
	await q.send(SWEEP_QUEUE, {}, { startAfter: 3, singletonKey: 'startup', singletonSeconds: 60 });
}

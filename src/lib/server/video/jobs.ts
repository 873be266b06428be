// Renders on the job queue. A debtor's video is asked for when their claims arrive, when the page misses it (another
// language), and — through the changes the database triggers mark (video_changes) — whenever what it says changes:
// a payment, a plan, a dispute, a recall, a pause, the merchant's look or tone. The drain waits until a debtor has
// been quiet for a while, so a burst of changes makes one render of the final state. pg-boss retries a crashed
// render; files are published only when complete, and retired files are deleted later by the clean-up job.
import { config } from '../config';
import type { Db } from '../db/client';
import type { Queue } from '../queue';
import type { VideoProps } from '../../schemas/video';
import { cleanUp } from './cleanup';
import { debtorsWithoutVideo, factsOf, type DebtorFacts } from './queries';
import { checkChromium, createRenderer, sharedChunkName, type Renderer } from './renderer';
import { registerStillJobs } from './preview';
import { filesNamed, isPublished, media, mediaFiles, propsFor } from './service';
import * as state from './state';
import { ensureMediaKey, outputName } from './names';

export const VIDEO_QUEUE = 'video.render';
export const SWEEP_QUEUE = 'video.sweep';
export const DRAIN_QUEUE = 'video.changes';
export const CLEANUP_QUEUE = 'video.cleanup';

export type RenderJob = { debtorId: string; locale: string };

/** The render queue, the same whether this process renders or only asks. One job waits per debtor and language. */
const RENDER_QUEUE_OPTIONS = { policy: 'short', retryLimit: 3, retryDelay: 20, retryBackoff: true, expireInSeconds: 900 } as const;

let queue: Queue | undefined;
let renderer: Renderer | undefined;
let idle: ReturnType<typeof setTimeout> | undefined;

/** On shutdown: the browser goes too, or its process would keep the server from exiting. */
export async function stopVideoJobs() {
	clearTimeout(idle);
	const r = renderer;
	renderer = undefined;
	queue = undefined;
	await r?.close().catch(() => {});
}

const keyOf = (facts: DebtorFacts, locale: string) => ({ debtorId: facts.debtorId, merchantId: facts.merchantId, locale });

/** Files of a name that no live row uses any more: touched, so the clean-up keeps them a while for pages still playing them. */
async function retire(db: Db, previous: string | null, current: string | null) {
	if (!previous || previous === current || (await state.inUse(db, previous))) return;
	const files = filesNamed(previous);
	for (const f of [files.video, files.poster, files.captions]) await media().touch(f);
}

export type RenderOutcome = 'rendered' | 'ready' | 'nothing_to_say' | 'deferred' | 'unknown_debtor';

/** Is a change to this debtor still settling? Then the drain will ask again once it is quiet. */
async function settling(db: Db, debtorId: string, now: Date) {
	const at = await state.pendingChange(db, debtorId);
	return at !== null && now.getTime() - at.getTime() < config().videoQuietSeconds * 1000;
}

/** Makes (or confirms) one debtor's video in one language, from the facts their page shows now. */
export async function renderFor(db: Db, job: RenderJob, r: Renderer, now = new Date()): Promise<RenderOutcome> {
	if (await settling(db, job.debtorId, now)) return 'deferred';
	await ensureMediaKey(db);
	const facts = await factsOf(db, job.debtorId, now);
	if (!facts) return 'unknown_debtor';
	const key = keyOf(facts, job.locale);
	const props = propsFor(facts, job.locale, config().videoVariant);
	if (!props) {
		await retire(db, (await state.none(db, key)).published, null);
		return 'nothing_to_say';
	}
	// The name hashes the props (with the logo): once per job is enough.
	const name = outputName(props);
	const files = filesNamed(name);
	const store = media();
	if (await isPublished(files.video, store)) {
		await retire(db, (await state.ready(db, key, { name, chunk: sharedChunkName(props) })).published, name);
		return 'ready';
	}
	await state.rendering(db, key, name);
	const started = performance.now();
	const out = await r.render(props);
	try {
		await store.put(files.poster, out.png);
		await store.put(files.captions, out.vtt);
		await store.put(files.video, out.mp4);
	} finally {
		await r.discard(out);
	}
	const previous = await state.ready(db, key, {
		name,
		chunk: out.chunk,
		renderMs: Math.round(performance.now() - started),
		afterRender: true
	});
	await retire(db, previous.published, name);
	return 'rendered';
}

/**
 * Asks for a debtor's video in a language (their own when left out): cheap and idempotent, nothing happens when it
 * is ready or already queued. False when no video fits or nothing was asked.
 */
export async function requestVideo(db: Db, debtorId: string, locale?: string): Promise<boolean> {
	if (!queue) return false;
	await ensureMediaKey(db);
	const facts = await factsOf(db, debtorId);
	const props = facts && propsFor(facts, locale ?? facts.locale, config().videoVariant);
	if (!facts || !props) return false;
	return enqueue(db, facts, props);
}

/**
 * Asks for the video of these props, for this debtor, unless it is published; `videoFile` is mediaFiles(props).video
 * for a caller that has it already (it hashes the props). The render starts after the quiet period, and reads the
 * facts again then: whatever changed meanwhile is what it renders.
 */
export async function enqueue(
	db: Db,
	who: { debtorId: string; merchantId: string },
	props: VideoProps,
	videoFile?: string,
	options: { startAfter?: number } = {}
): Promise<boolean> {
	if (!queue) return false;
	const file = videoFile ?? mediaFiles(props).video;
	if (await isPublished(file)) return false;
	await state.waiting(db, { debtorId: who.debtorId, merchantId: who.merchantId, locale: props.locale }, file.slice(0, 40));
	await queue.send(VIDEO_QUEUE, { debtorId: who.debtorId, locale: props.locale } satisfies RenderJob, {
		singletonKey: `${who.debtorId}:${props.locale}`,
		startAfter: options.startAfter ?? config().videoQuietSeconds
	});
	return true;
}

/**
 * The drain: every debtor whose facts changed and who has been quiet since gets their video brought up to date in
 * their own language — re-rendered, confirmed, or none when no video fits any more. Languages other than their own
 * are dropped (the page asks for one again if it is visited in it). Returns how many debtors it looked at.
 */
export async function drain(db: Db, now = new Date(), batch = 200): Promise<{ debtors: number; renders: number }> {
	await ensureMediaKey(db);
	const quietBefore = new Date(now.getTime() - config().videoQuietSeconds * 1000);
	let debtors = 0;
	let renders = 0;
	for (;;) {
		const changed = await state.quietChanges(db, quietBefore, batch);
		for (const c of changed) {
			const facts = await factsOf(db, c.debtorId, now);
			if (facts) {
				for (const locale of await state.localesOf(db, c.debtorId)) {
					if (locale !== facts.locale) await retire(db, (await state.forget(db, c.debtorId, locale)).published, null);
				}
				const props = propsFor(facts, facts.locale, config().videoVariant);
				const key = keyOf(facts, facts.locale);
				const name = props && outputName(props);
				if (!props || !name) await retire(db, (await state.none(db, key)).published, null);
				else if (await isPublished(filesNamed(name).video)) {
					await retire(db, (await state.ready(db, key, { name, chunk: sharedChunkName(props) })).published, name);
				} else if (await enqueue(db, facts, props, filesNamed(name).video, { startAfter: 0 })) renders++;
			}
		}
		await state.clearChanges(db, changed);
		debtors += changed.length;
		if (changed.length < batch) return { debtors, renders };
	}
}

/** The safety net, on start-up and every 15 minutes: debtors with open claims whose video was never asked for. */
export async function sweep(db: Db) {
	let asked = 0;
	for (const d of await debtorsWithoutVideo(db)) if (await requestVideo(db, d.debtorId, d.locale)) asked++;
	return asked;
}

/** The clean-up job's work, with this server's folders and keep time. */
export function cleanUpNow(db: Db, now = Date.now()) {
	const c = config();
	return cleanUp(db, { store: media(), cacheDir: c.videoCacheDir, keepMs: c.videoKeepHours * 3_600_000, now });
}

export async function registerVideoJobs(
	q: Queue,
	db: Db,
	log: (line: string) => void = console.log,
	options: { work: boolean } = { work: true }
) {
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
	await q.createQueue(VIDEO_QUEUE, RENDER_QUEUE_OPTIONS);
	await q.createQueue(SWEEP_QUEUE);
	await q.createQueue(DRAIN_QUEUE, { policy: 'singleton' });
	await q.createQueue(CLEANUP_QUEUE, { policy: 'singleton' });
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
		} catch (e) {
			// The last attempt: the console counts it as failed (the page shows the transcript, as it does meanwhile).
			if (job.retryCount >= RENDER_QUEUE_OPTIONS.retryLimit) {
				const facts = await factsOf(db, job.data.debtorId).catch(() => undefined);
				const props = facts && propsFor(facts, job.data.locale, c.videoVariant);
				if (facts && props) await state.failed(db, keyOf(facts, job.data.locale), outputName(props), (e as Error).message);
			}
			throw e;
		} finally {
			release();
		}
	});
	// The console's still frames share the browser with the debtor videos.
	await registerStillJobs(q, db, { work: true, renderer: acquire, done: release });
	await q.work(SWEEP_QUEUE, async () => {
		await sweep(db);
	});
	await q.work(DRAIN_QUEUE, async () => drain(db));
	await q.work(CLEANUP_QUEUE, async () => cleanUpNow(db));
	await q.schedule(SWEEP_QUEUE, '*/15 * * * *');
	await q.schedule(DRAIN_QUEUE, '* * * * *');
	await q.schedule(CLEANUP_QUEUE, '41 * * * *');
	queue = q;
	// Soon after start, not during it: the demo debtors are seeded right after the jobs start.
	await q.send(SWEEP_QUEUE, {}, { startAfter: 3, singletonKey: 'startup', singletonSeconds: 60 });
	await q.send(CLEANUP_QUEUE, {}, { startAfter: 60, singletonKey: 'startup', singletonSeconds: 60 });
}

// The debtor page's side of the video: ready files or the transcript alone, and a render asked for on a miss.
import { config } from '../config';
import type { Db } from '../db/client';
import { enqueue } from './jobs';
import type { Policy } from '../../domain/policy';
import type { Tone } from '../../domain/tone';
import type { VideoStory } from '../../domain/video-story';
import { logoFor } from './queries';
import { ensureMediaKey } from './names';
import { describeVideo, filesNamed, isPublished, withReadiness, type PageVideo, type VideoDescription } from './service';
import { FPS, timings, type SceneId } from '../../../../video/script';

/** Where each scene starts, in seconds: the page's controls over the video follow the same script as the video. */
export type Chapter = { scene: SceneId; at: number };
export type LinkVideo = PageVideo & { beacon: string; chapters: Chapter[] };

/**
 * The video's facts as the page's own statement and view give them: who, in which look, and the story its figures
 * come from (null: no video fits the situation). The merchant's logo by its hash, not its bytes.
 */
export type PageFacts = {
	debtorId: string;
	merchantId: string;
	name: string;
	locale: string;
	merchantName: string;
	tone: Tone;
	brandColor: string;
	accentColor: string;
	logoHash: string | null;
	logoType: string | null;
	policy: Policy | null;
	story: VideoStory | null;
};

/**
 * The video for a debtor whose link the page has already checked, from the facts the page read; null when
 * nothing is open. Never waits for a render.
 */
export async function forLink(db: Db, link: { token: string; facts: PageFacts }, locale: string): Promise<LinkVideo | null> {
	const { logoHash: _logoHash, ...facts } = link.facts;
	const described = await describedFor(db, link.facts, locale);
	if (!described) return null;
	const found = await withReadiness(described, readyNow);
	if (!found.page.ready && config().videoRender && !recentlyAsked(found.name)) {
		// E.g. the debtor switched language, or the merchant changed its brand: make it now, for the next visit.
		enqueue(db, facts, found.props, filesNamed(found.name).video).catch((e) =>
			console.error('video request failed:', (e as Error).message)
		);
	}
	const chapters = timings(found.props.variant).map((t) => ({ scene: t.id, at: t.from / FPS }));
	return { ...found.page, beacon: `/d/${link.token}/video-events`, chapters };
}

/**
 * Describing a video (its props, hashed into its name, and its transcript) was a tenth of a debtor page view's CPU,
 * for the same answer on every view until something in the facts changes. Kept per exact facts: an entry is only
 * ever found again by the same debtor's same situation, never by another debtor.
 */
const descriptions = new Map<string, VideoDescription | null>();
const MAX_DESCRIPTIONS = 5_000;

async function describedFor(db: Db, pageFacts: PageFacts, locale: string): Promise<VideoDescription | null> {
	const { logoHash, ...facts } = pageFacts;
	// A logo without a hash cannot be told apart from the next one: describe it afresh.
	const key = facts.logoType && !logoHash ? null : JSON.stringify([locale, config().videoVariant, pageFacts]);
	const hit = key === null ? undefined : descriptions.get(key);
	if (hit !== undefined) return hit;
	await ensureMediaKey(db);
	const logo = await logoFor(db, facts.merchantId, logoHash, facts.logoType);
	const described = describeVideo({ ...facts, logo }, locale);
	if (key !== null) {
		if (descriptions.size >= MAX_DESCRIPTIONS) descriptions.delete(descriptions.keys().next().value!);
		descriptions.set(key, described);
	}
	return described;
}

/** One request per video (by its content name) per few minutes is enough; a busy page must not write a queue job on every view. */
const asked = new Map<string, number>();
function recentlyAsked(key: string, now = Date.now()) {
	const at = asked.get(key);
	if (at && now - at < 5 * 60_000) return true;
	if (asked.size > 10_000) asked.clear();
	asked.set(key, now);
	return false;
}

/**
 * Whether a video's MP4 is published, remembered for a short while: a page view must not cost a file system
 * call each time. Files are content-named and never change once published, so "ready" holds; "not yet" is
 * asked again after a few seconds, so a finished render shows up soon.
 */
const READY_FOR_MS = 60_000;
const NOT_READY_FOR_MS = 5_000;
const readiness = new Map<string, { ready: boolean; until: number }>();
async function readyNow(name: string, now = Date.now()): Promise<boolean> {
	const hit = readiness.get(name);
	if (hit && hit.until > now) return hit.ready;
	const ready = await isPublished(name);
	if (readiness.size > 10_000) readiness.clear();
	readiness.set(name, { ready, until: now + (ready ? READY_FOR_MS : NOT_READY_FOR_MS) });
	return ready;
}

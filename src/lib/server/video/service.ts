// The video's verbs: what a debtor's video says (props), whether it is ready, and what the page shows meanwhile.
import { DEFAULT_POLICY } from '../../domain/policy';
import { greetingName } from '../../domain/tone';
import { toLocale } from '../../schemas/locale';
import { parseVideoProps, type VideoProps } from '../../schemas/video';
import { transcript } from '../../../../video/script';
import { config } from '../config';
import type { Db } from '../db/client';
import { isLogoType } from '../merchants/logo';
import { factsOf, type DebtorFacts } from './queries';
import { ensureMediaKey, outputName } from './names';
import { storeOf } from '../storage';
import { mediaStore, type MediaStore } from './storage';

// Made once from configuration (MEDIA_DIR or object storage): the same for every request, not per-user state.
let store: MediaStore | undefined;
export function media(): MediaStore {
	store ??= mediaStore(storeOf('media', config().mediaDir)!);
	return store;
}

/** Deletes a video's files (MP4, poster, captions) by its content name, wherever media is stored; for erasure. */
export async function deleteVideo(name: string, store = media()): Promise<void> {
	const files = filesNamed(name);
	// The MP4 first: without it the page offers no video, so nobody is sent to a poster or captions that are gone.
	for (const f of [files.video, files.poster, files.captions]) await store.delete(f);
}

/**
 * The props of a debtor's video in a language, from the facts their page shows (facts.story, see domain/video-story);
 * null when no video fits their situation (settled, paused, all on hold, in a plan).
 */
export function propsFor(facts: DebtorFacts, locale: string, variant: VideoProps['variant']): VideoProps | null {
	const story = facts.story;
	if (!story) return null;
	const policy = facts.policy ?? DEFAULT_POLICY;
	const logo =
		facts.logo && isLogoType(facts.logoType) ? `data:${facts.logoType};base64,${Buffer.from(facts.logo).toString('base64')}` : null;
	return parseVideoProps({
		variant,
		locale: toLocale(locale),
		tone: facts.tone,
		brand: { name: facts.merchantName, color: facts.brandColor, accent: facts.accentColor, logo },
		options: {
			payNow: policy.offers.payNow,
			instalments: story.planOffered,
			moreTimeDays: story.moreTime ? policy.moreTime.maxDays : null
		},
		debtor: {
			// As the page greets them.
			name: greetingName(facts.tone, facts.name),
			total: story.total,
			invoices: story.invoices,
			since: story.since,
			fromMonthly: story.planOffered ? story.fromMonthly : null
		}
	});
}

export type MediaFiles = { video: string; poster: string; captions: string };

export function mediaFiles(props: VideoProps): MediaFiles {
	return filesNamed(outputName(props));
}

/** A video's files by its content name (outputName): mediaFiles without hashing the props again. */
export const filesNamed = (name: string): MediaFiles => ({ video: `${name}.mp4`, poster: `${name}.png`, captions: `${name}.vtt` });

/** Ready means the MP4 is published: it always goes last, after its poster and captions. */
export async function isPublished(videoFile: string, store = media()): Promise<boolean> {
	return (await store.size(videoFile)) !== null;
}

export type PageVideo = {
	/** The same words as the video, shown under it, and instead of it while it is not ready. */
	transcript: string[];
	/** The video's id for the watch beacons, and its files; null while it is being made. */
	ready: { id: string; video: string; poster: string; captions: string } | null;
};

/** What the debtor page shows for this debtor's video; it never waits for a render. */
export async function forPage(
	db: Db,
	debtorId: string,
	locale: string
): Promise<{ page: PageVideo; props: VideoProps; name: string } | null> {
	await ensureMediaKey(db);
	const facts = await factsOf(db, debtorId);
	return facts ? pageVideo(facts, locale, (file) => isPublished(file)) : null;
}

/** The video's props, its content name and its words for these facts: pure, so the debtor page may keep it a while. */
export type VideoDescription = { props: VideoProps; name: string; transcript: string[] };

export function describeVideo(facts: DebtorFacts, locale: string): VideoDescription | null {
	const props = propsFor(facts, locale, config().videoVariant);
	if (!props) return null;
	return { props, name: outputName(props), transcript: transcript(props) };
}

/** As forPage, from facts the caller has read already; `ready` says whether the MP4 (by its file name) is published. */
export async function pageVideo(
	facts: DebtorFacts,
	locale: string,
	ready: (videoFile: string) => Promise<boolean>
): Promise<{ page: PageVideo; props: VideoProps; name: string } | null> {
	const described = describeVideo(facts, locale);
	return described ? withReadiness(described, ready) : null;
}

/** The page's view of a described video: the files once the MP4 is published. */
export async function withReadiness(
	{ props, name, transcript }: VideoDescription,
	ready: (videoFile: string) => Promise<boolean>
): Promise<{ page: PageVideo; props: VideoProps; name: string }> {
	const files = filesNamed(name);
	const published = await ready(files.video);
	return {
		props,
		name,
		page: {
			transcript,
			ready: published
				? { id: name, video: `/media/${files.video}`, poster: `/media/${files.poster}`, captions: `/media/${files.captions}` }
				: null
		}
	};
}

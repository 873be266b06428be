// The debtor page's side of the video: ready files or the transcript alone, and a render asked for on a miss.
import { config } from '../config';
import type { Db } from '../db/client';
import { requestVideo } from './jobs';
import { forPage, type PageVideo } from './service';

export type LinkVideo = PageVideo & { beacon: string };

/**
 * The video for a debtor whose link the page has already checked; null when nothing is open.
 * Never waits for a render.
 */
export async function forLink(db: Db, link: { token: string; debtorId: string }, locale: string): Promise<LinkVideo | null> {
	const found = await forPage(db, link.debtorId, locale);
	if (!found) return null;
	if (!found.page.ready && config().videoRender && !recentlyAsked(JSON.stringify(found.props))) {
		// E.g. the debtor switched language, or the merchant changed its brand: make it now, for the next visit.
		requestVideo(db, link.debtorId, found.props.locale).catch((e) => console.error('video request failed:', (e as Error).message));
	}
	return { ...found.page, beacon: `/d/${link.token}/video-events` };
}

/** One request per video per few minutes is enough; a busy page must not write a queue job on every view. */
const asked = new Map<string, number>();
function recentlyAsked(key: string, now = Date.now()) {
	const at = asked.get(key);
	if (at && now - at < 5 * 60_000) return true;
	if (asked.size > 10_000) asked.clear();
	asked.set(key, now);
	return false;
}

// The debtor page's side of the video: ready files or the transcript alone, and a render asked for on a miss.
import type { Db } from '../db/client';
import * as portal from '../portal/service';
import { requestVideo } from './jobs';
import { forPage, type PageVideo } from './service';

export type LinkVideo = PageVideo & { beacon: string };

/** Null when nothing is open or the link is not valid (the page handles that itself). Never waits for a render. */
export async function forLink(db: Db, token: string, locale: string): Promise<LinkVideo | null> {
	const who = await portal.payer(db, token);
	if (!who) return null;
	const found = await forPage(db, who.debtorId, locale);
	if (!found) return null;
	if (!found.page.ready) {
		// E.g. the debtor switched language, or the merchant changed its brand: make it now, for the next visit.
		requestVideo(db, who.debtorId, found.props.locale).catch((e) => console.error('video request failed:', (e as Error).message));
	}
	return { ...found.page, beacon: `/d/${token}/video-events` };
}

// Watch beacons from the debtor page (navigator.sendBeacon survives closing the tab): started, 25/50/75 %,
// completed, captions on — each one a timeline event for support and the merchant's reports.
import { json } from '@sveltejs/kit';
import { videoEvent } from '$lib/schemas/video';
import { db } from '$lib/server/db';
import { wrongLink } from '$lib/server/portal/guard';
import * as portal from '$lib/server/portal/service';
import { recordWatch } from '$lib/server/video/events';
import * as throttle from '$lib/server/throttle';
import type { RequestHandler } from './$types';

/** Taps on the video's controls are the debtor's own doing, not once each like the watch beacons: capped per link. */
const TAPS_PER_DAY: throttle.Limit = { scope: 'video-taps', limit: 40, windowSeconds: 24 * 3600 };

export const POST: RequestHandler = async ({ request, params, getClientAddress }) => {
	const database = await db();
	const who = await portal.holder(database, params.token);
	if (!who) return wrongLink(database, getClientAddress());
	const text = await request.text();
	let body: unknown;
	try {
		body = text.length <= 1024 ? JSON.parse(text) : null;
	} catch {
		body = null;
	}
	const parsed = videoEvent.safeParse(body);
	if (!parsed.success) return json({ message: parsed.error.issues[0]?.message ?? 'invalid' }, { status: 400 });
	const tap = parsed.data.event === 'chapter' || parsed.data.event === 'choice';
	if (tap && !(await throttle.take(database, TAPS_PER_DAY, params.token)).allowed) return new Response(null, { status: 429 });
	// Over the holder's daily count of timeline rows the beacon is refused; the video plays on regardless.
	if (!(await recordWatch(database, who, parsed.data))) return json({ message: 'too_many' }, { status: 429 });
	return new Response(null, { status: 204 });
};

// Watching the video, on the timeline: one event per beacon, named video.<event>.
import type { VideoEvent } from '../../schemas/video';
import type { Db } from '../db/client';
import { appendByHolder } from '../timeline/holder';

/** False when the link holder went over the limit of timeline rows (see timeline/holder): nothing was recorded. */
export async function recordWatch(db: Db, who: { merchantId: string; debtorId: string }, e: VideoEvent, now = new Date()) {
	const { event, ...payload } = e;
	return appendByHolder(db, {
		merchantId: who.merchantId,
		debtorId: who.debtorId,
		type: `video.${event}`,
		actor: 'debtor',
		occurredAt: now,
		payload
	});
}

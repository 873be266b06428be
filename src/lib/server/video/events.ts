// Watching the video, on the timeline: one event per beacon, named video.<event>.
import type { VideoEvent } from '../../schemas/video';
import type { Db } from '../db/client';
import * as timeline from '../timeline/queries';

export async function recordWatch(db: Db, who: { merchantId: string; debtorId: string }, e: VideoEvent, now = new Date()) {
	const { event, ...payload } = e;
	await timeline.append(db, {
		merchantId: who.merchantId,
		debtorId: who.debtorId,
		type: `video.${event}`,
		actor: 'debtor',
		occurredAt: now,
		payload
	});
}

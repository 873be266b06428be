// Rows a link holder adds to the timeline just by using the page (video beacons, plan views, language switches),
// counted before they are written, like messages: whoever has a link cannot fill a debtor's timeline without end.
import type { Db } from '../db/client';
import * as throttle from '../throttle';
import * as timeline from './queries';

/** A person watching, switching and looking again stays far below this; a script that loops does not. */
export const HOLDER_EVENTS_PER_DAY: throttle.Limit = { scope: 'holder-events', limit: 100, windowSeconds: 24 * 3600 };

/** Appends the event if the debtor's link holder is within the limit; false (and nothing written) when not. */
export async function appendByHolder(db: Db, event: timeline.NewEvent, now = event.occurredAt ?? new Date()): Promise<boolean> {
	if (!(await throttle.take(db, HOLDER_EVENTS_PER_DAY, event.debtorId, now)).allowed) return false;
	await timeline.append(db, event);
	return true;
}

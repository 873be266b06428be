// Webhooks out, as the job queue runs them: follow the timeline, then send what is due, with this process's config.
import { config, type Config } from '../config';
import type { Db } from '../db/client';
import { deliver as deliverDue, nextDue } from './deliver';
import { follow as followTimeline } from './follow';

export const follow = (db: Db) => followTimeline(db);

/**
 * Sends what is due. Returns the seconds until the next row is due when that is within the next minute, so the job
 * can run again then rather than at the next minute's schedule. An endpoint turned off for failing is told to its
 * owner in the console (webhooks page and overview); there is no e-mail to owners, as the outbox only writes to debtors.
 */
export async function deliver(db: Db, c: Config = config()): Promise<number | null> {
	const result = await deliverDue(db, { allowLoopback: c.webhooks.allowLoopback });
	// Only that it happened is logged: the URL may name the merchant's systems.
	if (result.disabled.length) console.warn(`webhooks: ${result.disabled.length} endpoint(s) turned off after failing for days`);
	const due = await nextDue(db);
	if (!due) return null;
	const seconds = Math.max(1, Math.ceil((due.getTime() - Date.now()) / 1000));
	return seconds < 60 ? seconds : null;
}

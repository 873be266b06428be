// Catches up on payments whose webhook never came: ask Mollie about the ones still open after a minute.
import type { Db } from '../db/client';
import * as payments from '../payments/queries';
import { refresh } from './service';

const STALE_AFTER_MS = 60_000;

export async function catchUp(db: Db, now = new Date(), limit = 50) {
	const stale = await payments.stale(db, new Date(now.getTime() - STALE_AFTER_MS), limit);
	for (const row of stale) await refresh(db, row);
	return stale.length;
}

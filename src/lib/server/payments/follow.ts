// Catches up on payments whose webhook never came: ask Mollie about the ones still open after a minute.
import { and, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { payments } from '../db/schema';
import { refresh } from './service';

const STALE_AFTER_MS = 60_000;

export async function catchUp(db: Db, now = new Date(), limit = 50) {
	const stale = await db
		.select()
		.from(payments)
		.where(
			and(
				inArray(payments.status, ['open', 'pending', 'authorized']),
				isNotNull(payments.molliePaymentId),
				lt(payments.updatedAt, new Date(now.getTime() - STALE_AFTER_MS))
			)
		)
		.limit(limit);
	for (const row of stale) await refresh(db, row);
	return stale.length;
}

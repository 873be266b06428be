// Catches up on payments whose webhook never came: every minute, ask Mollie about the ones still open.
import { and, inArray, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { payments } from '../db/schema';
import { refresh } from './service';

const EVERY_MS = 60_000;

export async function catchUp(db: Db, now = new Date(), limit = 50) {
	const stale = await db
		.select()
		.from(payments)
		.where(
			and(
				inArray(payments.status, ['open', 'pending', 'authorized']),
				isNotNull(payments.molliePaymentId),
				lt(payments.updatedAt, new Date(now.getTime() - EVERY_MS))
			)
		)
		.limit(limit);
	for (const row of stale) await refresh(db, row);
	return stale.length;
}

export function followOpenPayments(db: Db) {
	const timer = setInterval(() => {
		catchUp(db).catch((e) => console.error('catching up on open payments failed:', (e as Error).message));
	}, EVERY_MS);
	timer.unref();
}

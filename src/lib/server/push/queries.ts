// The push subscriptions table, called with verbs.
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { links, pushSubscriptions } from '../db/schema';

export type StoredSubscription = { id: string; endpoint: string; p256dh: string; auth: string };

/** A debtor's subscriptions behind links that still work (a revoked or expired link no longer reaches anyone). */
export async function forDebtor(db: Db, debtorId: string, now: Date): Promise<StoredSubscription[]> {
	return db
		.select({
			id: pushSubscriptions.id,
			endpoint: pushSubscriptions.endpoint,
			p256dh: pushSubscriptions.p256dh,
			auth: pushSubscriptions.auth
		})
		.from(pushSubscriptions)
		.innerJoin(links, eq(links.id, pushSubscriptions.linkId))
		.where(and(eq(pushSubscriptions.debtorId, debtorId), isNull(links.revokedAt), gt(links.expiresAt, now)))
		.orderBy(pushSubscriptions.createdAt);
}

export async function countForDebtor(db: Db, debtorId: string, now: Date): Promise<number> {
	return (await forDebtor(db, debtorId, now)).length;
}

export async function remove(db: Db, ids: string[]) {
	if (ids.length === 0) return [];
	return db
		.delete(pushSubscriptions)
		.where(inArray(pushSubscriptions.id, ids))
		.returning({ id: pushSubscriptions.id, debtorId: pushSubscriptions.debtorId, merchantId: pushSubscriptions.merchantId });
}

export async function removeAllOf(db: Db, debtorId: string) {
	return db.delete(pushSubscriptions).where(eq(pushSubscriptions.debtorId, debtorId)).returning({ id: pushSubscriptions.id });
}

export async function markPushed(db: Db, ids: string[], now: Date) {
	if (ids.length === 0) return;
	await db.update(pushSubscriptions).set({ lastPushedAt: now }).where(inArray(pushSubscriptions.id, ids));
}

/** Locks the link's row, so two subscriptions posted at once are counted one after the other. */
export async function lockLink(db: Db, linkId: string) {
	await db.execute(sql`select id from links where id = ${linkId}::uuid for update`);
}

export async function countOn(db: Db, column: 'link' | 'debtor', id: string): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(pushSubscriptions)
		.where(eq(column === 'link' ? pushSubscriptions.linkId : pushSubscriptions.debtorId, id));
	return row.n;
}

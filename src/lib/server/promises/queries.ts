// Promises to pay and the claims they cover.
import { and, count, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { claims, promiseClaims, promises } from '../db/schema';
import type { PromiseStatus } from '../../domain/promise';

export type PromiseRow = typeof promises.$inferSelect;

export async function madeBy(db: Db, debtorId: string) {
	const [row] = await db.select({ n: count() }).from(promises).where(eq(promises.debtorId, debtorId));
	return row.n;
}

export async function openOf(db: Db, debtorId: string) {
	const [row] = await db
		.select()
		.from(promises)
		.where(and(eq(promises.debtorId, debtorId), eq(promises.status, 'open')))
		.orderBy(desc(promises.createdAt))
		.limit(1);
	return row;
}

export async function insert(db: Db, row: typeof promises.$inferInsert, claimIds: string[]) {
	const [created] = await db.insert(promises).values(row).returning();
	await db.insert(promiseClaims).values(claimIds.map((claimId) => ({ promiseId: created.id, claimId })));
	return created;
}

/** Open promises that may have changed: their date has passed, or everything they cover is paid. */
export async function toReview(db: Db, today: string, debtorId?: string) {
	return db
		.select({
			promise: promises,
			stillOpen: sql<number>`(select count(*)::int from promise_claims pc join claims c on c.id = pc.claim_id
				where pc.promise_id = "promises"."id" and c.status = 'open')`
		})
		.from(promises)
		.where(and(eq(promises.status, 'open'), debtorId ? eq(promises.debtorId, debtorId) : lt(promises.promisedOn, today)));
}

/** Moves an open promise on; returns the row only if this call did it (so its event is recorded once). */
export async function resolve(db: Db, id: string, status: Exclude<PromiseStatus, 'open'>, at: Date) {
	const [row] = await db
		.update(promises)
		.set({ status, resolvedAt: at })
		.where(and(eq(promises.id, id), eq(promises.status, 'open')))
		.returning();
	return row;
}

export async function openClaimsOf(db: Db, debtorId: string) {
	return db
		.select({ id: claims.id, amountCents: claims.amountCents, currency: claims.currency })
		.from(claims)
		.where(and(eq(claims.debtorId, debtorId), eq(claims.status, 'open')));
}

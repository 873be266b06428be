// The stand-in's tables: payments, idempotency records and queued faults.
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	standinCollectionFaults,
	standinCustomers,
	standinFaults,
	standinIdempotency,
	standinMandates,
	standinPayments,
	standinSubscriptions
} from '../db/schema';

export type StandinPayment = typeof standinPayments.$inferSelect;

export async function insertPayment(db: Db, row: typeof standinPayments.$inferInsert) {
	const [created] = await db.insert(standinPayments).values(row).returning();
	return created;
}

/** A payment; with an organization only when it is that organization's (another's looks like none at all). */
export async function payment(db: Db, id: string, organizationId?: string) {
	const [row] = await db
		.select()
		.from(standinPayments)
		.where(
			organizationId ? and(eq(standinPayments.id, id), eq(standinPayments.organizationId, organizationId)) : eq(standinPayments.id, id)
		);
	return row;
}

export async function updatePayment(db: Db, id: string, set: Partial<typeof standinPayments.$inferInsert>) {
	const [row] = await db.update(standinPayments).set(set).where(eq(standinPayments.id, id)).returning();
	return row;
}

/** Moves a payment to a final status only if it is still open or pending; returns the row when it moved. */
export async function finish(db: Db, id: string, status: string, at: Date) {
	const stamp = { paid: 'paidAt', canceled: 'canceledAt', expired: 'expiredAt', failed: 'failedAt' }[status];
	const [row] = await db
		.update(standinPayments)
		.set({ status, ...(stamp ? { [stamp]: at } : {}) })
		.where(and(eq(standinPayments.id, id), sql`${standinPayments.status} in ('open', 'pending')`))
		.returning();
	return row;
}

export async function listPayments(db: Db, limit: number, organizationId: string) {
	return db
		.select()
		.from(standinPayments)
		.where(eq(standinPayments.organizationId, organizationId))
		.orderBy(sql`${standinPayments.createdAt} desc`)
		.limit(limit);
}

/** Claims an idempotency key; false when another request already holds it. */
export async function claimKey(db: Db, key: string, requestHash: string) {
	const rows = await db
		.insert(standinIdempotency)
		.values({ key, requestHash, status: 0, body: {} })
		.onConflictDoNothing()
		.returning({ key: standinIdempotency.key });
	return rows.length === 1;
}

export async function keyRecord(db: Db, key: string) {
	const [row] = await db.select().from(standinIdempotency).where(eq(standinIdempotency.key, key));
	return row;
}

export async function storeResponse(db: Db, key: string, status: number, body: unknown) {
	await db.update(standinIdempotency).set({ status, body }).where(eq(standinIdempotency.key, key));
}

export async function releaseKey(db: Db, key: string) {
	await db.delete(standinIdempotency).where(eq(standinIdempotency.key, key));
}

export async function queueFault(db: Db, fault: { status?: number; delayMs?: number; times?: number }) {
	await db.insert(standinFaults).values({ status: fault.status ?? null, delayMs: fault.delayMs ?? 0, remaining: fault.times ?? 1 });
}

/** Takes one use of the oldest queued fault, atomically. */
export async function takeFault(db: Db) {
	const [row] = await db
		.update(standinFaults)
		.set({ remaining: sql`${standinFaults.remaining} - 1` })
		.where(
			and(
				gt(standinFaults.remaining, 0),
				eq(standinFaults.id, sql`(select id from standin_faults where remaining > 0 order by id limit 1 for update skip locked)`)
			)
		)
		.returning({ status: standinFaults.status, delayMs: standinFaults.delayMs });
	return row;
}

export async function clearFaults(db: Db) {
	await db.delete(standinFaults);
}

export type StandinCustomer = typeof standinCustomers.$inferSelect;
export type StandinMandate = typeof standinMandates.$inferSelect;
export type StandinSubscription = typeof standinSubscriptions.$inferSelect;

export async function insertCustomer(db: Db, row: typeof standinCustomers.$inferInsert) {
	const [created] = await db.insert(standinCustomers).values(row).returning();
	return created;
}

export async function customer(db: Db, id: string, organizationId?: string) {
	const [row] = await db
		.select()
		.from(standinCustomers)
		.where(
			organizationId ? and(eq(standinCustomers.id, id), eq(standinCustomers.organizationId, organizationId)) : eq(standinCustomers.id, id)
		);
	return row;
}

export async function insertMandate(db: Db, row: typeof standinMandates.$inferInsert) {
	const [created] = await db.insert(standinMandates).values(row).returning();
	return created;
}

export async function mandatesOf(db: Db, customerId: string) {
	return db.select().from(standinMandates).where(eq(standinMandates.customerId, customerId));
}

export async function insertSubscription(db: Db, row: typeof standinSubscriptions.$inferInsert) {
	const [created] = await db.insert(standinSubscriptions).values(row).returning();
	return created;
}

export async function subscription(db: Db, customerId: string, id: string) {
	const [row] = await db
		.select()
		.from(standinSubscriptions)
		.where(and(eq(standinSubscriptions.id, id), eq(standinSubscriptions.customerId, customerId)));
	return row;
}

export async function subscriptionsOf(db: Db, customerId: string) {
	return db.select().from(standinSubscriptions).where(eq(standinSubscriptions.customerId, customerId));
}

export async function updateSubscription(db: Db, id: string, set: Partial<typeof standinSubscriptions.$inferInsert>) {
	const [row] = await db.update(standinSubscriptions).set(set).where(eq(standinSubscriptions.id, id)).returning();
	return row;
}

export async function dueSubscriptions(db: Db, today: string) {
	return db
		.select()
		.from(standinSubscriptions)
		.where(and(eq(standinSubscriptions.status, 'active'), sql`${standinSubscriptions.nextPaymentDate} <= ${today}`));
}

export async function pendingRecurring(db: Db) {
	return db
		.select()
		.from(standinPayments)
		.where(and(eq(standinPayments.status, 'pending'), eq(standinPayments.sequenceType, 'recurring')));
}

export async function queueCollectionFault(db: Db, customerId: string, times = 1) {
	await db.insert(standinCollectionFaults).values({ customerId, remaining: times });
}

/** Takes one queued bounce for this customer, atomically; true when the collection must fail. */
export async function takeCollectionFault(db: Db, customerId: string) {
	const rows = await db
		.update(standinCollectionFaults)
		.set({ remaining: sql`${standinCollectionFaults.remaining} - 1` })
		.where(
			eq(
				standinCollectionFaults.id,
				sql`(select id from standin_collection_faults where customer_id = ${customerId} and remaining > 0 order by id limit 1 for update skip locked)`
			)
		)
		.returning({ id: standinCollectionFaults.id });
	return rows.length > 0;
}

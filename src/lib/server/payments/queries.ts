// Payments as we keep them: one row per attempt, the claims it settles, and its status.
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { claims, debtors, merchants, paymentClaims, payments, type StoredPaymentStatus } from '../db/schema';
import { debtorFacingColumns } from '../merchants/brand';

export type PaymentRow = typeof payments.$inferSelect;

/**
 * Open claims the debtor may pay now, with what is still to pay on each (instalments may have paid part of
 * them). A disputed claim, or any claim while support has paused collection, is on hold and left out.
 */
export async function openClaimsOf(db: Db, debtorId: string) {
	return db
		.select({
			id: claims.id,
			reference: claims.reference,
			amountCents: sql<number>`(${claims.amountCents} - ${claims.amountPaidCents})::int8`.mapWith(Number),
			currency: claims.currency
		})
		.from(claims)
		.innerJoin(debtors, eq(debtors.id, claims.debtorId))
		.where(and(eq(claims.debtorId, debtorId), eq(claims.status, 'open'), isNull(claims.disputedAt), isNull(debtors.collectionPausedAt)))
		.orderBy(asc(claims.dueOn), asc(claims.reference));
}

/** Serialises payment starts per debtor for the rest of the transaction (double taps, two tabs). */
export async function lockDebtor(db: Tx, debtorId: string) {
	await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${debtorId}, 0))`);
}

/** The debtor's payments that may still be "the" open payment, newest first, with the claims each covers. */
export async function liveOf(db: Db, debtorId: string) {
	return db
		.select({
			payment: payments,
			// Qualified by hand: drizzle renders a lone column unqualified inside a subquery.
			claimIds: sql<string[]>`array(select pc.claim_id::text from payment_claims pc where pc.payment_id = "payments"."id" order by 1)`
		})
		.from(payments)
		.where(and(eq(payments.debtorId, debtorId), inArray(payments.status, ['creating', 'open', 'pending'])))
		.orderBy(desc(payments.createdAt));
}

export async function insert(db: Db, row: typeof payments.$inferInsert, claimIds: string[]) {
	const [created] = await db.insert(payments).values(row).returning();
	if (claimIds.length > 0) await db.insert(paymentClaims).values(claimIds.map((claimId) => ({ paymentId: created.id, claimId })));
	return created;
}

export async function byId(db: Db, id: string) {
	const [row] = await db.select().from(payments).where(eq(payments.id, id));
	return row;
}

export async function byMollieId(db: Db, molliePaymentId: string) {
	const [row] = await db.select().from(payments).where(eq(payments.molliePaymentId, molliePaymentId));
	return row;
}

export async function byReturnTokenHash(db: Db, hash: string) {
	const [row] = await db.select().from(payments).where(eq(payments.returnTokenHash, hash));
	return row;
}

/** The row as it stands, locked until the transaction ends: concurrent webhooks take turns. */
export async function lockById(db: Tx, id: string) {
	const [row] = await db.select().from(payments).where(eq(payments.id, id)).for('update');
	return row;
}

export async function update(db: Db, id: string, set: Partial<typeof payments.$inferInsert>, onlyIf?: StoredPaymentStatus) {
	const [row] = await db
		.update(payments)
		.set({ ...set, updatedAt: new Date() })
		.where(onlyIf ? and(eq(payments.id, id), eq(payments.status, onlyIf)) : eq(payments.id, id))
		.returning();
	return row;
}

export async function claimsOf(db: Db, paymentId: string) {
	return db
		.select({
			id: claims.id,
			reference: claims.reference,
			description: claims.description,
			amountCents: claims.amountCents,
			currency: claims.currency,
			status: claims.status
		})
		.from(paymentClaims)
		.innerJoin(claims, eq(claims.id, paymentClaims.claimId))
		.where(eq(paymentClaims.paymentId, paymentId))
		.orderBy(asc(claims.reference));
}

/** Marks the payment's claims paid; returns those that were still open (the rest were paid another way). */
export async function settleClaims(db: Db, paymentId: string) {
	return db
		.update(claims)
		.set({ status: 'paid', amountPaidCents: sql`${claims.amountCents}` })
		.where(
			and(
				eq(claims.status, 'open'),
				inArray(claims.id, db.select({ id: paymentClaims.claimId }).from(paymentClaims).where(eq(paymentClaims.paymentId, paymentId)))
			)
		)
		.returning({ id: claims.id });
}

/** Who a payment is from and for: the debtor's name and the merchant as the debtor sees it. */
export async function partiesOf(db: Db, debtorId: string) {
	const [row] = await db
		.select({ debtorName: debtors.name, merchant: debtorFacingColumns })
		.from(debtors)
		.innerJoin(merchants, eq(merchants.id, debtors.merchantId))
		.where(eq(debtors.id, debtorId));
	return row;
}

/** Payments Mollie has not reported as final since `before`: their webhook may be late or lost. */
export async function stale(db: Db, before: Date, limit: number) {
	return db
		.select()
		.from(payments)
		.where(
			and(inArray(payments.status, ['open', 'pending', 'authorized']), isNotNull(payments.molliePaymentId), lt(payments.updatedAt, before))
		)
		.limit(limit);
}

/** After a chargeback of a balance payment, its claims are owed again. */
export async function reopenClaims(db: Db, paymentId: string) {
	await db
		.update(claims)
		.set({ status: 'open', amountPaidCents: 0 })
		.where(inArray(claims.id, db.select({ id: paymentClaims.claimId }).from(paymentClaims).where(eq(paymentClaims.paymentId, paymentId))));
}

export async function liveForInstalment(db: Db, instalmentId: string) {
	return db
		.select()
		.from(payments)
		.where(and(eq(payments.instalmentId, instalmentId), inArray(payments.status, ['creating', 'open', 'pending'])))
		.orderBy(desc(payments.createdAt));
}

/** The instalments of a plan that a subscription's collection already pays (see plans/collect adopt). */
export async function collectedInstalmentsOf(db: Db, planId: string) {
	const rows = await db
		.select({ instalmentId: payments.instalmentId })
		.from(payments)
		.where(
			sql`${payments.purpose} = 'instalment' and ${payments.sequenceType} = 'recurring' and ${payments.instalmentId} in (select id from instalments where plan_id = ${planId})`
		);
	return new Set(rows.map((r) => r.instalmentId));
}

/** How many payments point at any of these instalments. */
export async function countForInstalments(db: Db, instalmentIds: string[]) {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(payments)
		.where(inArray(payments.instalmentId, instalmentIds));
	return row.n;
}

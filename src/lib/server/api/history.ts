// What the API's verbs read and change about one claim or debtor. Every statement filters on the merchant.
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { claims, debtors, instalments, paymentClaims, payments, planClaims, plans } from '../db/schema';

export async function claimRow(db: Db, merchantId: string, reference: string) {
	const [row] = await db
		.select({
			id: claims.id,
			debtorId: claims.debtorId,
			reference: claims.reference,
			customerRef: debtors.customerRef,
			description: claims.description,
			amountCents: claims.amountCents,
			amountPaidCents: claims.amountPaidCents,
			currency: claims.currency,
			issuedOn: claims.issuedOn,
			dueOn: claims.dueOn,
			status: claims.status
		})
		.from(claims)
		.innerJoin(debtors, eq(debtors.id, claims.debtorId))
		.where(and(eq(claims.merchantId, merchantId), eq(claims.reference, reference)));
	return row;
}

/** Payments for the claim: paid for it directly, or an instalment of a plan that covers it. Drafts are left out. */
export async function paymentsOf(db: Db, merchantId: string, claimId: string) {
	const covered = db
		.select({ id: instalments.id })
		.from(instalments)
		.innerJoin(planClaims, eq(planClaims.planId, instalments.planId))
		.where(eq(planClaims.claimId, claimId));
	const direct = db.select({ id: paymentClaims.paymentId }).from(paymentClaims).where(eq(paymentClaims.claimId, claimId));
	return db
		.select()
		.from(payments)
		.where(
			and(
				eq(payments.merchantId, merchantId),
				sql`${payments.status} not in ('creating', 'abandoned')`,
				or(inArray(payments.id, direct), inArray(payments.instalmentId, covered))
			)
		)
		.orderBy(asc(payments.createdAt));
}

export async function plansOf(db: Db, merchantId: string, claimId: string) {
	const rows = await db
		.select({ plan: plans })
		.from(plans)
		.innerJoin(planClaims, eq(planClaims.planId, plans.id))
		.where(and(eq(plans.merchantId, merchantId), eq(planClaims.claimId, claimId)))
		.orderBy(asc(plans.createdAt));
	const ids = rows.map((r) => r.plan.id);
	const terms = ids.length
		? await db.select().from(instalments).where(inArray(instalments.planId, ids)).orderBy(asc(instalments.number))
		: [];
	return rows.map(({ plan }) => ({ plan, instalments: terms.filter((i) => i.planId === plan.id) }));
}

export async function debtorRow(db: Db, merchantId: string, customerRef: string) {
	const [row] = await db
		.select()
		.from(debtors)
		.where(and(eq(debtors.merchantId, merchantId), eq(debtors.customerRef, customerRef)));
	return row;
}

export type ContactChange = Partial<
	Pick<typeof debtors.$inferInsert, 'email' | 'phone' | 'street' | 'postcode' | 'city' | 'country' | 'locale' | 'preferredChannel'>
>;

/** A new address or number also lifts what the old one blocked (a bounce, a failed text message). */
export async function updateContact(db: Db, merchantId: string, debtorId: string, change: ContactChange) {
	const set: Partial<typeof debtors.$inferInsert> = { ...change };
	if ('email' in change) Object.assign(set, { emailBouncedAt: null, emailBounceReason: null });
	if ('phone' in change) Object.assign(set, { phoneFailedAt: null, phoneFailReason: null });
	if ('locale' in change) set.localeGiven = true;
	const [row] = await db
		.update(debtors)
		.set(set)
		.where(and(eq(debtors.id, debtorId), eq(debtors.merchantId, merchantId)))
		.returning();
	return row;
}

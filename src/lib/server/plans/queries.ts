// Plans, their instalments, and how instalment money is booked on the claims.
import { and, asc, desc, eq, inArray, not, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { claims, instalments, planClaims, plans, type InstalmentStatus, type PlanStatus } from '../db/schema';
import { planHeld } from '../payments/queries';

export type PlanRow = typeof plans.$inferSelect;
export type InstalmentRow = typeof instalments.$inferSelect;
export const LIVE: PlanStatus[] = ['proposed', 'active', 'at_risk'];

export async function insert(
	db: Db,
	plan: typeof plans.$inferInsert,
	schedule: { number: number; dueOn: string; amountCents: number }[],
	claimIds: string[]
) {
	const [created] = await db.insert(plans).values(plan).returning();
	await db.insert(instalments).values(schedule.map((i) => ({ ...i, planId: created.id })));
	await db.insert(planClaims).values(claimIds.map((claimId) => ({ planId: created.id, claimId })));
	return created;
}

export async function liveOf(db: Db, debtorId: string) {
	const [row] = await db
		.select()
		.from(plans)
		.where(and(eq(plans.debtorId, debtorId), inArray(plans.status, LIVE)))
		.orderBy(desc(plans.createdAt))
		.limit(1);
	return row;
}

export async function byId(db: Db, id: string) {
	const [row] = await db.select().from(plans).where(eq(plans.id, id));
	return row;
}

export async function bySubscription(db: Db, subscriptionId: string) {
	const [row] = await db.select().from(plans).where(eq(plans.mollieSubscriptionId, subscriptionId));
	return row;
}

export async function lock(db: Tx, planId: string) {
	const [row] = await db.select().from(plans).where(eq(plans.id, planId)).for('update');
	return row;
}

export async function instalmentsOf(db: Db, planId: string) {
	return db.select().from(instalments).where(eq(instalments.planId, planId)).orderBy(asc(instalments.number));
}

export async function instalment(db: Db, id: string) {
	const [row] = await db.select().from(instalments).where(eq(instalments.id, id));
	return row;
}

export async function update(db: Db, id: string, set: Partial<typeof plans.$inferInsert>) {
	const [row] = await db.update(plans).set({ ...set, updatedAt: new Date() }).where(eq(plans.id, id)).returning();
	return row;
}

export async function setInstalment(db: Db, id: string, set: { status: InstalmentStatus; paidAt?: Date | null }) {
	const [row] = await db.update(instalments).set(set).where(eq(instalments.id, id)).returning();
	return row;
}

/** Pay-by-link instalments whose day (plus grace) has passed unpaid, of plans not on hold: nobody misses an instalment they were told not to pay yet. */
export async function overdue(db: Db, before: string) {
	return db
		.select({ instalment: instalments, plan: plans })
		.from(instalments)
		.innerJoin(plans, eq(plans.id, instalments.planId))
		.where(
			and(
				eq(plans.collection, 'pay_by_link'),
				inArray(plans.status, ['active', 'at_risk']),
				eq(instalments.status, 'scheduled'),
				sql`${instalments.dueOn} < ${before}`,
				not(planHeld(plans.id))
			)
		);
}

/** Books money on the plan's claims, oldest first; a claim is paid once fully covered. */
export async function book(db: Db, planId: string, amountCents: number) {
	let left = amountCents;
	const covered = await db
		.select({ id: claims.id, amountCents: claims.amountCents, paid: claims.amountPaidCents })
		.from(planClaims)
		.innerJoin(claims, eq(claims.id, planClaims.claimId))
		.where(eq(planClaims.planId, planId))
		.orderBy(asc(claims.dueOn), asc(claims.reference));
	for (const c of covered) {
		const room = c.amountCents - c.paid;
		if (left <= 0 || room <= 0) continue;
		const take = Math.min(room, left);
		left -= take;
		await db
			.update(claims)
			.set({ amountPaidCents: c.paid + take, status: c.paid + take === c.amountCents ? 'paid' : 'open' })
			.where(eq(claims.id, c.id));
	}
	return amountCents - left;
}

/** Takes money off the plan's claims again (a chargeback), newest booking first. */
export async function unbook(db: Db, planId: string, amountCents: number) {
	let left = amountCents;
	const covered = await db
		.select({ id: claims.id, paid: claims.amountPaidCents })
		.from(planClaims)
		.innerJoin(claims, eq(claims.id, planClaims.claimId))
		.where(eq(planClaims.planId, planId))
		.orderBy(desc(claims.dueOn), desc(claims.reference));
	for (const c of covered) {
		if (left <= 0 || c.paid <= 0) continue;
		const take = Math.min(c.paid, left);
		left -= take;
		await db.update(claims).set({ amountPaidCents: c.paid - take, status: 'open' }).where(eq(claims.id, c.id));
	}
}

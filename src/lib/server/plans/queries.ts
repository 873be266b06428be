// Plans, their instalments, and how instalment money is booked on the claims.
import { and, asc, desc, eq, gt, inArray, not, sql, type SQLWrapper } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../db/client';
import {
	claims,
	debtors,
	instalmentLinks,
	instalments,
	merchants,
	planClaims,
	plans,
	timelineEvents,
	type InstalmentStatus,
	type PlanStatus
} from '../db/schema';
import { debtorFacingColumns } from '../merchants/brand';

export type PlanRow = typeof plans.$inferSelect;
export type InstalmentRow = typeof instalments.$inferSelect;
export const LIVE: PlanStatus[] = ['proposed', 'active', 'at_risk'];

/**
 * Whether a plan's instalments are on hold, as an SQL condition on a plan id (a column, or a value):
 * collection paused for its debtor, or one of its claims disputed.
 */
export const planHeld = (planId: SQLWrapper | string) => sql`exists(
	select 1 from plans p join debtors d on d.id = p.debtor_id
	where p.id = ${planId} and (d.collection_paused_at is not null or exists(
		select 1 from plan_claims pc join claims c on c.id = pc.claim_id
		where pc.plan_id = p.id and c.disputed_at is not null and c.status = 'open')))`;

/** Whether a plan's instalments are on hold (see planHeld). */
export async function planOnHold(db: Db, planId: string) {
	const result = await db.execute(sql`select ${planHeld(planId)} as held`);
	return rowsOf<{ held: boolean }>(result)[0]?.held === true;
}

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
	const [row] = await db
		.update(plans)
		.set({ ...set, updatedAt: new Date() })
		.where(eq(plans.id, id))
		.returning();
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
		await db
			.update(claims)
			.set({ amountPaidCents: c.paid - take, status: 'open' })
			.where(eq(claims.id, c.id));
	}
}

export async function insertPayLink(db: Db, link: typeof instalmentLinks.$inferInsert) {
	await db.insert(instalmentLinks).values(link);
}

/** The instalment a pay link opens, with its plan, debtor name and merchant; nothing for an unknown or expired link. */
export async function byPayLink(db: Db, tokenHash: string, now: Date) {
	const [row] = await db
		.select({ instalment: instalments, plan: plans, debtorName: debtors.name, merchant: debtorFacingColumns })
		.from(instalmentLinks)
		.innerJoin(instalments, eq(instalments.id, instalmentLinks.instalmentId))
		.innerJoin(plans, eq(plans.id, instalments.planId))
		.innerJoin(debtors, eq(debtors.id, plans.debtorId))
		.innerJoin(merchants, eq(merchants.id, plans.merchantId))
		.where(and(eq(instalmentLinks.tokenHash, tokenHash), gt(instalmentLinks.expiresAt, now)))
		.limit(1);
	return row;
}

/** How many subscriptions this plan has had (each set-up is on the timeline). */
export async function setUpsOf(db: Db, debtorId: string, planId: string) {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(timelineEvents)
		.where(
			sql`${timelineEvents.debtorId} = ${debtorId} and ${timelineEvents.type} = 'plan.direct_debit_set_up' and ${timelineEvents.payload}->>'planId' = ${planId}`
		);
	return row?.n ?? 0;
}

export async function addInstalment(db: Db, row: typeof instalments.$inferInsert) {
	await db.insert(instalments).values(row);
}

/** Moves one of the plan's instalments to a new date and amount, due again. */
export async function reschedule(db: Db, planId: string, instalmentId: string, set: { dueOn: string; amountCents: number }) {
	await db
		.update(instalments)
		.set({ ...set, status: 'scheduled' })
		.where(and(eq(instalments.id, instalmentId), eq(instalments.planId, planId)));
}

/** Removes instalments (no payment may point at them) with their pay links. */
export async function removeInstalments(db: Db, instalmentIds: string[]) {
	await db.delete(instalmentLinks).where(inArray(instalmentLinks.instalmentId, instalmentIds));
	await db.delete(instalments).where(inArray(instalments.id, instalmentIds));
}

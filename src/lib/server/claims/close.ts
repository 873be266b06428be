// Takes a claim out of collection: paid outside Coulant (a transfer straight to the merchant) or recalled by the
// merchant. One place for the console, the bank statement and the API, so the journey stops the same way for each:
// the claim is no longer open, the planner asks nothing more for it, and a queued message re-checks before it goes.
import * as segments from '../segments/service';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { claims } from '../db/schema';
import * as plansQ from '../plans/queries';
import * as timeline from '../timeline/queries';

export type CloseHow = 'recalled' | 'paid_outside';
export type Closing = {
	merchantId: string;
	claimId: string;
	/** When given, the claim must be this debtor's (the console acts on one debtor's page). */
	debtorId?: string;
	how: CloseHow;
	actor: string;
	reason: string;
	now?: Date;
	/** More for the timeline: the transfer's amount and date, the bank entry. */
	details?: Record<string, unknown>;
};
export type Closed = { id: string; debtorId: string; reference: string };

/** Closes one open claim of the merchant's; undefined when it is not theirs or not open (then nothing changed). */
export async function closeClaim(db: Db, c: Closing): Promise<Closed | undefined> {
	return db.transaction(async (t) => {
		const [row] = await t
			.update(claims)
			.set({ status: c.how === 'recalled' ? 'recalled' : 'paid' })
			.where(
				and(
					eq(claims.id, c.claimId),
					eq(claims.merchantId, c.merchantId),
					eq(claims.status, 'open'),
					c.debtorId ? eq(claims.debtorId, c.debtorId) : undefined
				)
			)
			.returning({ id: claims.id, debtorId: claims.debtorId, reference: claims.reference });
		if (!row) return undefined;
		await timeline.append(t, {
			merchantId: c.merchantId,
			debtorId: row.debtorId,
			claimId: row.id,
			type: c.how === 'recalled' ? 'claim.recalled' : 'claim.paid_outside',
			actor: c.actor,
			occurredAt: c.now ?? new Date(),
			payload: { reference: row.reference, reason: c.reason, ...c.details }
		});
		await segments.refresh(t, c.merchantId, [row.debtorId], c.now);
		return row;
	});
}

export type PartPayment = Omit<Closing, 'how' | 'debtorId'> & { cents: number };

/**
 * Part of a claim paid outside Coulant: what is open goes down, the claim stays open and the journey goes on for
 * the rest. Refused while the debtor has a running plan ('has_plan'): its instalments were counted from the old
 * amount, so the plan is adjusted instead. Undefined when the claim is not open or this would pay it in full.
 */
export async function payPart(db: Db, p: PartPayment): Promise<Closed | 'has_plan' | undefined> {
	return db.transaction(async (t) => {
		const [claim] = await t
			.select({ debtorId: claims.debtorId })
			.from(claims)
			.where(and(eq(claims.id, p.claimId), eq(claims.merchantId, p.merchantId)));
		if (!claim) return undefined;
		if (await plansQ.liveOf(t, claim.debtorId)) return 'has_plan';
		const [row] = await t
			.update(claims)
			.set({ amountPaidCents: sql`${claims.amountPaidCents} + ${p.cents}` })
			.where(
				and(
					eq(claims.id, p.claimId),
					eq(claims.merchantId, p.merchantId),
					eq(claims.status, 'open'),
					sql`${claims.amountPaidCents} + ${p.cents} < ${claims.amountCents}`
				)
			)
			.returning({ id: claims.id, debtorId: claims.debtorId, reference: claims.reference });
		if (!row) return undefined;
		await timeline.append(t, {
			merchantId: p.merchantId,
			debtorId: row.debtorId,
			claimId: row.id,
			type: 'claim.part_paid_outside',
			actor: p.actor,
			occurredAt: p.now ?? new Date(),
			payload: { reference: row.reference, reason: p.reason, amountCents: p.cents, ...p.details }
		});
		await segments.refresh(t, p.merchantId, [row.debtorId], p.now);
		return row;
	});
}

// What support staff can do about a debtor. Every action needs a reason and lands on the timeline with who did it.
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Adjustment } from '../../domain/adjustment';
import type { Db } from '../db/client';
import { claims, debtors } from '../db/schema';
import type { Scope } from '../console/service';
import * as consoleQ from '../console/queries';
import * as adjustments from '../plans/adjust';
import * as collect from '../plans/collect';
import * as plans from '../plans/service';
import * as paylinks from '../plans/paylinks';
import * as plansQ from '../plans/queries';
import * as timeline from '../timeline/queries';

const actor = (scope: Scope) => `user:${scope.userId}`;

async function owned(db: Db, scope: Scope, debtorId: string) {
	return !!(await consoleQ.debtor(db, scope.merchantId, debtorId));
}

export async function addNote(db: Db, scope: Scope, debtorId: string, text: string, now = new Date()) {
	if (!(await owned(db, scope, debtorId))) return false;
	await timeline.append(db, { merchantId: scope.merchantId, debtorId, type: 'note.added', actor: actor(scope), occurredAt: now, payload: { text } });
	return true;
}

/** Recall (withdraw) a claim, or record that it was paid outside Coulant. Only an open claim of this merchant's debtor. */
export async function closeClaim(
	db: Db,
	scope: Scope,
	debtorId: string,
	claimId: string,
	how: 'recalled' | 'paid_outside',
	reason: string,
	now = new Date()
) {
	return db.transaction(async (tx) => {
		const t = tx as unknown as Db;
		const [row] = await t
			.update(claims)
			.set(how === 'recalled' ? { status: 'recalled' } : { status: 'paid' })
			.where(and(eq(claims.id, claimId), eq(claims.debtorId, debtorId), eq(claims.merchantId, scope.merchantId), eq(claims.status, 'open')))
			.returning({ id: claims.id, reference: claims.reference });
		if (!row) return false;
		await timeline.append(t, {
			merchantId: scope.merchantId,
			debtorId,
			claimId,
			type: how === 'recalled' ? 'claim.recalled' : 'claim.paid_outside',
			actor: actor(scope),
			occurredAt: now,
			payload: { reference: row.reference, reason }
		});
		return true;
	});
}

export async function cancelPlan(db: Db, scope: Scope, debtorId: string, reason: string, now = new Date()) {
	if (!(await owned(db, scope, debtorId))) return false;
	const plan = await plansQ.liveOf(db, debtorId);
	if (!plan || plan.merchantId !== scope.merchantId) return false;
	return plans.cancel(db, plan.id, actor(scope), reason, now);
}

/** A fresh pay link for one unpaid instalment of the debtor's running plan, to send in a reminder. */
export async function instalmentPayLink(db: Db, scope: Scope, debtorId: string, number: number) {
	if (!(await owned(db, scope, debtorId))) return null;
	const plan = await plansQ.liveOf(db, debtorId);
	if (!plan || plan.merchantId !== scope.merchantId) return null;
	const inst = (await plansQ.instalmentsOf(db, plan.id)).find((i) => i.number === number && i.status !== 'paid');
	if (!inst) return null;
	const token = await paylinks.issue(db, inst.id);
	await timeline.append(db, { merchantId: scope.merchantId, debtorId, type: 'link.pay_link_issued', actor: actor(scope), payload: { planId: plan.id, number } });
	return token;
}

/**
 * Pauses collection out of goodwill: no payment prompts, no instalments asked for or counted as missed, and a
 * direct debit stops, until support resumes. False when already paused or not this merchant's debtor.
 */
export async function pauseCollection(db: Db, scope: Scope, debtorId: string, reason: string, now = new Date()) {
	const [row] = await db
		.update(debtors)
		.set({ collectionPausedAt: now })
		.where(and(eq(debtors.id, debtorId), eq(debtors.merchantId, scope.merchantId), isNull(debtors.collectionPausedAt)))
		.returning({ id: debtors.id });
	if (!row) return false;
	await timeline.append(db, { merchantId: scope.merchantId, debtorId, type: 'collection.paused', actor: actor(scope), occurredAt: now, payload: { reason } });
	await collect.followHold(db, debtorId, now);
	return true;
}

export async function resumeCollection(db: Db, scope: Scope, debtorId: string, reason: string, now = new Date()) {
	const [row] = await db
		.update(debtors)
		.set({ collectionPausedAt: null })
		.where(and(eq(debtors.id, debtorId), eq(debtors.merchantId, scope.merchantId), isNotNull(debtors.collectionPausedAt)))
		.returning({ id: debtors.id });
	if (!row) return false;
	await timeline.append(db, { merchantId: scope.merchantId, debtorId, type: 'collection.resumed', actor: actor(scope), occurredAt: now, payload: { reason } });
	await collect.followHold(db, debtorId, now);
	return true;
}

/** Adjusts the debtor's running plan within the merchant's policy. */
export async function adjustPlan(db: Db, scope: Scope, debtorId: string, request: Adjustment, reason: string, now = new Date()) {
	if (!(await owned(db, scope, debtorId))) return null;
	const plan = await plansQ.liveOf(db, debtorId);
	if (!plan || plan.merchantId !== scope.merchantId) return null;
	return adjustments.adjust(db, plan.id, actor(scope), request, reason, now);
}

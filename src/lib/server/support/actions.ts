// What support staff can do about a debtor. Every action needs a reason and lands on the timeline with who did it.
import type { Adjustment } from '../../domain/adjustment';
import type { Db } from '../db/client';
import type { Scope } from '../accounts/scope';
import { owns } from '../console/service';
import * as adjustments from '../plans/adjust';
import * as collect from '../plans/collect';
import * as plans from '../plans/service';
import * as paylinks from '../plans/paylinks';
import * as plansQ from '../plans/queries';
import * as timeline from '../timeline/queries';
import * as close from '../claims/close';
import type { CloseHow } from '../claims/close';
import * as q from './queries';

const actor = (scope: Scope) => `user:${scope.userId}`;

/** The debtor's running plan, only when the debtor is this merchant's. */
async function livePlanOf(db: Db, scope: Scope, debtorId: string) {
	const plan = await plansQ.liveOf(db, debtorId);
	return plan?.merchantId === scope.merchantId ? plan : undefined;
}

export async function addNote(db: Db, scope: Scope, debtorId: string, text: string, now = new Date()) {
	if (!(await owns(db, scope, debtorId))) return false;
	await timeline.append(db, {
		merchantId: scope.merchantId,
		debtorId,
		type: 'note.added',
		actor: actor(scope),
		occurredAt: now,
		payload: { text }
	});
	return true;
}

/** Recall (withdraw) a claim, or record that it was paid outside Coulant. Only an open claim of this merchant's debtor. */
export async function closeClaim(db: Db, scope: Scope, debtorId: string, claimId: string, how: CloseHow, reason: string, now = new Date()) {
	return !!(await close.closeClaim(db, { merchantId: scope.merchantId, debtorId, claimId, how, actor: actor(scope), reason, now }));
}

export async function cancelPlan(db: Db, scope: Scope, debtorId: string, reason: string, now = new Date()) {
	const plan = await livePlanOf(db, scope, debtorId);
	if (!plan) return false;
	return plans.cancel(db, plan.id, actor(scope), reason, now);
}

/** A fresh pay link for one unpaid instalment of the debtor's running plan, to send in a reminder. */
export async function instalmentPayLink(db: Db, scope: Scope, debtorId: string, number: number) {
	const plan = await livePlanOf(db, scope, debtorId);
	if (!plan) return null;
	const inst = (await plansQ.instalmentsOf(db, plan.id)).find((i) => i.number === number && i.status !== 'paid');
	if (!inst) return null;
	const token = await paylinks.issue(db, inst.id);
	await timeline.append(db, {
		merchantId: scope.merchantId,
		debtorId,
		type: 'link.pay_link_issued',
		actor: actor(scope),
		payload: { planId: plan.id, number }
	});
	return token;
}

/**
 * Pauses collection out of goodwill: no payment prompts, no instalments asked for or counted as missed, and a
 * direct debit stops, until support resumes. False when already paused or not this merchant's debtor.
 */
export const pauseCollection = (db: Db, scope: Scope, debtorId: string, reason: string, now = new Date()) =>
	setPaused(db, scope, debtorId, true, reason, now);

/** Resumes collection; false when it was not paused or the debtor is not this merchant's. */
export const resumeCollection = (db: Db, scope: Scope, debtorId: string, reason: string, now = new Date()) =>
	setPaused(db, scope, debtorId, false, reason, now);

async function setPaused(db: Db, scope: Scope, debtorId: string, paused: boolean, reason: string, now: Date) {
	if (!(await q.setPaused(db, scope.merchantId, debtorId, paused ? now : null))) return false;
	const type = paused ? 'collection.paused' : 'collection.resumed';
	await timeline.append(db, { merchantId: scope.merchantId, debtorId, type, actor: actor(scope), occurredAt: now, payload: { reason } });
	await collect.followHold(db, debtorId, now);
	return true;
}

/** Adjusts the debtor's running plan within the merchant's policy. */
export async function adjustPlan(db: Db, scope: Scope, debtorId: string, request: Adjustment, reason: string, now = new Date()) {
	const plan = await livePlanOf(db, scope, debtorId);
	if (!plan) return null;
	return adjustments.adjust(db, plan.id, actor(scope), request, reason, now);
}

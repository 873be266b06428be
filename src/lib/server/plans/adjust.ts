// Support changes a running plan: what is still unpaid, over a new number of instalments from a new date.
import { checkAdjustment, type Adjustment, type AdjustmentRefusal } from '../../domain/adjustment';
import { toIsoDay } from '../../domain/schedule';
import type { Db } from '../db/client';
import * as pq from '../payments/queries';
import * as merchants from '../merchants/queries';
import * as timeline from '../timeline/queries';
import * as collect from './collect';
import * as ledger from './ledger';
import * as q from './queries';

export type AdjustOutcome =
	{ ok: true } | { ok: false; field: keyof Adjustment | null; reason: AdjustmentRefusal | 'no_plan' | 'payment_under_way' };

export async function adjust(
	db: Db,
	planId: string,
	actor: string,
	request: Adjustment,
	reason: string,
	now = new Date()
): Promise<AdjustOutcome> {
	const outcome = await db.transaction(async (t): Promise<AdjustOutcome & { directDebitOf?: string }> => {
		const plan = await q.lock(t, planId);
		if (!plan || !q.LIVE.includes(plan.status)) return { ok: false, field: null, reason: 'no_plan' };
		// A first payment still open would set up the mandate on the old schedule: adjust after it settles.
		if (plan.status === 'proposed') return { ok: false, field: null, reason: 'payment_under_way' };
		const all = await q.instalmentsOf(t, planId);
		if (all.some((i) => i.status === 'pending')) return { ok: false, field: null, reason: 'payment_under_way' };
		const unpaid = all.filter((i) => i.status !== 'paid');
		const paidCount = all.length - unpaid.length;
		const check = checkAdjustment(
			await merchants.policyOf(t, plan.merchantId),
			{ amountCents: unpaid.reduce((s, i) => s + i.amountCents, 0), currency: plan.currency },
			paidCount,
			plan.frequency,
			toIsoDay(now),
			request
		);
		if (!check.ok) return check;
		// Rows a payment already points at stay (re-dated and re-priced); surplus rows without payments go.
		const surplus = unpaid.slice(check.instalments.length);
		if (surplus.length > 0) {
			const ids = surplus.map((i) => i.id);
			if ((await pq.countForInstalments(t, ids)) > 0) return { ok: false, field: 'remaining', reason: 'terms_not_allowed' };
			await q.removeInstalments(t, ids);
		}
		let number = Math.max(...all.map((i) => i.number));
		for (const [k, next] of check.instalments.entries()) {
			const row = unpaid[k];
			if (row) await q.reschedule(t, planId, row.id, { dueOn: next.dueOn, amountCents: next.amountCents });
			else await q.addInstalment(t, { planId, number: ++number, dueOn: next.dueOn, amountCents: next.amountCents });
		}
		await q.update(t, planId, { terms: paidCount + check.instalments.length });
		await timeline.append(t, {
			merchantId: plan.merchantId,
			debtorId: plan.debtorId,
			type: 'plan.adjusted',
			actor,
			occurredAt: now,
			payload: { planId, remaining: request.remaining, nextDate: request.nextDate, reason, before: unpaid.length }
		});
		// Missed instalments are re-dated, so the plan is healthy again.
		await ledger.recompute(t, planId, now);
		return { ok: true, directDebitOf: plan.collection === 'direct_debit' ? plan.debtorId : undefined };
	});
	// Direct debit: the subscription Mollie runs follows the old schedule. It goes, and one for the new schedule
	// comes, unless a dispute or a pause holds the plan (then it comes once the hold is lifted).
	if (outcome.ok && outcome.directDebitOf && (await collect.halt(db, planId))) await collect.followHold(db, outcome.directDebitOf, now);
	return outcome.ok ? { ok: true } : outcome;
}

// What happens to a plan when an instalment is paid, fails or is charged back. Called inside the payment's
// transaction, so the instalment, the claims, the plan's health and the timeline move together.
import { planHealth, type InstalmentOutcome } from '../../domain/policy';
import type { Tx } from '../db/client';
import * as merchants from '../merchants/queries';
import * as timeline from '../timeline/queries';
import * as q from './queries';

const outcomeOf = (status: q.InstalmentRow['status']): InstalmentOutcome =>
	status === 'paid' ? 'paid' : status === 'missed' ? 'missed' : 'pending';

/** Re-derives the plan's health from its instalments; records a change of state on the timeline. */
export async function recompute(db: Tx, planId: string, now: Date) {
	const plan = await q.lock(db, planId);
	if (!plan || !['proposed', 'active', 'at_risk'].includes(plan.status)) return plan;
	const all = await q.instalmentsOf(db, planId);
	const health = planHealth(
		await merchants.policyOf(db, plan.merchantId),
		all.map((i) => outcomeOf(i.status))
	);
	// A direct-debit plan waits for its first payment (and mandate) before it is active.
	const next = plan.status === 'proposed' && all[0].status !== 'paid' && health === 'active' ? 'proposed' : health;
	if (next === plan.status) return plan;
	const updated = await q.update(db, planId, { status: next });
	const type = { active: 'plan.active', at_risk: 'plan.at_risk', broken: 'plan.broken', completed: 'plan.completed', proposed: null }[next];
	if (type) {
		await timeline.append(db, {
			merchantId: plan.merchantId,
			debtorId: plan.debtorId,
			type,
			actor: 'system',
			occurredAt: now,
			payload: { planId }
		});
	}
	return updated;
}

export async function instalmentPaid(db: Tx, instalmentId: string, paymentId: string, now: Date) {
	const inst = await q.instalment(db, instalmentId);
	if (!inst || inst.status === 'paid') return;
	const plan = await q.byId(db, inst.planId);
	await q.setInstalment(db, inst.id, { status: 'paid', paidAt: now });
	await q.book(db, inst.planId, inst.amountCents);
	await timeline.append(db, {
		merchantId: plan.merchantId,
		debtorId: plan.debtorId,
		type: 'instalment.paid',
		actor: 'mollie',
		occurredAt: now,
		payload: { planId: plan.id, number: inst.number, amountCents: inst.amountCents, paymentId, late: inst.status === 'missed' }
	});
	await recompute(db, plan.id, now);
}

export async function instalmentMissed(db: Tx, instalmentId: string, why: 'failed' | 'charged_back' | 'overdue', now: Date) {
	const inst = await q.instalment(db, instalmentId);
	if (!inst || inst.status === 'missed') return;
	const plan = await q.byId(db, inst.planId);
	if (why === 'charged_back' && inst.status === 'paid') await q.unbook(db, plan.id, inst.amountCents);
	await q.setInstalment(db, inst.id, { status: 'missed', paidAt: null });
	await timeline.append(db, {
		merchantId: plan.merchantId,
		debtorId: plan.debtorId,
		type: why === 'charged_back' ? 'instalment.charged_back' : why === 'overdue' ? 'instalment.overdue' : 'instalment.failed',
		actor: why === 'overdue' ? 'system' : 'mollie',
		occurredAt: now,
		payload: { planId: plan.id, number: inst.number, amountCents: inst.amountCents }
	});
	await recompute(db, plan.id, now);
}

/** The balance was paid in full another way (e.g. paid off early): the plan is done. */
export async function paidOff(db: Tx, debtorId: string, now: Date) {
	const plan = await q.liveOf(db, debtorId);
	if (!plan) return null;
	await q.update(db, plan.id, { status: 'completed' });
	await timeline.append(db, {
		merchantId: plan.merchantId,
		debtorId,
		type: 'plan.paid_off',
		actor: 'debtor',
		occurredAt: now,
		payload: { planId: plan.id }
	});
	return plan;
}

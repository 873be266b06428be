// The Mollie side of direct-debit plans: a subscription once the mandate exists, adopting the payments it
// makes, and stopping it when a plan ends early.
import { toMollieAmount } from '../../domain/payment';
import { noticedDebitDates } from '../../domain/outreach/notices';
import { localDay, nextSendMoment } from '../../domain/outreach/send-window';
import { type Frequency } from '../../domain/schedule';
import { config } from '../config';
import type { Db } from '../db/client';
import * as mollie from '../payments/mollie';
import * as merchants from '../merchants/queries';
import * as pq from '../payments/queries';
import * as tenants from '../tenants/queries';
import * as timeline from '../timeline/queries';
import * as q from './queries';

const INTERVALS: Record<Frequency, string> = { weekly: '1 week', biweekly: '2 weeks', monthly: '1 month' };

/**
 * After the first instalment is paid: the mandate it left lets one subscription collect the rest.
 * Safe to call again (a retry after Mollie was down): it does nothing once the subscription exists.
 */
export async function ensureSubscription(db: Db, planId: string, now = new Date()) {
	const plan = await q.byId(db, planId);
	if (!plan || plan.collection !== 'direct_debit' || plan.mollieSubscriptionId || !plan.mollieCustomerId) return plan;
	if (!['active', 'at_risk'].includes(plan.status)) return plan;
	const account = { db, merchantId: plan.merchantId };
	const mandate = await mollie.validMandate(account, plan.mollieCustomerId);
	if (!mandate.ok || !mandate.value) return plan;
	// What the mandate still has to collect: after the first payment, or after an adjustment, the unpaid rest.
	const rest = (await q.instalmentsOf(db, planId)).filter((i) => i.number > 1 && i.status !== 'paid');
	if (rest.length === 0) return plan;
	// SEPA: the debtor is told every debit date at least the notice period before the first one (the notice goes in
	// the merchant's next sending moment). A debit that no notice would cover in time moves, and the rest with it.
	const { policy } = await merchants.outreachOfMerchant(db, plan.merchantId);
	const noticeDay = localDay(nextSendMoment(now, policy.window), policy.window.timeZone);
	const dates = noticedDebitDates(rest[0].dueOn, plan.frequency, rest.length, noticeDay, policy.noticeDays);
	const moved = rest.filter((i, n) => i.dueOn !== dates[n]);
	for (const [n, i] of rest.entries())
		if (i.dueOn !== dates[n]) await q.reschedule(db, planId, i.id, { dueOn: dates[n], amountCents: i.amountCents });
	if (moved.length) {
		await timeline.append(db, {
			merchantId: plan.merchantId,
			debtorId: plan.debtorId,
			type: 'plan.redated_for_notice',
			actor: 'system',
			occurredAt: now,
			payload: { planId: plan.id, from: rest[0].dueOn, to: dates[0], noticeDays: policy.noticeDays }
		});
	}
	const startDate = dates[0];
	const created = await mollie.createSubscription(account, {
		customerId: plan.mollieCustomerId,
		mandateId: mandate.value.id,
		amount: toMollieAmount(rest[0].amountCents, plan.currency),
		interval: INTERVALS[plan.frequency],
		times: rest.length,
		startDate,
		description: `Coulant plan ${plan.id}`,
		webhookUrl: mollie.webhookUrl(config().origin, plan.merchantId),
		metadata: { coulantPlanId: plan.id },
		// A retry of the same set-up reuses the key; a restarted plan (paused, adjusted) has set one up before, so asks anew.
		idempotencyKey: `subscription-${plan.id}-${await q.setUpsOf(db, plan.debtorId, plan.id)}`
	});
	if (!created.ok) return plan;
	const updated = await q.update(db, plan.id, {
		mollieSubscriptionId: created.value,
		mollieMandateId: mandate.value.id,
		mandateAccount: mandate.value.account
	});
	await timeline.append(db, {
		merchantId: plan.merchantId,
		debtorId: plan.debtorId,
		type: 'plan.direct_debit_set_up',
		actor: 'system',
		occurredAt: now,
		payload: { planId: plan.id, subscriptionId: created.value, instalments: rest.length, startDate }
	});
	return updated;
}

/** Stops the subscription and forgets it, so `ensureSubscription` can set up one for a new schedule. */
export async function halt(db: Db, planId: string) {
	const stopped = await stopCollecting(db, planId);
	if (stopped) await q.update(db, planId, { mollieSubscriptionId: null });
	return stopped;
}

/**
 * Direct debit follows the hold: a goodwill pause or a dispute about one of the plan's claims stops the
 * subscription; once nothing holds the plan any more, a new one collects the unpaid rest.
 */
export async function followHold(db: Db, debtorId: string, now = new Date()) {
	const plan = await q.liveOf(db, debtorId);
	if (!plan || plan.collection !== 'direct_debit') return;
	const held = await q.planOnHold(db, plan.id);
	if (held && plan.mollieSubscriptionId) await halt(db, plan.id);
	if (!held && !plan.mollieSubscriptionId) await ensureSubscription(db, plan.id, now);
}

/** Stops collecting (plan broken, paid off or cancelled). */
export async function stopCollecting(db: Db, planId: string) {
	const plan = await q.byId(db, planId);
	if (!plan?.mollieSubscriptionId || !plan.mollieCustomerId) return true;
	const canceled = await mollie.cancelSubscription({ db, merchantId: plan.merchantId }, plan.mollieCustomerId, plan.mollieSubscriptionId);
	return canceled.ok || canceled.reason === 'rejected';
}

/**
 * A payment Mollie made on its own (a subscription collection) becomes ours: it is the next instalment
 * of the plan that owns the subscription. Returns our payment row id, or null when it is not ours.
 */
export async function adopt(db: Db, p: mollie.MolliePayment, askedFor: string | null): Promise<string | null> {
	if (!p.subscriptionId) return null;
	const plan = await q.bySubscription(db, p.subscriptionId);
	if (!plan) return null;
	// Only the account that was asked may hand over the payment: a merchant's own, or the installation's for a
	// merchant that never connected one. Subscription ids are unique per account, not across accounts.
	if (askedFor ? plan.merchantId !== askedFor : await tenants.byMerchant(db, plan.merchantId)) return null;
	return db.transaction(async (t) => {
		await q.lock(t, plan.id);
		const already = await pq.byMollieId(t, p.id);
		if (already) return already.id;
		const taken = await pq.collectedInstalmentsOf(t, plan.id);
		const next = (await q.instalmentsOf(t, plan.id)).find((i) => i.number > 1 && i.status !== 'paid' && !taken.has(i.id));
		if (!next) return null;
		const row = await pq.insert(
			t,
			{
				merchantId: plan.merchantId,
				debtorId: plan.debtorId,
				molliePaymentId: p.id,
				status: 'open',
				amountCents: p.amountCents ?? next.amountCents,
				currency: plan.currency,
				method: 'directdebit',
				purpose: 'instalment',
				instalmentId: next.id,
				sequenceType: 'recurring'
			},
			[]
		);
		return row.id;
	});
}

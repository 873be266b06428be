// Settling what Mollie reports: a payment's new status, and what it means for the claims it covers, the plan
// an instalment belongs to and the promises those claims were under. It sits above payments and plans, so
// both stay unaware of each other: payments starts payments, plans keeps plans, this applies the news to both.
import { isFinal, transition, type PaymentStatus } from '../../domain/payment';
import { DEFAULT_POLICY } from '../../domain/policy';
import type { Db } from '../db/client';
import type { LinkHolder } from '../links/holder';
import { hashToken, looksLikeToken } from '../links/token';
import { toBrand } from '../merchants/brand';
import * as mollie from '../payments/mollie';
import * as pq from '../payments/queries';
import * as collect from '../plans/collect';
import * as ledger from '../plans/ledger';
import * as plansQ from '../plans/queries';
import * as promises from '../promises/service';
import * as timeline from '../timeline/queries';
import * as unknown from './unknown';

/** What moved in the transaction and has consequences outside it (see followUp). */
type FollowUp = { paidBy?: string; paidOff?: string; planId?: string };

/**
 * Applies what Mollie says about a payment. Exactly one transition and one timeline event per real change,
 * however many times, in whatever order and however concurrently the same news arrives.
 */
export async function apply(db: Db, paymentId: string, observed: mollie.MolliePayment, now = new Date()): Promise<boolean> {
	const follow: FollowUp = {};
	const changed = await db.transaction(async (t) => {
		const row = await pq.lockById(t, paymentId);
		if (!row) return false;
		const facts = { paymentId: row.id, amountCents: row.amountCents, currency: row.currency, method: observed.method ?? row.method };
		if (row.status === 'paid' && (observed.chargedBackCents ?? 0) > row.chargedBackCents) {
			// A chargeback: Mollie keeps the payment 'paid' but the money went back to the debtor's bank.
			await pq.update(t, row.id, { chargedBackCents: observed.chargedBackCents });
			await timeline.append(t, {
				merchantId: row.merchantId,
				debtorId: row.debtorId,
				type: 'payment.charged_back',
				actor: 'mollie',
				occurredAt: now,
				payload: facts
			});
			if (row.instalmentId) {
				await ledger.instalmentMissed(t, row.instalmentId, 'charged_back', now);
				follow.planId = (await plansQ.instalment(t, row.instalmentId))?.planId;
			} else await pq.reopenClaims(t, row.id);
			return true;
		}
		const current: PaymentStatus = row.status === 'creating' || row.status === 'abandoned' ? 'open' : row.status;
		const change = transition(current, observed.status);
		if (!change.changed) return false;
		await pq.update(t, row.id, {
			status: change.to,
			paidAt: observed.paidAt,
			method: observed.method ?? row.method,
			molliePaymentId: observed.id
		});
		if (!isFinal(change.to)) return true;
		await timeline.append(t, {
			merchantId: row.merchantId,
			debtorId: row.debtorId,
			type: `payment.${change.to}`,
			actor: 'mollie',
			occurredAt: now,
			payload: facts
		});
		if (row.instalmentId) {
			if (change.to === 'paid') await ledger.instalmentPaid(t, row.instalmentId, row.id, now);
			// A failed first payment leaves the plan waiting; a failed collection is a missed instalment.
			else if (row.sequenceType === 'recurring') await ledger.instalmentMissed(t, row.instalmentId, 'failed', now);
			follow.planId = (await plansQ.instalment(t, row.instalmentId))?.planId;
			if (change.to === 'paid') follow.paidBy = row.debtorId;
			return true;
		}
		if (change.to === 'paid') {
			follow.paidBy = row.debtorId;
			follow.paidOff = row.debtorId;
			const covered = await pq.claimsOf(t, row.id);
			const settled = await pq.settleClaims(t, row.id);
			if (settled.length < covered.length) {
				// Some claims were already settled another way: support must refund the difference.
				await timeline.append(t, {
					merchantId: row.merchantId,
					debtorId: row.debtorId,
					type: 'payment.overpaid',
					actor: 'system',
					occurredAt: now,
					payload: { ...facts, claimsAlreadySettled: covered.length - settled.length }
				});
			}
		}
		return true;
	});
	await followUp(db, follow, now);
	return changed;
}

/** What happens after the money moved, outside the transaction because it may call Mollie. */
async function followUp(db: Db, follow: FollowUp, now: Date) {
	// A promise to pay is kept the moment its claims are paid, not at the next review.
	if (follow.paidBy) await promises.review(db, now, follow.paidBy);
	if (follow.paidOff) {
		const plan = await db.transaction((tx) => ledger.paidOff(tx, follow.paidOff!, now));
		if (plan) await collect.stopCollecting(db, plan.id);
	}
	if (follow.planId) {
		const plan = await plansQ.byId(db, follow.planId);
		if (plan && (plan.status === 'active' || plan.status === 'at_risk')) await collect.ensureSubscription(db, plan.id, now);
		if (plan && (plan.status === 'broken' || plan.status === 'completed')) await collect.stopCollecting(db, plan.id);
	}
}

export type WebhookOutcome = 'unknown' | 'applied' | 'unchanged' | 'retry';

/**
 * Mollie's webhook says only "something happened to tr_…": ask Mollie what — with the credentials of the merchant
 * whose payment it is — then apply it. A payment we never stored (a subscription's collection) is asked about in
 * the account the webhook URL names (`merchantHint`, checked against the plan), or the installation's.
 */
export async function onWebhook(db: Db, molliePaymentId: string, merchantHint: string | null = null): Promise<WebhookOutcome> {
	const row = await pq.byMollieId(db, molliePaymentId);
	if (!row && unknown.isKnownUnknown(molliePaymentId)) return 'unknown';
	const merchantId = row?.merchantId ?? merchantHint;
	const fetched = await mollie.getPayment({ db, merchantId }, molliePaymentId);
	if (!fetched.ok) {
		if (row || fetched.reason === 'unavailable') return 'retry';
		unknown.rememberUnknown(molliePaymentId);
		return 'unknown';
	}
	// Not ours yet: maybe a collection made by one of our plans' subscriptions.
	const id = row?.id ?? (await collect.adopt(db, fetched.value, merchantId));
	if (!id) {
		unknown.rememberUnknown(molliePaymentId);
		return 'unknown';
	}
	return (await apply(db, id, fetched.value)) ? 'applied' : 'unchanged';
}

/** Asks Mollie about a payment that is not final yet (a webhook may be late or lost). */
export async function refresh(db: Db, row: pq.PaymentRow): Promise<pq.PaymentRow> {
	if (!row.molliePaymentId || isFinal(row.status as PaymentStatus)) return row;
	const fetched = await mollie.getPayment({ db, merchantId: row.merchantId }, row.molliePaymentId);
	if (fetched.ok) await apply(db, row.id, fetched.value);
	return (await pq.byId(db, row.id)) ?? row;
}

/** The payment behind a result-page token, brought up to date with Mollie when it is not final yet. */
export async function byReturnToken(db: Db, token: string) {
	if (!looksLikeToken(token)) return null;
	const found = await pq.byReturnTokenHash(db, hashToken(token));
	if (!found) return null;
	const payment = await refresh(db, found);
	const [parties, covered, instalment] = await Promise.all([
		pq.partiesOf(db, payment.debtorId),
		pq.claimsOf(db, payment.id),
		payment.instalmentId ? plansQ.instalment(db, payment.instalmentId) : undefined
	]);
	const { merchant } = parties;
	return {
		payment,
		instalment: instalment ? { number: instalment.number } : null,
		holder: {
			debtorId: payment.debtorId,
			debtorName: parties.debtorName,
			merchantId: payment.merchantId,
			merchantName: merchant.displayName,
			policy: merchant.policy ?? DEFAULT_POLICY
		} satisfies LinkHolder,
		merchant: { brand: toBrand(merchant), tone: merchant.tone },
		claims: covered
	};
}

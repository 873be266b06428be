// Paying the whole balance: start (or reuse) one payment, follow what Mollie reports, settle the claims.
import { randomUUID } from 'node:crypto';
import { sum } from '../../domain/money';
import { isFinal, isReusable, toMollieAmount, transition, type PaymentStatus } from '../../domain/payment';
import type { Db } from '../db/client';
import type { payments } from '../db/schema';
import { hashToken, looksLikeToken, newToken } from '../links/token';
import { toBrand } from '../merchants/brand';
import * as collect from '../plans/collect';
import * as ledger from '../plans/ledger';
import * as plansQ from '../plans/queries';
import * as promises from '../promises/service';
import * as timeline from '../timeline/queries';
import * as mollie from './mollie';
import * as q from './queries';

export type Payer = { debtorId: string; merchantId: string; merchantName: string };
export type StartContext = { origin: string; locale: 'nl' | 'en'; now?: Date };
export type StartOutcome =
	| { kind: 'checkout'; url: string }
	| { kind: 'nothing_to_pay' }
	| { kind: 'in_progress' }
	| { kind: 'unavailable' }
	| { kind: 'refused'; field?: string };

type Prepared =
	| { kind: 'done'; outcome: StartOutcome }
	| { kind: 'wait'; paymentId: string }
	| { kind: 'create'; row: q.PaymentRow; returnToken: string; references: string[] };

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A new payment row with its own idempotency key and return token; the raw token exists only in what this returns. */
async function reserve(
	t: Db,
	payer: Payer,
	fields: Omit<typeof payments.$inferInsert, 'merchantId' | 'debtorId' | 'idempotencyKey' | 'returnTokenHash'>,
	claimIds: string[]
) {
	const returnToken = newToken();
	const row = await q.insert(
		t,
		{ merchantId: payer.merchantId, debtorId: payer.debtorId, idempotencyKey: randomUUID(), returnTokenHash: hashToken(returnToken), ...fields },
		claimIds
	);
	return { row, returnToken };
}

/** Under a per-debtor lock: reuse the payment already open for exactly these claims, or reserve a new one. */
async function prepare(db: Db, payer: Payer, methods: string[], now: Date, staleAfterMs: number): Promise<Prepared> {
	return db.transaction(async (t) => {
		await q.lockDebtor(t, payer.debtorId);
		const open = await q.openClaimsOf(t, payer.debtorId);
		if (open.length === 0) return { kind: 'done', outcome: { kind: 'nothing_to_pay' } };
		const claimIds = open.map((c) => c.id).sort();
		const total = sum(open);
		const method = methods.join(',');
		for (const { payment, claimIds: covered } of await q.liveOf(t, payer.debtorId)) {
			if (!sameSet(covered, claimIds) || payment.amountCents !== total.amountCents) continue;
			if (payment.status === 'pending') return { kind: 'done', outcome: { kind: 'in_progress' } };
			if (payment.method !== method) continue;
			if (payment.status === 'creating') {
				if (now.getTime() - payment.createdAt.getTime() < staleAfterMs) return { kind: 'wait', paymentId: payment.id };
				await q.update(t, payment.id, { status: 'abandoned' }, 'creating');
				continue;
			}
			if (payment.checkoutUrl && isReusable(payment.status as PaymentStatus, payment.expiresAt, now)) {
				return { kind: 'done', outcome: { kind: 'checkout', url: payment.checkoutUrl } };
			}
		}
		const { row, returnToken } = await reserve(t, payer, { amountCents: total.amountCents, currency: total.currency, method, createdAt: now }, claimIds);
		return { kind: 'create', row, returnToken, references: open.map((c) => c.reference) };
	});
}

/** A second tap while the first is still talking to Mollie: wait for its answer instead of asking twice. */
async function awaitCreation(db: Db, paymentId: string, timeoutMs: number): Promise<StartOutcome> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const row = await q.byId(db, paymentId);
		if (row && row.status !== 'creating') {
			return row.checkoutUrl && row.status === 'open' ? { kind: 'checkout', url: row.checkoutUrl } : { kind: 'unavailable' };
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return { kind: 'unavailable' };
}

export async function start(db: Db, payer: Payer, methods: string[], ctx: StartContext): Promise<StartOutcome> {
	const now = ctx.now ?? new Date();
	const timeoutMs = mollie.timeoutMs();
	const prepared = await prepare(db, payer, methods, now, timeoutMs * 2);
	if (prepared.kind === 'done') return prepared.outcome;
	if (prepared.kind === 'wait') return awaitCreation(db, prepared.paymentId, timeoutMs * 2);

	const { row, returnToken, references } = prepared;
	return createAtMollie(db, row, returnToken, `${payer.merchantName} ${references.join(', ')}`, methods, ctx, now);
}

/**
 * Asks Mollie for the payment reserved in `row` and records the answer: the checkout on success, or the
 * row abandoned (never shown to the debtor, so it can never be paid) when Mollie is down or refuses.
 */
async function createAtMollie(
	db: Db,
	row: q.PaymentRow,
	returnToken: string,
	description: string,
	methods: string[],
	ctx: StartContext,
	now: Date,
	extra: { first?: { customerId: string; sequenceType: 'first' }; instalment?: number } = {}
): Promise<StartOutcome> {
	const created = await mollie.createPayment({
		amount: toMollieAmount(row.amountCents, row.currency),
		description: description.slice(0, 255),
		redirectUrl: `${ctx.origin}/p/${returnToken}`,
		webhookUrl: mollie.webhookUrl(ctx.origin),
		method: methods,
		locale: ctx.locale === 'nl' ? 'nl_NL' : 'en_US',
		metadata: { coulantPaymentId: row.id },
		idempotencyKey: row.idempotencyKey!,
		...extra.first
	});
	if (!created.ok) {
		await q.update(db, row.id, { status: 'abandoned' }, 'creating');
		console.warn(`payment ${row.id} not created: ${created.detail}`);
		return created.reason === 'unavailable' ? { kind: 'unavailable' } : { kind: 'refused', field: created.field };
	}
	const p = created.value;
	await q.update(db, row.id, { molliePaymentId: p.id, status: p.status, checkoutUrl: p.checkoutUrl, expiresAt: p.expiresAt, method: p.method ?? row.method }, 'creating');
	await timeline.append(db, {
		merchantId: row.merchantId,
		debtorId: row.debtorId,
		type: 'payment.started',
		actor: 'debtor',
		occurredAt: now,
		payload: {
			paymentId: row.id,
			amountCents: row.amountCents,
			currency: row.currency,
			method: p.method ?? methods.join(','),
			...(extra.instalment ? { instalment: extra.instalment } : {})
		}
	});
	return p.checkoutUrl ? { kind: 'checkout', url: p.checkoutUrl } : { kind: 'unavailable' };
}

/**
 * Applies what Mollie says about a payment. Exactly one transition and one timeline event per real change,
 * however many times, in whatever order and however concurrently the same news arrives.
 */
type FollowUp = { paidBy?: string; paidOff?: string; planId?: string };

/**
 * Applies what Mollie says about a payment. Exactly one transition and one timeline event per real change,
 * however many times, in whatever order and however concurrently the same news arrives.
 */
export async function apply(db: Db, paymentId: string, observed: mollie.MolliePayment, now = new Date()): Promise<boolean> {
	const follow: FollowUp = {};
	const changed = await db.transaction(async (t) => {
		const row = await q.lockById(t, paymentId);
		if (!row) return false;
		const facts = { paymentId: row.id, amountCents: row.amountCents, currency: row.currency, method: observed.method ?? row.method };
		if (row.status === 'paid' && (observed.chargedBackCents ?? 0) > row.chargedBackCents) {
			// A chargeback: Mollie keeps the payment 'paid' but the money went back to the debtor's bank.
			await q.update(t, row.id, { chargedBackCents: observed.chargedBackCents });
			await timeline.append(t, { merchantId: row.merchantId, debtorId: row.debtorId, type: 'payment.charged_back', actor: 'mollie', occurredAt: now, payload: facts });
			if (row.instalmentId) {
				await ledger.instalmentMissed(t, row.instalmentId, 'charged_back', now);
				follow.planId = (await plansQ.instalment(t, row.instalmentId))?.planId;
			} else await q.reopenClaims(t, row.id);
			return true;
		}
		const current: PaymentStatus = row.status === 'creating' || row.status === 'abandoned' ? 'open' : row.status;
		const change = transition(current, observed.status);
		if (!change.changed) return false;
		await q.update(t, row.id, { status: change.to, paidAt: observed.paidAt, method: observed.method ?? row.method, molliePaymentId: observed.id });
		if (!isFinal(change.to)) return true;
		await timeline.append(t, { merchantId: row.merchantId, debtorId: row.debtorId, type: `payment.${change.to}`, actor: 'mollie', occurredAt: now, payload: facts });
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
			const covered = await q.claimsOf(t, row.id);
			const settled = await q.settleClaims(t, row.id);
			if (settled.length < covered.length) {
				// Some claims were already settled another way: support must refund the difference.
				await timeline.append(t, { merchantId: row.merchantId, debtorId: row.debtorId, type: 'payment.overpaid', actor: 'system', occurredAt: now, payload: { ...facts, claimsAlreadySettled: covered.length - settled.length } });
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

/** Mollie's webhook says only "something happened to tr_…": ask Mollie what, then apply it. */
export async function onWebhook(db: Db, molliePaymentId: string): Promise<WebhookOutcome> {
	const row = await q.byMollieId(db, molliePaymentId);
	const fetched = await mollie.getPayment(molliePaymentId);
	if (!fetched.ok) return row || fetched.reason === 'unavailable' ? 'retry' : 'unknown';
	// Not ours yet: maybe a collection made by one of our plans' subscriptions.
	const id = row?.id ?? (await collect.adopt(db, fetched.value));
	if (!id) return 'unknown';
	return (await apply(db, id, fetched.value)) ? 'applied' : 'unchanged';
}

/** Pays one instalment: the first of a direct-debit plan (which sets up the mandate), a missed one, or the next. */
export async function startInstalment(
	db: Db,
	payer: Payer,
	target: { instalmentId: string; number: number; amountCents: number; currency: string; customerId?: string; first?: boolean },
	methods: string[],
	ctx: StartContext
): Promise<StartOutcome> {
	const now = ctx.now ?? new Date();
	const reserved = await db.transaction(async (t) => {
		await q.lockDebtor(t, payer.debtorId);
		const live = await q.liveForInstalment(t, target.instalmentId);
		const reusable = live.find((p) => p.checkoutUrl && isReusable(p.status as PaymentStatus, p.expiresAt, now));
		if (reusable) return { reuse: reusable.checkoutUrl! };
		if (live.some((p) => p.status === 'pending')) return { busy: true as const };
		return reserve(
			t,
			payer,
			{
				amountCents: target.amountCents,
				currency: target.currency,
				method: methods.join(','),
				purpose: 'instalment',
				instalmentId: target.instalmentId,
				sequenceType: target.first ? 'first' : 'oneoff',
				createdAt: now
			},
			[]
		);
	});
	if ('reuse' in reserved) return { kind: 'checkout', url: reserved.reuse! };
	if ('busy' in reserved) return { kind: 'in_progress' };
	// A first payment gives Mollie the mandate, so it is made for the plan's customer.
	const first = target.first && target.customerId ? { customerId: target.customerId, sequenceType: 'first' as const } : undefined;
	return createAtMollie(db, reserved.row, reserved.returnToken, `${payer.merchantName} termijn ${target.number}`, methods, ctx, now, {
		first,
		instalment: target.number
	});
}

/** What the debtor may pay now: their open claims that are not on hold. */
export async function payableTotal(db: Db, debtorId: string) {
	return sum(await q.openClaimsOf(db, debtorId));
}

export type PaymentOffer = { primary: mollie.Method | null; others: mollie.Method[] };

/** How the debtor can pay this amount: iDEAL first, then what else the merchant's profile allows for it. */
export async function offer(amountCents: number, currency: string): Promise<PaymentOffer> {
	const fits = (await mollie.methodsFor(currency)).filter((m) => amountCents >= m.min && amountCents <= m.max);
	const primary = fits.find((m) => m.id === 'ideal') ?? fits[0] ?? null;
	return { primary, others: fits.filter((m) => m !== primary) };
}

/** The methods behind a button: 'primary' or 'others'. */
export function methodsOf(choice: 'primary' | 'others', o: PaymentOffer): string[] {
	return choice === 'primary' ? (o.primary ? [o.primary.id] : []) : o.others.map((m) => m.id);
}

/** Asks Mollie about a payment that is not final yet (a webhook may be late or lost). */
export async function refresh(db: Db, row: q.PaymentRow): Promise<q.PaymentRow> {
	if (!row.molliePaymentId || isFinal(row.status as PaymentStatus)) return row;
	const fetched = await mollie.getPayment(row.molliePaymentId);
	if (fetched.ok) await apply(db, row.id, fetched.value);
	return (await q.byId(db, row.id)) ?? row;
}

/** The payment behind a result-page token, brought up to date with Mollie when it is not final yet. */
export async function byReturnToken(db: Db, token: string) {
	if (!looksLikeToken(token)) return null;
	const found = await q.byReturnTokenHash(db, hashToken(token));
	if (!found) return null;
	const payment = await refresh(db, found);
	const [merchant, covered, instalment] = await Promise.all([
		q.merchantOf(db, payment.merchantId),
		q.claimsOf(db, payment.id),
		payment.instalmentId ? plansQ.instalment(db, payment.instalmentId) : undefined
	]);
	return {
		payment,
		instalment: instalment ? { number: instalment.number } : null,
		payer: { debtorId: payment.debtorId, merchantId: merchant.id, merchantName: merchant.displayName } satisfies Payer,
		merchant: { brand: toBrand(merchant), tone: merchant.tone },
		claims: covered
	};
}

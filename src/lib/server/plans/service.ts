// Instalment plans: what the debtor may choose, confirming one, paying an instalment, and ending a plan.
import { sum } from '../../domain/money';
import { checkPlanRequest, planOptions, type PlanRefusal, type PlanRequest } from '../../domain/policy';
import { addDays, toIsoDay } from '../../domain/schedule';
import type { Db } from '../db/client';
import type { Collection } from '../db/schema';
import type { LinkHolder } from '../links/holder';
import * as mollie from '../payments/mollie';
import * as payments from '../payments/service';
import * as pq from '../payments/queries';
import * as timeline from '../timeline/queries';
import { appendByHolder } from '../timeline/holder';
import * as collect from './collect';
import * as ledger from './ledger';
import * as q from './queries';

export type ConfirmOutcome =
	| payments.StartOutcome
	| { kind: 'active' }
	| { kind: 'not_allowed'; field: keyof PlanRequest | null; reason: PlanRefusal | 'plan_exists' };

/** Days after its date that a pay-by-link instalment counts as missed. */
const GRACE_DAYS = 3;

export async function optionsFor(db: Db, who: Pick<LinkHolder, 'debtorId' | 'policy'>, now = new Date()) {
	const open = await pq.openClaimsOf(db, who.debtorId);
	if (open.length === 0) return null;
	return planOptions(who.policy, sum(open), toIsoDay(now));
}

/** The debtor's first look at the plan options, on the timeline (the previews that follow are not). */
export async function optionsViewed(db: Db, who: Pick<LinkHolder, 'debtorId' | 'merchantId'>, offered: boolean, now = new Date()) {
	// Counted with the holder's other page rows: reloading the page may not fill the timeline.
	await appendByHolder(db, {
		occurredAt: now,
		merchantId: who.merchantId,
		debtorId: who.debtorId,
		type: 'options.viewed',
		actor: 'debtor',
		payload: { options: 'plan', offered }
	});
}

/**
 * Confirms a plan after checking it against the policy again. Direct debit: the first instalment is paid
 * now with iDEAL (a 'first' payment), which gives Mollie the mandate; pay-by-link: the plan starts at once.
 */
export async function confirm(
	db: Db,
	who: LinkHolder,
	request: PlanRequest & { collection: Collection },
	ctx: payments.StartContext
): Promise<ConfirmOutcome> {
	const now = ctx.now ?? new Date();
	if (await q.liveOf(db, who.debtorId)) return { kind: 'not_allowed', field: null, reason: 'plan_exists' };
	const open = await pq.openClaimsOf(db, who.debtorId);
	if (open.length === 0) return { kind: 'nothing_to_pay' };
	const total = sum(open);
	const check = checkPlanRequest(who.policy, total, toIsoDay(now), request);
	if (!check.ok) return { kind: 'not_allowed', field: check.field, reason: check.reason };
	const schedule = check.schedule.instalments;
	const plan = await db.transaction(async (t) => {
		const created = await q.insert(
			t,
			{
				merchantId: who.merchantId,
				debtorId: who.debtorId,
				status: request.collection === 'pay_by_link' ? 'active' : 'proposed',
				collection: request.collection,
				frequency: request.frequency,
				terms: request.terms,
				totalCents: total.amountCents,
				currency: total.currency,
				createdAt: now
			},
			schedule.map((i) => ({ number: i.number, dueOn: i.dueOn, amountCents: i.amountCents })),
			open.map((c) => c.id)
		);
		await timeline.append(t, {
			merchantId: who.merchantId,
			debtorId: who.debtorId,
			type: 'plan.created',
			actor: 'debtor',
			occurredAt: now,
			payload: {
				planId: created.id,
				terms: request.terms,
				frequency: request.frequency,
				collection: request.collection,
				amountCents: total.amountCents,
				firstDate: request.firstDate
			}
		});
		return created;
	});
	if (request.collection === 'pay_by_link') return { kind: 'active' };
	const customer = await mollie.createCustomer(
		{ db, merchantId: who.merchantId },
		{
			name: who.debtorName,
			metadata: { coulantDebtorId: who.debtorId },
			idempotencyKey: `customer-${plan.id}`
		}
	);
	if (!customer.ok) {
		await cancel(db, plan.id, 'system', 'payment provider unavailable', now);
		return { kind: 'unavailable' };
	}
	await q.update(db, plan.id, { mollieCustomerId: customer.value });
	const [first] = await q.instalmentsOf(db, plan.id);
	const outcome = await payments.startInstalment(
		db,
		who,
		{ instalmentId: first.id, number: 1, amountCents: first.amountCents, currency: plan.currency, customerId: customer.value, first: true },
		['ideal'],
		ctx
	);
	if (outcome.kind !== 'checkout') await cancel(db, plan.id, 'system', 'first payment could not start', now);
	return outcome;
}

/** Pays an instalment that is due or missed (or the first one again, when its first payment failed). */
export async function payInstalment(
	db: Db,
	who: Pick<LinkHolder, 'debtorId' | 'merchantId' | 'merchantName'>,
	number: number,
	ctx: payments.StartContext
) {
	const plan = await q.liveOf(db, who.debtorId);
	if (!plan) return { kind: 'nothing_to_pay' } as const;
	const inst = (await q.instalmentsOf(db, plan.id)).find((i) => i.number === number);
	if (!inst || inst.status === 'paid') return { kind: 'nothing_to_pay' } as const;
	// A dispute or a goodwill pause holds the plan: no instalment is asked for until support lifts it.
	if (await q.planOnHold(db, plan.id)) return { kind: 'on_hold' } as const;
	const first = plan.status === 'proposed' && number === 1;
	return payments.startInstalment(
		db,
		who,
		{
			instalmentId: inst.id,
			number,
			amountCents: inst.amountCents,
			currency: plan.currency,
			customerId: plan.mollieCustomerId ?? undefined,
			first
		},
		['ideal'],
		ctx
	);
}

/** Ends a plan on someone's word (support, or the system when it could not start); claims stay owed. */
export async function cancel(db: Db, planId: string, actor: string, reason: string, now = new Date()) {
	const plan = await q.byId(db, planId);
	if (!plan || !q.LIVE.includes(plan.status)) return false;
	await q.update(db, planId, { status: 'canceled' });
	await timeline.append(db, {
		merchantId: plan.merchantId,
		debtorId: plan.debtorId,
		type: 'plan.canceled',
		actor,
		occurredAt: now,
		payload: { planId, reason }
	});
	await collect.stopCollecting(db, planId);
	return true;
}

/** Daily: pay-by-link instalments left unpaid past their grace days are missed; retries subscription set-up. */
export async function review(db: Db, now = new Date()) {
	for (const { instalment } of await q.overdue(db, addDays(toIsoDay(now), -GRACE_DAYS))) {
		await db.transaction((tx) => ledger.instalmentMissed(tx, instalment.id, 'overdue', now));
	}
}

export type PlanView = {
	status: q.PlanRow['status'];
	collection: Collection;
	frequency: q.PlanRow['frequency'];
	mandateAccount: string | null;
	instalments: { number: number; dueOn: string; amountCents: number; currency: string; status: q.InstalmentRow['status'] }[];
};

export async function viewOf(db: Db, debtorId: string): Promise<PlanView | null> {
	const plan = await q.liveOf(db, debtorId);
	if (!plan) return null;
	const all = await q.instalmentsOf(db, plan.id);
	return {
		status: plan.status,
		collection: plan.collection,
		frequency: plan.frequency,
		mandateAccount: plan.mandateAccount,
		instalments: all.map((i) => ({
			number: i.number,
			dueOn: i.dueOn,
			amountCents: i.amountCents,
			currency: plan.currency,
			status: i.status
		}))
	};
}

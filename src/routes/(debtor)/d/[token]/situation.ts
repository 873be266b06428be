// The debtor's situation, and so what their page leads with: one clear next step in each.
//
//   settled      nothing open            → what was paid and when (receipts)
//   handed_over  with a collection agency → who handles it now and how to reach them
//   paused       support paused it       → "you need not do anything now"
//   on_hold      all that is open is disputed → what we are checking; the answer comes here
//   plan_first   a plan waits for its first instalment → pay the first instalment
//   plan_missed  an instalment failed     → pay the missed one (the way back to on track)
//   plan_held    a dispute holds the plan → no instalments asked for now
//   plan         a plan on track          → next date, amount, how it is paid, "all is well"; paying the rest early is quiet
//   plan_broken  the last plan broke      → the way back: a new plan, pay, or talk to someone
//   promise      more time was agreed     → the agreed date; paying is the way to keep it
//   pending      a payment is on its way  → "we are processing it"
//   open         anything else            → the balance and paying it, with the other options below
export type Situation =
	| 'settled'
	| 'handed_over'
	| 'paused'
	| 'on_hold'
	| 'plan_first'
	| 'plan_missed'
	| 'plan_held'
	| 'plan'
	| 'plan_broken'
	| 'promise'
	| 'pending'
	| 'open';

type Facts = {
	balance: { open: readonly unknown[]; total: { amountCents: number } };
	paused: boolean;
	paymentPending: boolean;
	promise: unknown;
	plan: { status: 'proposed' | 'active' | 'at_risk'; onHold?: boolean } | null;
	brokenPlan: unknown;
	handover?: unknown;
};

export function situationOf(view: Facts): Situation {
	if (view.balance.open.length === 0) return 'settled';
	if (view.handover) return 'handed_over';
	if (view.paused) return 'paused';
	if (view.plan) {
		if (view.plan.onHold) return 'plan_held';
		if (view.plan.status === 'proposed') return 'plan_first';
		if (view.plan.status === 'at_risk') return 'plan_missed';
		return 'plan';
	}
	if (view.balance.total.amountCents === 0) return 'on_hold';
	if (view.paymentPending) return 'pending';
	if (view.promise) return 'promise';
	if (view.brokenPlan) return 'plan_broken';
	return 'open';
}

/** Situations in which a plan leads and paying the whole rest is only a quiet, secondary option. */
export const inPlan = (s: Situation) => s === 'plan' || s === 'plan_first' || s === 'plan_missed' || s === 'plan_held';

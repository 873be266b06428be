// A merchant's rules for instalment plans and more time, and the checks the portal page and the server share.
import { assertCents, type Money } from './money';
import { FREQUENCIES, addDays, buildSchedule, isIsoDay, nextDayOfMonth, type Frequency, type Schedule } from './schedule';

export type Policy = {
	offers: { payNow: boolean; instalments: boolean; moreTime: boolean };
	instalments: {
		/** Allowed numbers of instalments: every whole number from minTerms to maxTerms. */
		minTerms: number;
		maxTerms: number;
		frequencies: Frequency[];
		minInstalmentCents: number;
		/** The first instalment may fall at most this many days after today. */
		latestStartDays: number;
		/** Below this balance no plan is offered; paying now or more time still can be. */
		minBalanceCents: number;
		/** Zero unless the merchant chooses otherwise; shown as its own line, never hidden in the instalments. */
		feeCents: number;
		/** A plan is broken once this many of its instalments are missed. */
		brokenAfterMisses: number;
	};
	moreTime: {
		/** The latest new date is this many days after today. */
		maxDays: number;
		maxPostponements: number;
	};
};

export const DEFAULT_POLICY: Policy = {
	offers: { payNow: true, instalments: true, moreTime: true },
	instalments: {
		minTerms: 2,
		maxTerms: 12,
		frequencies: ['weekly', 'biweekly', 'monthly'],
		minInstalmentCents: 1000,
		latestStartDays: 30,
		minBalanceCents: 5000,
		feeCents: 0,
		brokenAfterMisses: 2
	},
	moreTime: { maxDays: 30, maxPostponements: 1 }
};

export type PlanOptions =
	| { offered: false; reason: 'plans_not_offered' | 'balance_too_small' }
	| {
			offered: true;
			/** Ascending; each keeps every instalment at or above the merchant's minimum. */
			terms: number[];
			frequencies: Frequency[];
			earliestFirstDate: string;
			latestFirstDate: string;
			/** "From € Y per month": the smallest monthly instalment any allowed plan has; null without monthly plans. */
			fromMonthly: Money | null;
			fee: Money;
	  };

/**
 * What this debtor may choose. A balance that no allowed number of terms can split into instalments
 * at or above the minimum counts as too small, so the page never shows a plan the server would refuse.
 */
export function planOptions(policy: Policy, balance: Money, today: string): PlanOptions {
	if (!isIsoDay(today)) throw new RangeError(`Not a calendar day: ${today}`);
	assertCents(balance.amountCents);
	const rules = policy.instalments;
	if (!policy.offers.instalments) return { offered: false, reason: 'plans_not_offered' };
	if (balance.amountCents < rules.minBalanceCents) return { offered: false, reason: 'balance_too_small' };
	const frequencies = FREQUENCIES.filter((f) => rules.frequencies.includes(f));
	if (frequencies.length === 0) return { offered: false, reason: 'plans_not_offered' };
	const terms: number[] = [];
	for (let n = Math.max(1, rules.minTerms); n <= rules.maxTerms; n++) {
		// The smallest instalment is the rounded-down share; the odd cents only make the first ones larger.
		if (Math.floor(balance.amountCents / n) >= Math.max(1, rules.minInstalmentCents)) terms.push(n);
	}
	if (terms.length === 0) return { offered: false, reason: 'balance_too_small' };
	const most = terms[terms.length - 1];
	return {
		offered: true,
		terms,
		frequencies,
		earliestFirstDate: today,
		latestFirstDate: addDays(today, rules.latestStartDays),
		fromMonthly: frequencies.includes('monthly')
			? { amountCents: Math.floor(balance.amountCents / most), currency: balance.currency }
			: null,
		fee: { amountCents: rules.feeCents, currency: balance.currency }
	};
}

export type PlanRequest = { terms: number; frequency: Frequency; firstDate: string };

export type PlanRefusal =
	| 'plans_not_offered'
	| 'balance_too_small'
	| 'terms_not_allowed'
	| 'frequency_not_allowed'
	| 'below_minimum_instalment'
	| 'first_date_invalid'
	| 'first_date_in_past'
	| 'first_date_too_late';

/** `field` names the request field to point at; null when the plan as a whole is not available. */
export type PlanCheck = { ok: true; schedule: Schedule } | { ok: false; field: keyof PlanRequest | null; reason: PlanRefusal };

/** The server's word on a chosen plan; it trusts nothing in the request, which may have been tampered with. */
export function checkPlanRequest(policy: Policy, balance: Money, today: string, request: PlanRequest): PlanCheck {
	const options = planOptions(policy, balance, today);
	if (!options.offered) return { ok: false, field: null, reason: options.reason };
	const { terms, frequency, firstDate } = request;
	const rules = policy.instalments;
	if (!Number.isInteger(terms) || terms < rules.minTerms || terms > rules.maxTerms) {
		return { ok: false, field: 'terms', reason: 'terms_not_allowed' };
	}
	if (!options.terms.includes(terms)) return { ok: false, field: 'terms', reason: 'below_minimum_instalment' };
	if (!options.frequencies.includes(frequency)) {
		return { ok: false, field: 'frequency', reason: 'frequency_not_allowed' };
	}
	if (!isIsoDay(firstDate)) return { ok: false, field: 'firstDate', reason: 'first_date_invalid' };
	if (firstDate < options.earliestFirstDate) return { ok: false, field: 'firstDate', reason: 'first_date_in_past' };
	if (firstDate > options.latestFirstDate) return { ok: false, field: 'firstDate', reason: 'first_date_too_late' };
	const schedule = buildSchedule({
		balanceCents: balance.amountCents,
		currency: balance.currency,
		terms,
		frequency,
		firstDate,
		feeCents: rules.feeCents
	});
	return { ok: true, schedule };
}

/** "Pay on my payday": the next such day on or after today, and whether the policy lets a plan start then. */
export function paydayFirstDate(policy: Policy, today: string, dayOfMonth: number): { date: string; withinLatestStart: boolean } {
	const date = nextDayOfMonth(today, dayOfMonth);
	return { date, withinLatestStart: date <= addDays(today, policy.instalments.latestStartDays) };
}

export type PostponementRefusal = 'more_time_not_offered' | 'too_many_postponements' | 'date_invalid' | 'date_in_past' | 'date_too_late';

export type PostponementCheck = { ok: true; date: string } | { ok: false; reason: PostponementRefusal };

/** The dates a debtor may pick for more time: from tomorrow (today is no extra time) to the policy's limit. */
export function postponementWindow(policy: Policy, today: string): { earliest: string; latest: string } {
	return { earliest: addDays(today, 1), latest: addDays(today, policy.moreTime.maxDays) };
}

/** "From € Y per month" on the page (and in the video): null when no plan may be set up for this balance. */
export function planOffer(policy: Policy, balance: Money, today: string): { fromMonthly: Money | null; fee: Money } | null {
	if (balance.amountCents === 0) return null;
	const options = planOptions(policy, balance, today);
	return options.offered ? { fromMonthly: options.fromMonthly, fee: options.fee } : null;
}

/** The dates offered for more time, or null when the policy offers no (more) postponement or a promise is open. */
export function moreTimeWindow(
	policy: Policy,
	made: number,
	promised: boolean,
	today: string
): { earliest: string; latest: string } | null {
	if (promised || !policy.offers.moreTime || made >= policy.moreTime.maxPostponements) return null;
	return postponementWindow(policy, today);
}

export function checkPostponement(policy: Policy, today: string, requestedDate: string, postponementsUsed: number): PostponementCheck {
	if (!policy.offers.moreTime) return { ok: false, reason: 'more_time_not_offered' };
	if (postponementsUsed >= policy.moreTime.maxPostponements) return { ok: false, reason: 'too_many_postponements' };
	if (!isIsoDay(requestedDate)) return { ok: false, reason: 'date_invalid' };
	const window = postponementWindow(policy, today);
	if (requestedDate < window.earliest) return { ok: false, reason: 'date_in_past' };
	if (requestedDate > window.latest) return { ok: false, reason: 'date_too_late' };
	return { ok: true, date: requestedDate };
}

export const INSTALMENT_OUTCOMES = ['pending', 'paid', 'missed'] as const;
export type InstalmentOutcome = (typeof INSTALMENT_OUTCOMES)[number];
export type PlanHealth = 'active' | 'at_risk' | 'broken' | 'completed';

/**
 * A plan's health from its instalments' outcomes (one per instalment, in order). Misses count in
 * total, not in a row: catching up on later instalments does not undo an earlier miss. A missed
 * instalment that is paid late should be reported as 'paid'.
 */
export function planHealth(policy: Policy, outcomes: readonly InstalmentOutcome[]): PlanHealth {
	if (outcomes.length === 0) throw new RangeError('A plan has at least one instalment');
	const misses = outcomes.filter((o) => o === 'missed').length;
	if (misses >= policy.instalments.brokenAfterMisses) return 'broken';
	if (misses > 0) return 'at_risk';
	return outcomes.every((o) => o === 'paid') ? 'completed' : 'active';
}

// Support adjusts a running plan: what is still unpaid, spread over a new number of instalments from a new
// date — only within the merchant's policy.
import type { Money } from './money';
import type { Policy } from './policy';
import { addDays, buildSchedule, isIsoDay, type Frequency, type Instalment } from './schedule';

export type Adjustment = { remaining: number; nextDate: string };
export type AdjustmentRefusal =
	'nothing_left' | 'terms_not_allowed' | 'below_minimum_instalment' | 'date_invalid' | 'date_in_past' | 'date_too_late';
export type AdjustmentCheck =
	{ ok: true; instalments: Instalment[] } | { ok: false; field: keyof Adjustment | null; reason: AdjustmentRefusal };

/**
 * `unpaid` is what the plan still has to collect, `paidCount` how many instalments are already paid. The
 * plan keeps its frequency; the total number of instalments stays within the policy's maximum, every new
 * instalment at or above its minimum (unless one instalment clears the rest), and the next date no later
 * than a new plan could start.
 */
export function checkAdjustment(
	policy: Policy,
	unpaid: Money,
	paidCount: number,
	frequency: Frequency,
	today: string,
	request: Adjustment
): AdjustmentCheck {
	const rules = policy.instalments;
	if (unpaid.amountCents <= 0) return { ok: false, field: null, reason: 'nothing_left' };
	const { remaining, nextDate } = request;
	if (!Number.isInteger(remaining) || remaining < 1 || paidCount + remaining > rules.maxTerms) {
		return { ok: false, field: 'remaining', reason: 'terms_not_allowed' };
	}
	if (remaining > 1 && Math.floor(unpaid.amountCents / remaining) < rules.minInstalmentCents) {
		return { ok: false, field: 'remaining', reason: 'below_minimum_instalment' };
	}
	if (!isIsoDay(nextDate)) return { ok: false, field: 'nextDate', reason: 'date_invalid' };
	if (nextDate < today) return { ok: false, field: 'nextDate', reason: 'date_in_past' };
	if (nextDate > addDays(today, rules.latestStartDays)) return { ok: false, field: 'nextDate', reason: 'date_too_late' };
	const schedule = buildSchedule({
		balanceCents: unpaid.amountCents,
		currency: unpaid.currency,
		terms: remaining,
		frequency,
		firstDate: nextDate
	});
	return { ok: true, instalments: schedule.instalments };
}

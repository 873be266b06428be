// The policy form's problems as copy: one message per field that says what to change.
import { m } from '$lib/paraglide/messages';
import { POLICY_LIMITS as L } from '$lib/schemas/policy';

export function policyProblem(p: { key: string; terms?: number } | undefined): string | undefined {
	if (!p) return undefined;
	switch (p.key) {
		case 'offers_custom':
			return m.settings_policy_error_offers();
		case 'minTerms':
		case 'maxTerms':
			return m.settings_policy_error_terms({ min: L.minTerms, max: L.maxTerms });
		case 'maxTerms_custom':
			return m.settings_policy_error_max_below_min({ min: p.terms ?? L.minTerms });
		case 'frequencies':
		case 'frequencies_custom':
			return m.settings_policy_error_frequencies();
		case 'minInstalment':
			return m.settings_policy_error_min_instalment();
		case 'minInstalment_custom':
			return m.settings_policy_error_instalment_above_balance();
		case 'minBalance':
			return m.settings_policy_error_min_balance();
		case 'minBalance_custom':
			return m.settings_policy_error_balance_covers({ terms: p.terms ?? L.minTerms });
		case 'fee':
			return m.settings_policy_error_fee();
		case 'latestStartDays':
			return m.settings_policy_error_start({ max: L.maxStartDays });
		case 'brokenAfterMisses':
			return m.settings_policy_error_misses({ max: L.maxMisses });
		case 'moreTimeDays':
			return m.settings_policy_error_more_time_days({ max: L.maxMoreTimeDays });
		case 'maxPostponements':
			return m.settings_policy_error_postponements({ max: L.maxPostponements });
		case 'amount':
			return m.settings_policy_error_amount();
		default:
			return m.console_error_generic();
	}
}

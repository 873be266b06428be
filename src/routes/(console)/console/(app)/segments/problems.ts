// The segment form's problem codes as copy in the console's language.
import { m } from '$lib/paraglide/messages';

const BY_CODE: Record<string, () => string> = {
	empty: m.seg_problem_empty,
	long: m.seg_problem_long,
	duplicate: m.seg_problem_duplicate,
	number: m.seg_problem_number,
	tag: m.seg_problem_tag,
	too_many: m.seg_problem_too_many,
	last_has_rules: m.seg_problem_last_has_rules,
	terms: m.seg_problem_terms,
	days: m.seg_problem_days
};

export const problemText = (code: string) => (BY_CODE[code] ?? m.seg_problem_form)();

// The import report's problem codes as copy in the current language.
import { m } from '$lib/paraglide/messages';

type Problem = { line: number; field: string | null; code: string; value?: string };

const byCode: Record<string, (p: Problem) => string> = {
	required: () => m.import_problem_required(),
	too_long: () => m.import_problem_too_long(),
	reference_chars: () => m.import_problem_reference_chars(),
	email: () => m.import_problem_email(),
	phone: () => m.import_problem_phone(),
	postcode: () => m.import_problem_postcode(),
	date: (p) => m.import_problem_date({ value: p.value ?? '' }),
	locale: (p) => m.import_problem_locale({ value: p.value ?? '' }),
	currency: (p) => m.import_problem_currency({ value: p.value ?? '' }),
	amount: (p) => m.import_problem_amount({ value: p.value ?? '' }),
	amount_ambiguous: (p) => m.import_problem_amount_ambiguous({ value: p.value ?? '' }),
	amount_positive: (p) => m.import_problem_amount_positive({ value: p.value ?? '' }),
	due_before_issued: () => m.import_problem_due_before_issued(),
	columns: (p) => m.import_problem_columns({ count: p.value ?? '?' }),
	encoding: () => m.import_problem_encoding(),
	quotes: () => m.import_problem_quotes(),
	empty: () => m.import_problem_empty(),
	column_missing: () => m.import_problem_column_missing(),
	column_twice: () => m.import_problem_column_twice(),
	duplicate: (p) => m.import_problem_duplicate({ line: p.value ?? '?' }),
	reference_taken: () => m.import_problem_reference_taken(),
	upload: () => m.import_problem_upload()
};

export function describe(p: Problem): string {
	return (byCode[p.code] ?? (() => m.import_problem_other()))(p);
}

export function where(p: Problem): string {
	if (p.line <= 0) return m.import_where_file();
	return p.field ? m.import_where_line_field({ line: p.line, field: p.field }) : m.import_where_line({ line: p.line });
}

// The import report's problem codes as copy in the current language.
import { m } from '$lib/paraglide/messages';

type Problem = { line: number; field: string | null; code: string; value?: string };

/** A message about the cell's own value, written as it was (empty when it was not sent). */
const withValue = (message: (inputs: { value: string }) => string) => (p: Problem) => message({ value: p.value ?? '' });

const byCode: Record<string, (p: Problem) => string> = {
	required: m.import_problem_required,
	too_long: m.import_problem_too_long,
	reference_chars: m.import_problem_reference_chars,
	email: m.import_problem_email,
	phone: m.import_problem_phone,
	phone_not_mobile: m.import_problem_phone_not_mobile,
	channel: withValue(m.import_problem_channel),
	channel_needs_phone: m.import_problem_channel_needs_phone,
	channel_needs_email: m.import_problem_channel_needs_email,
	channel_needs_address: m.import_problem_channel_needs_address,
	postcode: m.import_problem_postcode,
	postcode_nl: m.import_problem_postcode_nl,
	address_incomplete: m.import_problem_address_incomplete,
	country: withValue(m.import_problem_country),
	date: withValue(m.import_problem_date),
	locale: withValue(m.import_problem_locale),
	currency: withValue(m.import_problem_currency),
	amount: withValue(m.import_problem_amount),
	amount_ambiguous: withValue(m.import_problem_amount_ambiguous),
	amount_positive: withValue(m.import_problem_amount_positive),
	due_before_issued: m.import_problem_due_before_issued,
	columns: (p) => m.import_problem_columns({ count: p.value ?? '?' }),
	encoding: m.import_problem_encoding,
	quotes: m.import_problem_quotes,
	empty: m.import_problem_empty,
	column_missing: m.import_problem_column_missing,
	column_twice: m.import_problem_column_twice,
	duplicate: (p) => m.import_problem_duplicate({ line: p.value ?? '?' }),
	reference_taken: m.import_problem_reference_taken,
	tags: m.import_problem_tags,
	upload: m.import_problem_upload
};

export function describe(p: Problem): string {
	return (byCode[p.code] ?? m.import_problem_other)(p);
}

export function where(p: Problem): string {
	if (p.line <= 0) return m.import_where_file();
	return p.field ? m.import_where_line_field({ line: p.line, field: p.field }) : m.import_where_line({ line: p.line });
}

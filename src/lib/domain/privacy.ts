// Retention and erasure as rules: when a settled debtor's personal data is due to go, what erasure refuses, and how a
// stored value loses what names a person while amounts, dates, references and counts stay for the merchant's figures.

/** The retention setting's bounds, in months after settlement: half a year for late complaints, at most ten years. */
export const RETENTION_MONTHS = { min: 6, max: 120, default: 24 } as const;

/** What replaces a removed value, so a reader sees that something was there. */
export const ERASED = '[gewist]';

/** Keys whose values are free text or contact details wherever they appear (timeline payloads, webhook data). */
const PERSONAL_KEYS = new Set([
	'text',
	'preview',
	'body',
	'note',
	'answer',
	'reason',
	'subject',
	'fields',
	'name',
	'email',
	'phone',
	'address',
	'street',
	'postcode',
	'city',
	'birthDate',
	'birth_date',
	'payerName',
	'payer_name',
	'iban',
	'payerIban',
	'account',
	'mandateAccount',
	'remittance',
	'description',
	'words',
	'to_address',
	'toAddress'
]);

/** A short machine word (an enum such as `paid` or `journey_end`) is no personal data, unless it is one of theirs. */
const TOKEN = /^[a-z][a-z0-9_]{0,39}$/;

/** The debtor's own strings to look for (name and its parts, e-mail, phone, postcode, street, city), lower-cased. */
export function personalStrings(d: {
	name: string | null;
	email: string | null;
	phone: string | null;
	postcode: string | null;
	street: string | null;
	city: string | null;
	birthDate?: string | null;
}): string[] {
	const out = new Set<string>();
	const add = (v: string | null | undefined) => {
		const s = v?.trim().toLowerCase();
		if (s && s.length >= 3) out.add(s);
	};
	add(d.name);
	for (const part of (d.name ?? '').split(/\s+/)) add(part);
	add(d.email);
	add(d.email?.split('@')[0]);
	add(d.phone);
	add(d.phone?.replace(/^\+31/, '0'));
	add(d.postcode);
	if (d.postcode && /^\d{4}[A-Z]{2}$/.test(d.postcode)) add(`${d.postcode.slice(0, 4)} ${d.postcode.slice(4)}`);
	add(d.street);
	add(d.city);
	add(d.birthDate);
	// Short words that are part of many texts ("van", "de") would erase everything: name parts of three letters stay
	// only when they are the whole name.
	return [...out].filter((s) => s.length > 3 || s === d.name?.trim().toLowerCase());
}

/** Whether a text mentions any of the debtor's strings. */
export function mentions(text: string, personal: string[]): boolean {
	const lower = text.toLowerCase();
	return personal.some((p) => lower.includes(p));
}

/** A free text the person may be named in: kept when it names none of them, else replaced as a whole. */
export function scrubText(text: string, personal: string[]): string {
	return mentions(text, personal) ? ERASED : text;
}

/**
 * A JSON value without what names a person: values under personal keys go (machine words that name none of the
 * debtor's strings stay, such as a reason `paid`), other strings that mention the debtor go, and numbers, booleans,
 * ids, dates and the shape stay — so amounts and counts still add up.
 */
export function redact(value: unknown, personal: string[], underPersonalKey = false): unknown {
	if (value === null || typeof value === 'number' || typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		if (mentions(value, personal)) return ERASED;
		if (underPersonalKey && !TOKEN.test(value)) return ERASED;
		return value;
	}
	if (Array.isArray(value)) return value.map((v) => redact(v, personal, underPersonalKey));
	if (typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redact(v, personal, underPersonalKey || PERSONAL_KEYS.has(k))])
		);
	}
	return value;
}

/** Whether redaction changes a value (so an unchanged row is not rewritten). */
export const changes = (value: unknown, personal: string[]) => JSON.stringify(redact(value, personal)) !== JSON.stringify(value);

/** The first day a settled debtor's personal data may go: `months` after the last settlement. */
export function dueAfter(settledAt: Date, months: number): Date {
	const d = new Date(settledAt);
	d.setUTCMonth(d.getUTCMonth() + months);
	return d;
}

/** Why an erasure on request is refused: something is still open, disputed, or with an agency. */
export type EraseRefusal = 'open_claims' | 'open_messages' | 'live_plan' | 'open_promise' | 'handover' | 'already_erased';

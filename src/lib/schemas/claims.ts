// Claims in: the fields a debtor and a claim are made of, shared by the CSV import and the REST API.
// Messages are problem codes (see server/claims/problems.ts); the console turns them into copy.
import { z } from 'zod';
import { normalisePostcode, postcodeFits } from '../domain/address';
import { minorDigits } from '../domain/money';
import { checkPhone } from '../domain/phone';
import { parseDay } from '../domain/schedule';
import { normaliseTags, tagsProblem } from '../domain/segments';
import { LOCALES } from './locale';

/**
 * A written amount to integer cents. Accepts "1234.56", "1234,56", "1.234,56", "1,234.56", "1 234,56" and
 * whole amounts. With one kind of separator followed by exactly three digits ("1.234") it cannot know whether
 * that is a thousand or one-point-two: rather than guess with someone's money, it refuses ('amount_ambiguous').
 */
export function parseAmount(
	text: string,
	currency = 'EUR'
): { cents: number } | { problem: 'amount' | 'amount_ambiguous' | 'amount_positive' } {
	const digits = minorDigits(currency) ?? 2;
	const s = text
		.trim()
		.replace(/^(€|EUR)\s*/i, '')
		.replace(/[\s\u00a0']/g, '');
	if (!/^-?[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return { problem: 'amount' };
	if (s.startsWith('-')) return { problem: 'amount_positive' };
	const lastDot = s.lastIndexOf('.');
	const lastComma = s.lastIndexOf(',');
	let whole: string;
	let fraction = '';
	if (lastDot >= 0 && lastComma >= 0) {
		const decimal = lastDot > lastComma ? '.' : ',';
		const group = decimal === '.' ? ',' : '.';
		const at = s.lastIndexOf(decimal);
		const groups = s.slice(0, at).split(group);
		fraction = s.slice(at + 1);
		if (s.slice(0, at).includes(decimal) || !/^\d{1,3}$/.test(groups[0]) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))
			return { problem: 'amount' };
		whole = groups.join('');
	} else if (lastDot >= 0 || lastComma >= 0) {
		const sep = lastDot >= 0 ? '.' : ',';
		const parts = s.split(sep);
		if (parts.length === 2 && parts[1].length !== 3) {
			[whole, fraction] = parts;
		} else if (parts.every((p, i) => (i === 0 ? /^\d{1,3}$/.test(p) : p.length === 3))) {
			// "1.234.567" is unambiguous thousands; "1.234" alone is not.
			if (parts.length === 2) return { problem: 'amount_ambiguous' };
			whole = parts.join('');
		} else return { problem: 'amount' };
	} else whole = s;
	if (!/^\d+$/.test(whole) || !/^\d*$/.test(fraction) || fraction.length > digits) return { problem: 'amount' };
	const cents = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
	if (!Number.isSafeInteger(cents) || cents > 1e13) return { problem: 'amount' };
	if (cents <= 0) return { problem: 'amount_positive' };
	return { cents };
}

const text = (max: number) => z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(max, { error: 'too_long' });
const optional = (schema: z.ZodType<string>) =>
	z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
const day = z.string({ error: 'date' }).transform((v, ctx) => {
	const parsed = parseDay(v);
	if (!parsed) ctx.addIssue({ code: 'custom', message: 'date' });
	return parsed ?? '';
});

const CHANNEL_WORDS: Record<string, 'email' | 'sms' | 'letter'> = {
	email: 'email',
	'e-mail': 'email',
	sms: 'sms',
	letter: 'letter',
	brief: 'letter',
	post: 'letter'
};

/** A preferred channel needs its address: SMS a phone number, e-mail an address, a letter a postal address. */
export function channelProblem(d: { preferred_channel?: string; phone?: string; email?: string; street?: string }): string | null {
	if (d.preferred_channel === 'sms' && !d.phone) return 'channel_needs_phone';
	if (d.preferred_channel === 'email' && !d.email) return 'channel_needs_email';
	if (d.preferred_channel === 'letter' && !d.street) return 'channel_needs_address';
	return null;
}

type AddressCells = { street?: string; postcode?: string; city?: string; country: string };

/**
 * A postal address is all or nothing: street and house number, postcode and city together (a postcode alone is
 * kept for the privacy check). The postcode must fit the country — a Dutch one is 1234 AB.
 */
export function addressProblems(d: AddressCells): { field: string; code: string }[] {
	const problems: { field: string; code: string }[] = [];
	if (d.street || d.city) {
		for (const field of ['street', 'postcode', 'city'] as const) if (!d[field]) problems.push({ field, code: 'address_incomplete' });
	}
	if (d.postcode && !postcodeFits(d.country, d.postcode))
		problems.push({ field: 'postcode', code: d.country === 'NL' ? 'postcode_nl' : 'postcode' });
	return problems;
}

const COUNTRY_WORDS: Record<string, string> = { NEDERLAND: 'NL', NETHERLANDS: 'NL', BELGIE: 'BE', BELGIË: 'BE', DUITSLAND: 'DE' };

export const customerRef = text(64).regex(/^[\p{L}\p{N}._\-/#: ]+$/u, { error: 'reference_chars' });
export const claimReference = customerRef;

export const debtorFields = z.object({
	customer_ref: customerRef,
	name: text(200),
	email: optional(
		z
			.string()
			.trim()
			.max(254, { error: 'email' })
			.pipe(z.email({ error: 'email' }))
	),
	// Stored as E.164; a number that cannot receive a text message (a landline) is refused.
	phone: optional(
		z
			.string()
			.trim()
			.max(32, { error: 'phone' })
			.transform((v, ctx) => {
				const checked = checkPhone(v);
				if ('problem' in checked) {
					ctx.addIssue({ code: 'custom', message: checked.problem });
					return z.NEVER;
				}
				return checked.e164;
			})
	),
	/** How the debtor wants to be reached: email, sms or letter (Dutch: e-mail, sms, brief). */
	preferred_channel: optional(
		z
			.string()
			.trim()
			.toLowerCase()
			.transform((v, ctx) => {
				const channel = CHANNEL_WORDS[v];
				if (!channel) {
					ctx.addIssue({ code: 'custom', message: 'channel' });
					return z.NEVER;
				}
				return channel;
			})
	),
	postcode: optional(
		z
			.string()
			.trim()
			.transform(normalisePostcode)
			.pipe(z.string().regex(/^[A-Z0-9-]{3,10}$/, { error: 'postcode' }))
	),
	/** Street and house number, one line ("Kerkstraat 12a"). */
	street: optional(text(120)),
	city: optional(text(80)),
	/** ISO 3166-1 alpha-2 (NL, BE, DE, …), or its Dutch or English name for the three nearest; NL when left out. */
	country: z.preprocess(
		(v) => {
			if (typeof v !== 'string' || v.trim() === '') return undefined;
			const word = v.trim().toUpperCase();
			return COUNTRY_WORDS[word] ?? word;
		},
		z
			.string()
			.regex(/^[A-Z]{2}$/, { error: 'country' })
			.default('NL')
	),
	birth_date: optional(day),
	/** A few lowercase slugs segment rules can look at ("business, vip" in a CSV cell; a list in the API). */
	tags: z.preprocess(
		(v) => (typeof v === 'string' || Array.isArray(v) ? (v.length ? normaliseTags(v as string | string[]) : undefined) : v),
		z
			.array(z.string({ error: 'tags' }))
			.refine((t) => tagsProblem(t) === null, { error: 'tags' })
			.optional()
	),
	// Absent: the merchant's default language, and the debtor's browser may tell better on their page.
	locale: z.preprocess(
		(v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
		z.enum(LOCALES, { error: 'locale' }).optional()
	)
});

const currency = z.preprocess(
	(v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : v),
	z
		.string()
		.refine((c) => minorDigits(c) !== null, { error: 'currency' })
		.default('EUR')
);

const claimBase = {
	reference: claimReference,
	description: text(500),
	currency,
	issued_on: day,
	due_on: day
};

function dueAfterIssued(c: { issued_on: string; due_on: string }, ctx: z.RefinementCtx) {
	if (c.issued_on && c.due_on && c.due_on < c.issued_on) ctx.addIssue({ code: 'custom', message: 'due_before_issued', path: ['due_on'] });
}

/** A claim as the API takes it: the amount in the currency's minor unit (cents), as an integer. */
export const apiClaim = z
	.object({
		...claimBase,
		amount_cents: z
			.number({ error: 'amount' })
			.int({ error: 'amount' })
			.positive({ error: 'amount_positive' })
			.max(1e13, { error: 'amount' })
	})
	.superRefine(dueAfterIssued);

/** POST /api/v1/claims: one debtor (found by customer_ref, or created) and one or more of their claims. */
export const apiClaimsRequest = z
	.object({
		debtor: debtorFields,
		claims: z.array(apiClaim, { error: 'required' }).min(1, { error: 'required' }).max(100, { error: 'too_many' })
	})
	.superRefine((r, ctx) => {
		const problem = channelProblem(r.debtor);
		if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['debtor', 'preferred_channel'] });
		for (const p of addressProblems(r.debtor)) ctx.addIssue({ code: 'custom', message: p.code, path: ['debtor', p.field] });
	});
export type ApiClaimsRequest = z.infer<typeof apiClaimsRequest>;

const csvFields = debtorFields.extend({ ...claimBase, amount: z.string({ error: 'required' }).trim().min(1, { error: 'required' }) });
export type ClaimRow = Omit<z.infer<typeof csvFields>, 'amount'> & { amount_cents: number };

/**
 * One CSV row (every cell is text, the amount written as people write it), with every problem at once: the
 * amount and the order of the dates are checked even when other cells are wrong, so one upload shows them all.
 */
export function checkCsvRow(raw: Record<string, string | undefined>): { row: ClaimRow } | { problems: { field: string; code: string }[] } {
	const parsed = csvFields.safeParse(raw);
	const problems = parsed.success ? [] : parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? ''), code: i.message }));
	const bad = new Set(problems.map((p) => p.field));
	let cents = 0;
	if (!bad.has('amount')) {
		const currency = (raw.currency ?? '').trim().toUpperCase() || 'EUR';
		const amount = parseAmount(raw.amount ?? '', bad.has('currency') ? 'EUR' : currency);
		if ('problem' in amount) problems.push({ field: 'amount', code: amount.problem });
		else cents = amount.cents;
	}
	const issued = parseDay(raw.issued_on ?? '');
	const due = parseDay(raw.due_on ?? '');
	if (issued && due && due < issued) problems.push({ field: 'due_on', code: 'due_before_issued' });
	const channel = parsed.success ? channelProblem(parsed.data) : null;
	if (channel) problems.push({ field: 'preferred_channel', code: channel });
	if (parsed.success) problems.push(...addressProblems(parsed.data));
	if (problems.length || !parsed.success) return { problems };
	const { amount: _written, ...rest } = parsed.data;
	return { row: { ...rest, amount_cents: cents } };
}

export { CSV_COLUMNS, REQUIRED_COLUMNS, type CsvColumn } from './csv-columns';

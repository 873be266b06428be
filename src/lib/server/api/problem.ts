// Errors of the REST API as problem documents (RFC 9457), served as application/problem+json.
import type { z } from 'zod';
import { LOCALES } from '../../schemas/locale';

export const PROBLEMS = {
	unauthorized: { status: 401, title: 'Missing or invalid API key' },
	not_found: { status: 404, title: 'Not found' },
	validation: { status: 400, title: 'The request is not valid' },
	bad_json: { status: 400, title: 'The body is not JSON' },
	unsupported_media_type: { status: 415, title: 'Send JSON' },
	too_large: { status: 413, title: 'The body is too large' },
	reference_taken: { status: 409, title: 'A claim with this reference already exists with other details' },
	idempotency_key_reused: { status: 422, title: 'This Idempotency-Key was used for a different request' },
	bad_idempotency_key: { status: 400, title: 'The Idempotency-Key header is not valid' },
	rate_limited: { status: 429, title: 'Too many requests for this API key' },
	not_open: { status: 409, title: 'The claim is not open' },
	has_plan: { status: 409, title: 'The debtor has a running payment plan' }
} as const;
export type ProblemType = keyof typeof PROBLEMS;

export type InvalidParam = { name: string; pointer: string; reason: string };
export type Problem = {
	type: string;
	title: string;
	status: number;
	detail: string;
	instance?: string;
	invalid_params?: InvalidParam[];
	/** With rate_limited: the same seconds as the Retry-After header. */
	retry_after?: number;
};

/** Reasons for the validation codes of the shared schemas, in the API's language (English). */
const REASONS: Record<string, string> = {
	required: 'is required',
	too_long: 'is too long',
	too_many: 'has too many items (at most 100)',
	tags: 'must be at most 8 labels of lowercase letters, digits and dashes (such as business or vip)',
	reference_chars: 'may hold letters, digits, spaces and . _ - / # : only',
	email: 'is not an e-mail address',
	phone: 'is not a phone number',
	phone_not_mobile: 'is not a mobile number (text messages need one)',
	channel: 'must be email, sms or letter',
	channel_needs_phone: 'is sms, but the debtor has no phone number',
	channel_needs_email: 'is email, but the debtor has no e-mail address',
	channel_needs_address: 'is letter, but the debtor has no postal address (street, postcode, city)',
	postcode: 'is not a postcode',
	postcode_nl: 'is not a Dutch postcode (1234 AB)',
	address_incomplete: 'is needed: a postal address has street, postcode and city together',
	country: 'is not an ISO 3166-1 alpha-2 country code',
	date: 'is not a date (YYYY-MM-DD)',
	locale: `must be one of ${LOCALES.join(', ')}`,
	currency: 'is not an ISO 4217 currency code',
	amount: 'must be a whole number of minor units (cents), at most 10^13',
	amount_positive: 'must be more than zero',
	due_before_issued: 'is before issued_on'
};

/** The reason for a shared validation code, in words. */
export const reasonOf = (code: string) => REASONS[code] ?? code;

export function problemType(type: ProblemType, origin: string) {
	return `${origin}/api/v1/problems/${type}`;
}

export class ProblemError extends Error {
	constructor(
		readonly type: ProblemType,
		readonly detail: string,
		readonly extra: Partial<Problem> = {},
		readonly headers: Record<string, string> = {}
	) {
		super(detail);
	}
}

export function problemBody(origin: string, type: ProblemType, detail: string, extra: Partial<Problem> = {}): Problem {
	const { status, title } = PROBLEMS[type];
	return { type: problemType(type, origin), title, status, detail, ...extra };
}

export function problemResponse(body: Problem, headers: Record<string, string> = {}) {
	return new Response(JSON.stringify(body), {
		status: body.status,
		headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers }
	});
}

/** One entry per invalid field (its first problem), with its path as a name and as a JSON Pointer into the body. */
export function invalidParams(error: z.ZodError): InvalidParam[] {
	const seen = new Set<string>();
	return error.issues.flatMap((i) => {
		const path = i.path.map(String);
		const code = i.code === 'invalid_type' && i.message !== 'required' && i.input === undefined ? 'required' : i.message;
		const pointer = '/' + path.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
		if (seen.has(pointer)) return [];
		seen.add(pointer);
		return [{ name: path.join('.') || '(body)', pointer, reason: REASONS[code] ?? i.message }];
	});
}

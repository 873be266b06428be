// What the sign-up form accepts. Messages are message keys (messages/tenants); every problem is tied to its field.
import { z } from 'zod';
import { PASSWORD_MIN } from '../accounts/forms';

const text = (max: number, error: string) => z.string().trim().min(1, { error }).max(max, { error });

/** Passwords people pick first, and that lists of leaked ones start with; refused however long they are. */
const COMMON = new Set([
	'1234567890',
	'12345678910',
	'0123456789',
	'qwertyuiop',
	'password123',
	'password1234',
	'wachtwoord1',
	'wachtwoord123',
	'welkom12345',
	'welkom123!',
	'iloveyou123',
	'abcdefghij',
	'azertyuiop'
]);

/** A weak password, as a message key: too short, one character over and over, a common one, or the e-mail address. */
export function passwordProblem(password: string, email: string): string | null {
	if (password.length < PASSWORD_MIN) return 'tenants_error_password_short';
	if (password.length > 200) return 'tenants_error_password_long';
	const lower = password.toLowerCase();
	if (new Set(lower).size < 4 || COMMON.has(lower) || lower === email.toLowerCase() || lower === email.split('@')[0].toLowerCase()) {
		return 'tenants_error_password_weak';
	}
	return null;
}

export const signUpForm = z.object({
	company: text(100, 'tenants_error_company'),
	name: text(100, 'tenants_error_name'),
	email: z
		.string()
		.trim()
		.toLowerCase()
		.pipe(z.email({ error: 'tenants_error_email' }).max(254, { error: 'tenants_error_email' })),
	password: z.string().min(PASSWORD_MIN, { error: 'tenants_error_password_short' }).max(200, { error: 'tenants_error_password_long' }),
	legalName: text(200, 'tenants_error_legal_name'),
	address: text(300, 'tenants_error_address'),
	kvk: z
		.string()
		.transform((v) => v.replace(/[\s.]/g, ''))
		.pipe(z.string().regex(/^\d{8}$/, { error: 'tenants_error_kvk' })),
	// SEPA allows 70 characters for the creditor's name on the debtor's statement.
	sepaCreditorName: text(70, 'tenants_error_sepa_name'),
	invite: z.string().max(100).optional()
});

export type SignUpInput = z.infer<typeof signUpForm>;
export type FieldErrors = Partial<Record<keyof SignUpInput | 'form', string>>;

/** Every field's first problem, so each message sits next to its field. */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const errors: FieldErrors = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form') as keyof FieldErrors;
		errors[field] ??= issue.message;
	}
	return errors;
}

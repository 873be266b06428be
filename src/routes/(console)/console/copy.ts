// Message keys that server code hands to console pages (form problems), turned into copy in the current locale.
import { m } from '$lib/paraglide/messages';

const problems = {
	console_signin_wrong: m.console_signin_wrong,
	console_error_email: m.console_error_email,
	console_error_password_missing: m.console_error_password_missing,
	console_error_password_short: m.console_error_password_short,
	console_error_password_long: m.console_error_password_long,
	console_error_password_mismatch: m.console_error_password_mismatch,
	console_error_name: m.console_error_name,
	console_error_generic: m.console_error_generic,
	console_invite_email_taken: m.console_invite_email_taken
} as const;

export function problem(key: string | undefined, minutes?: number): string | undefined {
	if (!key) return undefined;
	if (key === 'console_signin_throttled') return m.console_signin_throttled({ minutes: minutes ?? 15 });
	return (problems[key as keyof typeof problems] ?? m.console_error_generic)();
}

// Message keys that server code hands to console pages (form problems), turned into copy in the current locale;
// a key not listed here reads as the generic error.
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
	console_invite_email_taken: m.console_invite_email_taken,
	api_error_name: m.api_error_name,
	api_error_not_found: m.api_error_not_found,
	settings_error_display_name: m.settings_error_display_name,
	settings_error_colour: m.settings_error_colour,
	settings_error_brand_contrast: m.settings_error_brand_contrast,
	settings_error_accent_contrast: m.settings_error_accent_contrast,
	settings_error_email: m.settings_error_email,
	settings_error_phone: m.settings_error_phone,
	settings_error_hours: m.settings_error_hours,
	settings_error_website: m.settings_error_website,
	settings_error_sender_name: m.settings_error_sender_name,
	settings_error_tone: m.settings_error_tone,
	settings_error_privacy: m.settings_error_privacy,
	settings_error_retention: m.settings_error_retention,
	settings_error_logo_missing: m.settings_error_logo_missing,
	settings_error_logo_size: m.settings_error_logo_size,
	settings_error_logo_type: m.settings_error_logo_type,
	settings_error_logo_svg: m.settings_error_logo_svg
} as const;

export function problem(key: string | undefined, minutes?: number): string | undefined {
	if (!key) return undefined;
	if (key === 'console_signin_throttled') return m.console_signin_throttled({ minutes: minutes ?? 15 });
	return (problems[key as keyof typeof problems] ?? m.console_error_generic)();
}

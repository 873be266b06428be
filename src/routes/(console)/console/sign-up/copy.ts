// Message keys from the tenants forms, turned into copy in the current locale; an unknown key reads as the generic error.
import { m } from '$lib/paraglide/messages';

const messages: Record<string, () => string> = {
	tenants_error_company: m.tenants_error_company,
	tenants_error_name: m.tenants_error_name,
	tenants_error_email: m.tenants_error_email,
	tenants_error_email_taken: m.tenants_error_email_taken,
	tenants_error_password_short: m.tenants_error_password_short,
	tenants_error_password_long: m.tenants_error_password_long,
	tenants_error_password_weak: m.tenants_error_password_weak,
	tenants_error_legal_name: m.tenants_error_legal_name,
	tenants_error_address: m.tenants_error_address,
	tenants_error_kvk: m.tenants_error_kvk,
	tenants_error_sepa_name: m.tenants_error_sepa_name,
	tenants_error_key_format: m.tenants_error_key_format,
	tenants_error_key_refused: m.tenants_error_key_refused,
	tenants_error_mollie_unavailable: m.tenants_error_mollie_unavailable,
	tenants_error_oauth_denied: m.tenants_error_oauth_denied,
	tenants_error_oauth_refused: m.tenants_error_oauth_refused,
	tenants_error_oauth_state: m.tenants_error_oauth_state,
	tenants_error_profile: m.tenants_error_profile
};

export const tenantsProblem = (key: string | undefined) => (key ? (messages[key] ?? m.tenants_error_generic)() : undefined);

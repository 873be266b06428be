// The debtor's language choice, kept in the cookie paraglide's cookie strategy reads.
import type { Cookies } from '@sveltejs/kit';

export function rememberLocale(cookies: Cookies, locale: string, url: URL) {
	cookies.set('PARAGLIDE_LOCALE', locale, {
		path: '/',
		maxAge: 60 * 60 * 24 * 365,
		sameSite: 'lax',
		httpOnly: false,
		secure: url.protocol === 'https:'
	});
}

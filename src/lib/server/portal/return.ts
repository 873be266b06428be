// After paying, the bank may send the debtor back in the same browser: a short-lived cookie lets the result
// page offer "back to your overview" without ever putting the personal token in a URL that Mollie sees.
import type { Cookies } from '@sveltejs/kit';
import { looksLikeToken } from '../links/token';

const COOKIE = 'coulant_overview';

export function rememberOverview(cookies: Cookies, token: string, url: URL) {
	cookies.set(COOKIE, token, { path: '/p', maxAge: 60 * 60, httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}

export function overviewPath(cookies: Cookies): string | null {
	const token = cookies.get(COOKIE);
	return token && looksLikeToken(token) ? `/d/${token}` : null;
}

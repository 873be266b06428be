// "Remind me on this phone" follows something the debtor did, never their arrival: the action that made a promise or
// a plan leaves a short-lived cookie, and the overview it leads to offers push once and takes the cookie away. (A
// flag in the URL would survive a reload and a shared link; the cookie does neither.)
import type { Cookies } from '@sveltejs/kit';

const COOKIE = 'coulant_push_offer';

export function offerPushNext(cookies: Cookies, token: string, url: URL) {
	// Long enough for a direct debit's first payment at the bank, after which the debtor comes back to the overview.
	cookies.set(COOKIE, '1', { path: `/d/${token}`, maxAge: 30 * 60, httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' });
}

/** Whether this page view should offer push; the offer is made once. */
export function takePushOffer(cookies: Cookies, token: string): boolean {
	if (cookies.get(COOKIE) !== '1') return false;
	cookies.delete(COOKIE, { path: `/d/${token}` });
	return true;
}

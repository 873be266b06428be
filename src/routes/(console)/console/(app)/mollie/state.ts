// The OAuth `state` of a connection under way: random, in an HttpOnly cookie for the callback, bound to the merchant.
import type { Cookies } from '@sveltejs/kit';
import { randomBytes, timingSafeEqual } from 'node:crypto';

const COOKIE = 'coulant_mollie_state';
const path = '/console/mollie';

export function newState(cookies: Cookies, merchantId: string, secure: boolean): string {
	const state = randomBytes(24).toString('base64url');
	cookies.set(COOKIE, `${state}.${merchantId}`, { path, httpOnly: true, sameSite: 'lax', secure, maxAge: 15 * 60 });
	return state;
}

/** True once: the cookie is removed whatever the answer. */
export function takeState(cookies: Cookies, state: string | null, merchantId: string): boolean {
	const kept = cookies.get(COOKIE);
	cookies.delete(COOKIE, { path });
	if (!kept || !state) return false;
	const expected = Buffer.from(`${state}.${merchantId}`);
	const actual = Buffer.from(kept);
	return expected.length === actual.length && timingSafeEqual(expected, actual);
}

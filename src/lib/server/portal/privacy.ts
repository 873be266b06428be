// The privacy check: a merchant may require the debtor to confirm their postcode or date of birth before any detail is shown.
// A right answer gives a short-lived cookie bound to that link: an expiry signed with HMAC keyed by the link's id,
// a random UUID that never leaves the server, so a forwarded link alone (the token) cannot forge one.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { redirect, type Cookies } from '@sveltejs/kit';
import type { Brand } from '../../domain/brand';
import type { Tone } from '../../domain/tone';
import type { Db } from '../db/client';
import * as linkService from '../links/service';
import * as portal from './queries';
import { toBrand } from '../merchants/brand';
import * as throttle from '../throttle';
import * as timeline from '../timeline/queries';

export type Check = 'postcode' | 'birthdate';
export const CONFIRMED_FOR_SECONDS = 30 * 60;
/** Wrong answers per link, and per client over all links, before the form is closed for a while. */
export const PER_LINK: throttle.Limit = { scope: 'privacy-link', limit: 5, windowSeconds: 15 * 60 };
export const PER_CLIENT: throttle.Limit = { scope: 'privacy-client', limit: 10, windowSeconds: 15 * 60 };
const COOKIE = 'coulant_confirmed';

async function find(db: Db, token: string, now: Date) {
	const key = linkService.lookupKey(token);
	if (!key) return null;
	const row = await portal.byTokenHash(db, key);
	return row && linkService.isActive(row.link, token, now) ? row : null;
}

const pathOf = (token: string) => `/d/${token}`;
const sign = (linkId: string, check: string, expires: number) =>
	createHmac('sha256', `coulant-privacy:${linkId}`).update(`${check}:${expires}`).digest('base64url');

function hasValidCookie(cookies: Cookies, linkId: string, check: string, now: Date): boolean {
	const [expires, mac] = (cookies.get(COOKIE) ?? '').split('.');
	const until = Number(expires);
	if (!mac || !Number.isSafeInteger(until) || until * 1000 <= now.getTime()) return false;
	return same(mac, sign(linkId, check, until));
}

function same(a: string, b: string) {
	const [x, y] = [a, b].map((s) => createHash('sha256').update(s).digest());
	return timingSafeEqual(x, y);
}

/** Whether a page behind this link may show details: the merchant asks no check, or the cookie says it was passed. */
export function passes(check: Check | 'none', linkId: string, cookies: Cookies, now: Date): boolean {
	return check === 'none' || hasValidCookie(cookies, linkId, check, now);
}

export type Gate =
	| { state: 'invalid' }
	| { state: 'open' }
	| { state: 'locked'; check: Check; brand: Brand; tone: Tone };

/** Whether the page behind this link may show details now. */
export async function gate(db: Db, token: string, cookies: Cookies, now = new Date()): Promise<Gate> {
	const row = await find(db, token, now);
	if (!row) return { state: 'invalid' };
	const { check } = row.merchant;
	if (check === 'none' || hasValidCookie(cookies, row.link.id, check, now)) return { state: 'open' };
	return { state: 'locked', check, brand: toBrand(row.merchant), tone: row.merchant.tone };
}

/**
 * For the debtor page's loads and actions: sends a debtor who has not confirmed yet to the check.
 * Invalid links pass through, so the caller answers them as it always does.
 */
export async function guard(db: Db, token: string, cookies: Cookies) {
	if ((await gate(db, token, cookies)).state === 'locked') redirect(303, `${pathOf(token)}/confirm`);
}

const normalisePostcode = (v: string) => v.toUpperCase().replace(/[\s-]/g, '');

/** A date typed as 2026-01-31, 31-01-2026 or 31/1/2026, as an ISO day; null when it is not one. */
export function isoDay(input: string): string | null {
	const s = input.trim();
	let y: number, mo: number, d: number;
	let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
	if (m) [y, mo, d] = [+m[1], +m[2], +m[3]];
	else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) [y, mo, d] = [+m[3], +m[2], +m[1]];
	else return null;
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
	return date.toISOString().slice(0, 10);
}

function matches(check: Check, answer: string, debtor: { postcode: string | null; birthDate: string | null }) {
	const expected = check === 'postcode' ? debtor.postcode && normalisePostcode(debtor.postcode) : debtor.birthDate;
	const given = check === 'postcode' ? normalisePostcode(answer) : isoDay(answer);
	// Without a stored value nothing can match: the page points to the merchant instead.
	return !!expected && !!given && same(given, expected);
}

export type Outcome = 'confirmed' | 'wrong' | 'throttled' | 'invalid' | 'not_required';

/** Checks an answer, rate-limited per link and per client; both outcomes go on the timeline, without the answer. */
export async function confirm(
	db: Db,
	token: string,
	answer: string,
	who: { client: string; cookies: Cookies; secure: boolean },
	now = new Date()
): Promise<{ outcome: Outcome; retryAfterMinutes?: number }> {
	const row = await find(db, token, now);
	if (!row) return { outcome: 'invalid' };
	const check = row.merchant.check;
	if (check === 'none') return { outcome: 'not_required' };
	const blocked = (await throttle.isBlocked(db, PER_LINK, row.link.id, now)) ?? (await throttle.isBlocked(db, PER_CLIENT, who.client, now));
	if (blocked) return { outcome: 'throttled', retryAfterMinutes: Math.max(1, Math.ceil(blocked.retryAfterSeconds / 60)) };
	const event = { merchantId: row.merchant.id, debtorId: row.debtor.id, actor: 'debtor', occurredAt: now };
	if (!matches(check, answer.slice(0, 40), row.debtor)) {
		await throttle.recordHit(db, PER_LINK, row.link.id, now);
		await throttle.recordHit(db, PER_CLIENT, who.client, now);
		await timeline.append(db, { ...event, type: 'privacy.failed', payload: { linkId: row.link.id, check } });
		return { outcome: 'wrong' };
	}
	const expires = Math.floor(now.getTime() / 1000) + CONFIRMED_FOR_SECONDS;
	who.cookies.set(COOKIE, `${expires}.${sign(row.link.id, check, expires)}`, {
		path: pathOf(token),
		maxAge: CONFIRMED_FOR_SECONDS,
		httpOnly: true,
		sameSite: 'lax',
		secure: who.secure
	});
	await timeline.append(db, { ...event, type: 'privacy.confirmed', payload: { linkId: row.link.id, check } });
	return { outcome: 'confirmed' };
}

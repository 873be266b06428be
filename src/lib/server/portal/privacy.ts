// The privacy check: a merchant may require the debtor to confirm their postcode or date of birth before any detail is shown.
// A right answer gives a short-lived cookie bound to that link: an expiry signed with HMAC keyed by the link's id,
// a random UUID that never leaves the server, so a forwarded link alone (the token) cannot forge one.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { redirect, type Cookies } from '@sveltejs/kit';
import type { Brand } from '../../domain/brand';
import { parseDay } from '../../domain/schedule';
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

/** The link behind a token, with its debtor and merchant; null when it is unknown, revoked or expired. */
export async function find(db: Db, token: string, now: Date) {
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

export type Gate = { state: 'invalid' } | { state: 'open' } | { state: 'locked'; check: Check; brand: Brand; tone: Tone };

/** Whether the page behind this link may show details now. */
export async function gate(db: Db, token: string, cookies: Cookies, now = new Date()): Promise<Gate> {
	const row = await find(db, token, now);
	if (!row) return { state: 'invalid' };
	const { check } = row.merchant;
	if (passes(check, row.link.id, cookies, now)) return { state: 'open' };
	// `passes` lets everyone through when the merchant asks no check: here one is asked.
	return { state: 'locked', check: check as Check, brand: toBrand(row.merchant), tone: row.merchant.tone };
}

/**
 * For the debtor page's actions: the link behind the token, as `find` gives it, once the privacy check is
 * passed; a debtor who has not confirmed yet is sent to the check. Null for an invalid link, so the caller
 * answers it as it always does.
 */
export async function guard(db: Db, token: string, cookies: Cookies, now = new Date()) {
	const row = await find(db, token, now);
	if (row && !passes(row.merchant.check, row.link.id, cookies, now)) redirect(303, `${pathOf(token)}/confirm`);
	return row;
}

const normalisePostcode = (v: string) => v.toUpperCase().replace(/[\s-]/g, '');

function matches(check: Check, answer: string, debtor: { postcode: string | null; birthDate: string | null }) {
	const expected = check === 'postcode' ? debtor.postcode && normalisePostcode(debtor.postcode) : debtor.birthDate;
	const given = check === 'postcode' ? normalisePostcode(answer) : parseDay(answer);
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
	// Counted before the answer is compared, per link and per client; a right answer gives its count back.
	const perLink = await throttle.take(db, PER_LINK, row.link.id, now);
	const perClient = perLink.allowed ? await throttle.take(db, PER_CLIENT, who.client, now) : perLink;
	if (!perClient.allowed) {
		await throttle.giveBack(db, perLink);
		const wait = perLink.allowed ? perClient.retryAfterSeconds : perLink.retryAfterSeconds;
		return { outcome: 'throttled', retryAfterMinutes: Math.max(1, Math.ceil(wait / 60)) };
	}
	const event = { merchantId: row.merchant.id, debtorId: row.debtor.id, actor: 'debtor', occurredAt: now };
	if (!matches(check, answer.slice(0, 40), row.debtor)) {
		await timeline.append(db, { ...event, type: 'privacy.failed', payload: { linkId: row.link.id, check } });
		return { outcome: 'wrong' };
	}
	await throttle.giveBack(db, perLink);
	await throttle.giveBack(db, perClient);
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

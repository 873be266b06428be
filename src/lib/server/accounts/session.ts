// Console sessions, as Lucia's guide builds them: a random token in the cookie, only its SHA-256 in the database.
import type { Cookies } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from '../db/client';
import * as accounts from './queries';

export const SESSION_COOKIE = 'coulant_session';
/** A session ends after this much inactivity … */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** … and is extended by a full period when less than this is left (sliding expiry, one write per half period). */
export const SESSION_RENEW_BEFORE_MS = SESSION_TTL_MS / 2;

const TOKEN_BYTES = 20;

export type SessionUser = accounts.SessionUser;
export type Session = { id: string; userId: string; expiresAt: Date };
export type Validated = { session: Session; user: SessionUser; renewed: boolean } | null;

export function generateSessionToken(): string {
	const bytes = new Uint8Array(TOKEN_BYTES);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Db, token: string, userId: string, now = new Date()): Promise<Session> {
	const session = { id: sessionIdOf(token), userId, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) };
	await accounts.insertSession(db, session);
	return session;
}

export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<Validated> {
	// 20 bytes in base32 are 32 characters; anything else is not ours and never reaches the database.
	if (!/^[a-z2-7]{32}$/.test(token)) return null;
	const id = sessionIdOf(token);
	const row = await accounts.sessionWithUser(db, id);
	if (!row) return null;
	// The index found it by hash; compare the hashes once more in constant time, as the guide does.
	if (!constantTimeEqual(new TextEncoder().encode(row.session.id), new TextEncoder().encode(id))) return null;
	if (now.getTime() >= row.session.expiresAt.getTime()) {
		await accounts.deleteSession(db, id);
		return null;
	}
	let renewed = false;
	if (now.getTime() >= row.session.expiresAt.getTime() - SESSION_RENEW_BEFORE_MS) {
		row.session.expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
		await accounts.extendSession(db, id, row.session.expiresAt);
		renewed = true;
	}
	return { session: row.session, user: row.user, renewed };
}

export async function invalidateSession(db: Db, sessionId: string) {
	await accounts.deleteSession(db, sessionId);
}

/** "Sign out everywhere": every session of the user ends, on every device. */
export async function invalidateAllSessions(db: Db, userId: string) {
	await accounts.deleteSessionsOfUser(db, userId);
}

export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date, secure: boolean) {
	cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt });
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.set(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 0 });
}

// Issuing and resolving personal links. The raw token exists only in the URL we hand out.
import type { Db } from '../db/client';
import * as links from './queries';
import { hashToken, looksLikeToken, newToken, tokenMatches } from './token';

export type ActiveLink = { linkId: string; debtorId: string };

export async function issue(db: Db, debtorId: string, ttlDays: number, now = new Date()) {
	const token = newToken();
	const expiresAt = new Date(now.getTime() + ttlDays * 86_400_000);
	const { id } = await links.insert(db, { debtorId, tokenHash: hashToken(token), expiresAt });
	return { token, linkId: id, expiresAt };
}

/** An unknown, revoked or expired token all answer the same: null. */
export async function resolve(db: Db, token: string, now = new Date()): Promise<ActiveLink | null> {
	if (!looksLikeToken(token)) return null;
	const row = await links.byTokenHash(db, hashToken(token));
	if (!row || !tokenMatches(token, row.tokenHash)) return null;
	if (row.revokedAt || row.expiresAt <= now) return null;
	return { linkId: row.id, debtorId: row.debtorId };
}

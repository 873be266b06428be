// Issuing and checking personal links. The raw token exists only in the URL we hand out.
import type { Db } from '../db/client';
import * as links from './queries';
import { hashToken, looksLikeToken, newToken, tokenMatches } from './token';

export async function issue(db: Db, debtorId: string, ttlDays: number, now = new Date()) {
	const token = newToken();
	const expiresAt = new Date(now.getTime() + ttlDays * 86_400_000);
	const { id } = await links.insert(db, { debtorId, tokenHash: hashToken(token), expiresAt });
	return { token, linkId: id, expiresAt };
}

/** The hash to look a presented token up by, or null when it cannot be one of ours. */
export function lookupKey(token: string): string | null {
	return looksLikeToken(token) ? hashToken(token) : null;
}

type StoredLink = { tokenHash: string; expiresAt: Date; revokedAt: Date | null };

/** Unknown, revoked and expired links are all simply "not active": callers answer them the same way. */
export function isActive(link: StoredLink | undefined, token: string, now: Date): link is StoredLink {
	return !!link && tokenMatches(token, link.tokenHash) && !link.revokedAt && link.expiresAt > now;
}

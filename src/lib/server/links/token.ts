// Personal link tokens: 160 random bits in the URL, only their SHA-256 hash in the database.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_BYTES = 20;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{27}$/;

export function newToken(): string {
	return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Cheap shape check so that junk never reaches the database. */
export function looksLikeToken(candidate: string): boolean {
	return TOKEN_SHAPE.test(candidate);
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Compares a presented token with a stored hash without leaking where they differ. */
export function tokenMatches(token: string, storedHash: string): boolean {
	const presented = Buffer.from(hashToken(token), 'hex');
	const stored = Buffer.from(storedHash, 'hex');
	return presented.length === stored.length && timingSafeEqual(presented, stored);
}

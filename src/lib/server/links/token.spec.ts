import { describe, expect, it } from 'vitest';
import { hashToken, looksLikeToken, newToken, tokenMatches } from './token';

describe('link tokens', () => {
	it('carries at least 128 random bits', () => {
		const token = newToken();
		expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		expect(looksLikeToken(token)).toBe(true);
	});

	it('never repeats', () => {
		const tokens = new Set(Array.from({ length: 10_000 }, newToken));
		expect(tokens.size).toBe(10_000);
	});

	it('is stored as a hash that does not contain the token', () => {
		const token = newToken();
		const hash = hashToken(token);
		expect(hash).toMatch(/^[0-9a-f]{64}$/);
		expect(hash).not.toContain(token);
	});

	it('matches only its own hash', () => {
		const token = newToken();
		expect(tokenMatches(token, hashToken(token))).toBe(true);
		expect(tokenMatches(newToken(), hashToken(token))).toBe(false);
		expect(tokenMatches(token, 'abcd')).toBe(false);
	});

	it('rejects junk before any lookup', () => {
		expect(looksLikeToken('')).toBe(false);
		expect(looksLikeToken('../../etc/passwd')).toBe(false);
		expect(looksLikeToken('a'.repeat(200))).toBe(false);
		expect(looksLikeToken("abc'; drop table links;--xx")).toBe(false);
	});
});

import { describe, expect, it } from 'vitest';
import { SESSION_RENEW_BEFORE_MS, SESSION_TTL_MS, generateSessionToken, sessionIdOf } from './session';

describe('session tokens', () => {
	it('carry 160 random bits as lower-case base32 without padding', () => {
		const token = generateSessionToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(new Set(Array.from({ length: 5000 }, generateSessionToken)).size).toBe(5000);
	});

	it('are stored as a SHA-256 that does not contain them', () => {
		const token = generateSessionToken();
		const id = sessionIdOf(token);
		expect(id).toMatch(/^[0-9a-f]{64}$/);
		expect(id).not.toContain(token);
		expect(sessionIdOf(token)).toBe(id);
		// The well-known digest of "abc", so the hash is plain SHA-256 of the UTF-8 token.
		expect(sessionIdOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
	});

	it('are renewed only in the second half of their life', () => {
		expect(SESSION_RENEW_BEFORE_MS).toBeLessThan(SESSION_TTL_MS);
		expect(SESSION_TTL_MS).toBe(30 * 24 * 3600 * 1000);
	});
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hint, isSealed, keyring, needsReseal, open, parseKey, seal, VaultError } from './vault';

const key = () => randomBytes(32).toString('base64');

describe('vault', () => {
	it('seals so that only the same key and purpose open it, and the plaintext is nowhere in it', () => {
		const ring = keyring(key());
		const sealed = seal(ring, 'merchant_mollie.accessToken:m1', 'access_abcdefghijklmnop');
		expect(isSealed(sealed)).toBe(true);
		expect(sealed).not.toContain('abcdefghijklmnop');
		expect(open(ring, 'merchant_mollie.accessToken:m1', sealed)).toBe('access_abcdefghijklmnop');
		expect(() => open(ring, 'merchant_mollie.accessToken:m2', sealed)).toThrow(VaultError);
		expect(() => open(keyring(key()), 'merchant_mollie.accessToken:m1', sealed)).toThrow(/no longer lists/);
		expect(seal(ring, 'p', 'same')).not.toBe(seal(ring, 'p', 'same'));
	});

	it('rotates: the new key seals, the old one still opens, and what the old one sealed is marked for re-sealing', () => {
		const [oldKey, newKey] = [key(), key()];
		const before = seal(keyring(oldKey), 'p', 'secret');
		const rotated = keyring(`${newKey},${oldKey}`);
		expect(open(rotated, 'p', before)).toBe('secret');
		expect(needsReseal(rotated, before)).toBe(true);
		const after = seal(rotated, 'p', 'secret');
		expect(needsReseal(rotated, after)).toBe(false);
		expect(() => open(keyring(oldKey), 'p', after)).toThrow(VaultError);
	});

	it('refuses an altered value and a key of the wrong size', () => {
		const ring = keyring(key());
		const sealed = seal(ring, 'p', 'secret');
		const parts = sealed.split(':');
		parts[4] = Buffer.from('tampered').toString('base64url');
		expect(() => open(ring, 'p', parts.join(':'))).toThrow(VaultError);
		expect(() => parseKey('too-short')).toThrow(/32 bytes/);
		expect(parseKey('ab'.repeat(32))).toHaveLength(32);
	});

	it('shows at most the kind and last four characters of a secret', () => {
		expect(hint('test_abcdefghijklmnopqrstuvwxyz12')).toBe('test_…yz12');
		expect(hint('access_0123456789abcdef')).toBe('access_…cdef');
	});
});

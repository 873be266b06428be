import { describe, expect, it } from 'vitest';
import { hashPassword, verifyDummy, verifyPassword } from './password';

describe('passwords', () => {
	it('are hashed with argon2id and a salt, and verify only themselves', async () => {
		const a = await hashPassword('correct horse battery');
		const b = await hashPassword('correct horse battery');
		expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(a).not.toBe(b);
		expect(a).not.toContain('correct horse');
		expect(await verifyPassword(a, 'correct horse battery')).toBe(true);
		expect(await verifyPassword(a, 'Correct horse battery')).toBe(false);
	});

	it('treat a damaged stored hash as a wrong password', async () => {
		expect(await verifyPassword('not-a-hash', 'whatever')).toBe(false);
	});

	it('spend about as long on a user who does not exist', async () => {
		const real = await hashPassword('some password');
		await verifyDummy('warm-up');
		// Interleaved rounds, so a machine that gets busier halfway slows both sides alike.
		let realMs = 0;
		let dummyMs = 0;
		for (let round = 0; round < 5; round++) {
			const t0 = performance.now();
			await verifyPassword(real, 'wrong password');
			const t1 = performance.now();
			expect(await verifyDummy('wrong password')).toBe(false);
			realMs += t1 - t0;
			dummyMs += performance.now() - t1;
		}
		// Same parameters, so the same order of work (generous bounds: shared, noisy CI machines).
		expect(dummyMs).toBeGreaterThan(realMs / 3);
	});
});

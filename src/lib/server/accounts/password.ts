// Password hashing with argon2id (OWASP's minimum parameters: 19 MiB, 2 passes, 1 lane).
import { hash, verify } from '@node-rs/argon2';

// @node-rs/argon2 defaults to argon2id; its Algorithm is a const enum, which isolated modules cannot import.
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		// A malformed stored hash is a wrong password, not a crash of the sign-in page.
		return false;
	}
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time a real check would when there is no such user, so the answer's timing does not tell
 * whether an e-mail address has an account.
 */
export async function verifyDummy(password: string): Promise<false> {
	dummy ??= hashPassword(`dummy-${crypto.randomUUID()}`);
	await verifyPassword(await dummy, password);
	return false;
}

// Idempotency-Key: the first response to a key is kept, and the same request with the same key gets it again.
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiIdempotency } from '../db/schema';

/** Keys as clients make them: a UUID or any other printable string up to 255 characters. */
export const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

function stable(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
	if (value && typeof value === 'object')
		return `{${Object.keys(value)
			.sort()
			.map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	return JSON.stringify(value);
}

/** The same JSON written with its keys in another order is the same request. */
export function requestHash(method: string, path: string, body: unknown) {
	return createHash('sha256')
		.update(`${method} ${path}\n${stable(body)}`)
		.digest('hex');
}

export type Prior = { requestHash: string; status: number; body: unknown };

/**
 * Claims the key inside the caller's transaction. Null means it is ours: go ahead, then store(). A concurrent
 * request with the same key waits on the row until the first commits, and then gets the first's answer.
 */
export async function claim(db: Db, merchantId: string, key: string, hash: string): Promise<Prior | null> {
	const mine = await db
		.insert(apiIdempotency)
		.values({ merchantId, key, requestHash: hash, status: 0, body: {} })
		.onConflictDoNothing()
		.returning({ key: apiIdempotency.key });
	if (mine.length) return null;
	const [prior] = await db
		.select({ requestHash: apiIdempotency.requestHash, status: apiIdempotency.status, body: apiIdempotency.body })
		.from(apiIdempotency)
		.where(and(eq(apiIdempotency.merchantId, merchantId), eq(apiIdempotency.key, key)));
	return prior;
}

export async function store(db: Db, merchantId: string, key: string, status: number, body: unknown) {
	await db
		.update(apiIdempotency)
		.set({ status, body })
		.where(and(eq(apiIdempotency.merchantId, merchantId), eq(apiIdempotency.key, key)));
}

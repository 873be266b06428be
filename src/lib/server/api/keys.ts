// API keys: shown once, stored only as their SHA-256; the prefix tells keys apart in the console.
import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { apiKeys } from '../db/schema';
import { hashToken } from '../links/token';
import { isUuid } from '../../domain/uuid';

const SHAPE = /^clt_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 12;

export type ApiCaller = { keyId: string; merchantId: string };

export async function create(db: Db, scope: { merchantId: string; userId: string }, name: string) {
	const key = `clt_${randomBytes(32).toString('base64url')}`;
	const [row] = await db
		.insert(apiKeys)
		.values({ merchantId: scope.merchantId, name, prefix: key.slice(0, PREFIX_LENGTH), keyHash: hashToken(key), createdBy: scope.userId })
		.returning({ id: apiKeys.id, prefix: apiKeys.prefix });
	return { ...row, key };
}

export async function list(db: Db, merchantId: string) {
	return db
		.select({
			id: apiKeys.id,
			name: apiKeys.name,
			prefix: apiKeys.prefix,
			createdAt: apiKeys.createdAt,
			lastUsedAt: apiKeys.lastUsedAt,
			revokedAt: apiKeys.revokedAt
		})
		.from(apiKeys)
		.where(eq(apiKeys.merchantId, merchantId))
		.orderBy(desc(apiKeys.createdAt));
}

/** True when a live key of this merchant was revoked now. */
export async function revoke(db: Db, merchantId: string, keyId: string, now = new Date()) {
	if (!isUuid(keyId)) return false;
	const done = await db
		.update(apiKeys)
		.set({ revokedAt: now })
		.where(and(eq(apiKeys.merchantId, merchantId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
		.returning({ id: apiKeys.id });
	return done.length > 0;
}

/** The caller behind an `Authorization: Bearer <key>` header, or null for anything else. */
export async function authenticate(db: Db, authorization: string | null, now = new Date()): Promise<ApiCaller | null> {
	const key = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
	if (!key || !SHAPE.test(key)) return null;
	const [row] = await db
		.select({ keyId: apiKeys.id, merchantId: apiKeys.merchantId })
		.from(apiKeys)
		.where(and(eq(apiKeys.keyHash, hashToken(key)), isNull(apiKeys.revokedAt)))
		.limit(1);
	if (!row) return null;
	// "Last used" to the minute is enough, and spares a write on every request.
	await db
		.update(apiKeys)
		.set({ lastUsedAt: now })
		.where(
			and(
				eq(apiKeys.id, row.keyId),
				or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`${now.toISOString()}::timestamptz - interval '1 minute'`))
			)
		);
	return row;
}

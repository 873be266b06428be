// Fixed-window throttling kept in the database, so every server process sees the same counts.
import { createHash } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { rateLimits } from './db/schema';

export type Limit = { scope: string; limit: number; windowSeconds: number };

function windowOf(limit: Limit, subject: string, now: Date) {
	const windowMs = limit.windowSeconds * 1000;
	const start = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
	// Subjects such as IP addresses are personal data: only a hash is kept.
	const key = `${limit.scope}:${createHash('sha256').update(subject).digest('hex').slice(0, 32)}`;
	return { key, start, retryAfterSeconds: Math.ceil((start.getTime() + windowMs - now.getTime()) / 1000) };
}

export async function isBlocked(db: Db, limit: Limit, subject: string, now = new Date()) {
	const w = windowOf(limit, subject, now);
	const [row] = await db
		.select({ hits: rateLimits.hits })
		.from(rateLimits)
		.where(and(eq(rateLimits.key, w.key), eq(rateLimits.windowStart, w.start)));
	return (row?.hits ?? 0) >= limit.limit ? { retryAfterSeconds: w.retryAfterSeconds } : null;
}

export async function recordHit(db: Db, limit: Limit, subject: string, now = new Date()) {
	const w = windowOf(limit, subject, now);
	await db
		.insert(rateLimits)
		.values({ key: w.key, windowStart: w.start, hits: 1 })
		.onConflictDoUpdate({
			target: [rateLimits.key, rateLimits.windowStart],
			set: { hits: sql`${rateLimits.hits} + 1` }
		});
}

export async function forgetBefore(db: Db, before: Date) {
	await db.delete(rateLimits).where(lt(rateLimits.windowStart, before));
}

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

/** Counts a hit, for limits checked apart from it (isBlocked). */
export async function recordHit(db: Db, limit: Limit, subject: string, now = new Date()) {
	await take(db, limit, subject, now);
}

export type Taken = {
	/** False when this hit went over the limit: refuse the request. */
	allowed: boolean;
	/** Hits left in this window after this one (0 when refused). */
	remaining: number;
	/** Seconds until the window ends and the count starts again. */
	resetSeconds: number;
};

/**
 * Counts a hit and says whether it is within the limit, in one statement: concurrent requests from several
 * processes each get their own count, so no more than `limit` are ever let through per window.
 */
export async function take(db: Db, limit: Limit, subject: string, now = new Date()): Promise<Taken> {
	const w = windowOf(limit, subject, now);
	const [row] = await db
		.insert(rateLimits)
		.values({ key: w.key, windowStart: w.start, hits: 1 })
		.onConflictDoUpdate({
			target: [rateLimits.key, rateLimits.windowStart],
			set: { hits: sql`${rateLimits.hits} + 1` }
		})
		.returning({ hits: rateLimits.hits });
	const hits = row?.hits ?? 1;
	return { allowed: hits <= limit.limit, remaining: Math.max(0, limit.limit - hits), resetSeconds: w.retryAfterSeconds };
}

export async function forgetBefore(db: Db, before: Date) {
	await db.delete(rateLimits).where(lt(rateLimits.windowStart, before));
}

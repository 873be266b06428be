// Throttling kept in the database, so every server process sees the same counts, as GCRA: a limit of L per
// window W lets L through at once, then one more every W/L. Unlike fixed windows aligned to the clock, no
// boundary lets a client through twice the limit. A hit is counted before the work it limits, in one statement.
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from './db/client';
import { throttles } from './db/schema';
import { keyedHash } from './secrets';

export type Limit = { scope: string; limit: number; windowSeconds: number };

export type Taken = {
	/** False when this hit went over the limit: refuse the request (a refused hit is not counted). */
	allowed: boolean;
	/** Hits left right now after this one (0 when refused). */
	remaining: number;
	/** Seconds until the full limit is available again. */
	resetSeconds: number;
	/** Seconds until one more hit is allowed (0 when there is room now). */
	retryAfterSeconds: number;
	/** Hand to giveBack() when the work turned out not to count (a right password). */
	ticket: { key: string; intervalMs: number };
};

// Subjects such as IP addresses and e-mail addresses are personal data: only a keyed hash is kept.
const keyOf = async (db: Db, limit: Limit, subject: string) =>
	`${limit.scope}:${(await keyedHash(db, 'throttle', `${limit.scope}:${subject}`)).slice(0, 40)}`;
const ms = (n: number) => sql`(${n}::float8 * interval '1 millisecond')`;
const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/**
 * Counts a hit and says whether it is within the limit, in one statement: concurrent requests from several
 * processes each move the same row, so no more than the limit are ever let through.
 */
export async function take(db: Db, limit: Limit, subject: string, now = new Date()): Promise<Taken> {
	const key = await keyOf(db, limit, subject);
	const windowMs = limit.windowSeconds * 1000;
	const intervalMs = windowMs / limit.limit;
	const next = sql`greatest(${throttles.tat}, ${at(now)}) + ${ms(intervalMs)}`;
	const [row] = await db
		.insert(throttles)
		.values({ key, tat: new Date(now.getTime() + intervalMs) })
		.onConflictDoUpdate({ target: throttles.key, set: { tat: next }, setWhere: sql`${next} <= ${at(now)} + ${ms(windowMs)}` })
		.returning({ tat: throttles.tat });
	const ticket = { key, intervalMs };
	if (row) {
		const ahead = row.tat.getTime() - now.getTime();
		return {
			allowed: true,
			remaining: Math.floor((windowMs - ahead) / intervalMs + 1e-9),
			resetSeconds: Math.ceil(ahead / 1000),
			retryAfterSeconds: 0,
			ticket
		};
	}
	const [held] = await db.select({ tat: throttles.tat }).from(throttles).where(eq(throttles.key, key));
	const ahead = (held?.tat.getTime() ?? now.getTime()) - now.getTime();
	return {
		allowed: false,
		remaining: 0,
		resetSeconds: Math.ceil(ahead / 1000),
		retryAfterSeconds: Math.max(1, Math.ceil((ahead + intervalMs - windowMs) / 1000)),
		ticket
	};
}

/** Un-counts an allowed hit whose work did not count against the limit (a right password, a right answer). */
export async function giveBack(db: Db, taken: Taken) {
	if (!taken.allowed) return;
	await db
		.update(throttles)
		.set({ tat: sql`${throttles.tat} - ${ms(taken.ticket.intervalMs)}` })
		.where(eq(throttles.key, taken.ticket.key));
}

/** Rows whose limit has been fully available since `before` say nothing a missing row does not. */
export async function forgetBefore(db: Db, before: Date) {
	await db.delete(throttles).where(lt(throttles.tat, before));
}

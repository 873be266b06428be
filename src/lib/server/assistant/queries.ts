// The assistant's turns, stored with the debtor.
import { and, asc, desc, eq, gte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { assistantTurns } from '../db/schema';

export type TurnRow = typeof assistantTurns.$inferSelect;

/** A conversation is what was said in the last day: coming back tomorrow starts afresh. */
export const CONVERSATION_HOURS = 24;
const SHOWN = 60;

export async function recent(db: Db, debtorId: string, now: Date): Promise<TurnRow[]> {
	const since = new Date(now.getTime() - CONVERSATION_HOURS * 3600_000);
	const rows = await db
		.select()
		.from(assistantTurns)
		.where(and(eq(assistantTurns.debtorId, debtorId), gte(assistantTurns.createdAt, since)))
		.orderBy(desc(assistantTurns.createdAt), desc(assistantTurns.id))
		.limit(SHOWN);
	return rows.reverse();
}

export async function add(db: Db, row: typeof assistantTurns.$inferInsert): Promise<TurnRow> {
	const [inserted] = await db.insert(assistantTurns).values(row).returning();
	return inserted;
}

export async function all(db: Db, debtorId: string): Promise<TurnRow[]> {
	return db.select().from(assistantTurns).where(eq(assistantTurns.debtorId, debtorId)).orderBy(asc(assistantTurns.createdAt));
}

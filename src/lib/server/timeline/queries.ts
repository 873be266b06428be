// The timeline: an append-only log of everything that happened around a debtor.
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { timelineEvents } from '../db/schema';

export type NewEvent = {
	merchantId: string;
	debtorId: string;
	claimId?: string | null;
	type: string;
	actor: string;
	payload?: Record<string, unknown>;
	occurredAt?: Date;
};

export async function append(db: Db, event: NewEvent) {
	const [row] = await db.insert(timelineEvents).values(event).returning();
	return row;
}

export async function forDebtor(db: Db, debtorId: string, limit = 50) {
	return db
		.select()
		.from(timelineEvents)
		.where(eq(timelineEvents.debtorId, debtorId))
		.orderBy(desc(timelineEvents.occurredAt), desc(timelineEvents.id))
		.limit(limit);
}

// The timeline: an append-only log of everything that happened around a debtor.
import { and, desc, eq, gte } from 'drizzle-orm';
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

export async function latestSince(db: Db, debtorId: string, type: string, since: Date) {
	const [row] = await db
		.select({ id: timelineEvents.id, payload: timelineEvents.payload })
		.from(timelineEvents)
		.where(
			and(
				eq(timelineEvents.debtorId, debtorId),
				eq(timelineEvents.type, type),
				gte(timelineEvents.occurredAt, since)
			)
		)
		.orderBy(desc(timelineEvents.occurredAt))
		.limit(1);
	return row;
}

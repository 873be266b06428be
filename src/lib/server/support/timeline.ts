// The support timeline: everything that happened around one debtor, newest first, by kind, a page at a time.
import { and, desc, eq, gt, like, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { timelineEvents } from '../db/schema';

export const KINDS = ['link', 'outreach', 'video', 'payments', 'plans', 'promises', 'messages', 'notes', 'agent'] as const;
export type Kind = (typeof KINDS)[number];

const PREFIXES: Record<Exclude<Kind, 'agent'>, string[]> = {
	link: ['link.', 'language.', 'privacy.'],
	outreach: ['outreach.'],
	video: ['video.'],
	payments: ['payment.'],
	plans: ['plan.', 'instalment.', 'options.'],
	promises: ['promise.'],
	messages: ['message.', 'dispute.'],
	notes: ['note.']
};

function kindFilter(kind: Kind | undefined): SQL | undefined {
	if (!kind) return undefined;
	if (kind === 'agent') return like(timelineEvents.actor, 'user:%');
	return or(...PREFIXES[kind].map((p) => like(timelineEvents.type, `${p}%`)));
}

export type Cursor = { at: Date; id: number };
export type TimelineItem = typeof timelineEvents.$inferSelect;

/** One page of a debtor's timeline, scoped to the merchant; `before` continues after the last item shown. */
export async function page(
	db: Db,
	merchantId: string,
	debtorId: string,
	options: { kind?: Kind; before?: Cursor; limit?: number } = {}
): Promise<{ items: TimelineItem[]; next: Cursor | null }> {
	const limit = options.limit ?? 50;
	const b = options.before;
	const rows = await db
		.select()
		.from(timelineEvents)
		.where(
			and(
				eq(timelineEvents.merchantId, merchantId),
				eq(timelineEvents.debtorId, debtorId),
				kindFilter(options.kind),
				b ? or(lt(timelineEvents.occurredAt, b.at), and(eq(timelineEvents.occurredAt, b.at), lt(timelineEvents.id, b.id))) : undefined
			)
		)
		.orderBy(desc(timelineEvents.occurredAt), desc(timelineEvents.id))
		.limit(limit + 1);
	const items = rows.slice(0, limit);
	const last = items[items.length - 1];
	return { items, next: rows.length > limit && last ? { at: last.occurredAt, id: last.id } : null };
}

/** Events recorded after `afterId`, oldest first: what a live view has not shown yet. */
export async function since(db: Db, merchantId: string, debtorId: string, afterId: number) {
	return db
		.select()
		.from(timelineEvents)
		.where(and(eq(timelineEvents.merchantId, merchantId), eq(timelineEvents.debtorId, debtorId), gt(timelineEvents.id, afterId)))
		.orderBy(timelineEvents.id)
		.limit(200);
}

export async function lastId(db: Db, merchantId: string, debtorId: string) {
	const [row] = await db
		.select({ id: sql<number>`coalesce(max(${timelineEvents.id}), 0)`.mapWith(Number) })
		.from(timelineEvents)
		.where(and(eq(timelineEvents.merchantId, merchantId), eq(timelineEvents.debtorId, debtorId)));
	return row.id;
}

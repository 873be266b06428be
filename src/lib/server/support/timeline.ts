// The support timeline: everything that happened around one debtor, newest first, by kind, a page at a time.
import type { Db } from '../db/client';
import * as q from './queries';

export const KINDS = ['link', 'outreach', 'video', 'payments', 'plans', 'promises', 'messages', 'notes', 'agent'] as const;
export type Kind = (typeof KINDS)[number];

const PREFIXES: Record<Exclude<Kind, 'agent'>, string[]> = {
	link: ['link.', 'language.', 'privacy.'],
	outreach: ['outreach.', 'push.'],
	video: ['video.'],
	payments: ['payment.'],
	plans: ['plan.', 'instalment.', 'options.'],
	promises: ['promise.'],
	messages: ['message.', 'dispute.'],
	notes: ['note.']
};

export type Cursor = { at: Date; id: number };
export type TimelineItem = q.TimelineItem;

/** One page of a debtor's timeline, scoped to the merchant; `before` continues after the last item shown. */
export async function page(
	db: Db,
	merchantId: string,
	debtorId: string,
	options: { kind?: Kind; before?: Cursor; limit?: number } = {}
): Promise<{ items: TimelineItem[]; next: Cursor | null }> {
	const limit = options.limit ?? 50;
	const kind = options.kind;
	const filter = kind ? q.eventsOfKind(kind === 'agent' ? 'agent' : PREFIXES[kind]) : undefined;
	// One more row than shown tells whether there is a next page.
	const rows = await q.timelinePage(db, merchantId, debtorId, { filter, before: options.before, limit: limit + 1 });
	const items = rows.slice(0, limit);
	const last = items[items.length - 1];
	return { items, next: rows.length > limit && last ? { at: last.occurredAt, id: last.id } : null };
}

/** Events recorded after `afterId`, oldest first: what a live view has not shown yet. */
export const since = (db: Db, merchantId: string, debtorId: string, afterId: number) => q.timelineSince(db, merchantId, debtorId, afterId);

/** The newest event's id: where a live view starts. */
export const lastId = (db: Db, merchantId: string, debtorId: string) => q.timelineLastId(db, merchantId, debtorId);

// What support reads and changes: claims closed by hand, paused collection, the debtor's messages and their
// attachments, the search, and the timeline. Every statement filters on the merchant (or on a row found by it).
import { and, desc, eq, gt, inArray, isNotNull, isNull, like, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { disputes, MESSAGE_KINDS } from '../../domain/message';
import { rowsOf, type Db, type Tx } from '../db/client';
import { claims, debtorMessages, debtors, messageAttachments, timelineEvents, users } from '../db/schema';

/** Pauses or resumes collection for this merchant's debtor; nothing when it already was (or is not theirs). */
export async function setPaused(db: Db, merchantId: string, debtorId: string, pausedAt: Date | null) {
	const [row] = await db
		.update(debtors)
		.set({ collectionPausedAt: pausedAt })
		.where(
			and(
				eq(debtors.id, debtorId),
				eq(debtors.merchantId, merchantId),
				pausedAt ? isNull(debtors.collectionPausedAt) : isNotNull(debtors.collectionPausedAt)
			)
		)
		.returning({ id: debtors.id });
	return row;
}

/** An open claim of this debtor, locked until the message about it is recorded. */
export async function lockOpenClaim(tx: Tx, debtorId: string, claimId: string) {
	const [claim] = await tx
		.select({ id: claims.id, reference: claims.reference })
		.from(claims)
		.where(and(eq(claims.id, claimId), eq(claims.debtorId, debtorId), eq(claims.status, 'open')))
		.for('update');
	return claim;
}

export async function insertMessage(db: Db, row: typeof debtorMessages.$inferInsert) {
	const [created] = await db.insert(debtorMessages).values(row).returning({ id: debtorMessages.id });
	return created;
}

export async function insertAttachment(db: Db, row: typeof messageAttachments.$inferInsert) {
	await db.insert(messageAttachments).values(row);
}

/** A dispute puts its claim on hold; null lifts the hold. */
export async function setDisputed(db: Db, claimId: string, disputedAt: Date | null) {
	await db
		.update(claims)
		.set({ disputedAt })
		.where(disputedAt ? and(eq(claims.id, claimId), isNull(claims.disputedAt)) : eq(claims.id, claimId));
}

/** Answers an open message of this merchant's debtor; nothing when there is no such open message. */
export async function answer(
	db: Db,
	merchantId: string,
	debtorId: string,
	messageId: string,
	set: { status: 'resolved' | 'rejected'; answer: string; answeredBy: string; answeredAt: Date }
) {
	const [row] = await db
		.update(debtorMessages)
		.set(set)
		.where(
			and(
				eq(debtorMessages.id, messageId),
				eq(debtorMessages.debtorId, debtorId),
				eq(debtorMessages.merchantId, merchantId),
				eq(debtorMessages.status, 'open')
			)
		)
		.returning({ id: debtorMessages.id, kind: debtorMessages.kind, claimId: debtorMessages.claimId });
	return row;
}

/** Whether another open dispute (than `exceptId`) still holds the claim. */
export async function stillDisputed(db: Db, debtorId: string, claimId: string, exceptId: string) {
	const rows = await db
		.select({ id: debtorMessages.id })
		.from(debtorMessages)
		.where(
			and(
				// By debtor too (a claim's messages are all its debtor's), so the debtor_messages_debtor index applies.
				eq(debtorMessages.debtorId, debtorId),
				eq(debtorMessages.claimId, claimId),
				eq(debtorMessages.status, 'open'),
				inArray(debtorMessages.kind, MESSAGE_KINDS.filter(disputes)),
				ne(debtorMessages.id, exceptId)
			)
		)
		.limit(1);
	return rows.length > 0;
}

/** A debtor's messages with their claim, answerer and attachment, newest first, scoped to the merchant. */
export async function messagesOf(db: Db, merchantId: string, debtorId: string, limit: number) {
	return db
		.select({
			m: debtorMessages,
			reference: claims.reference,
			answeredBy: users.email,
			attachment: {
				id: messageAttachments.id,
				name: messageAttachments.fileName,
				type: messageAttachments.contentType,
				size: messageAttachments.sizeBytes
			}
		})
		.from(debtorMessages)
		.leftJoin(claims, eq(claims.id, debtorMessages.claimId))
		.leftJoin(users, eq(users.id, debtorMessages.answeredBy))
		.leftJoin(messageAttachments, eq(messageAttachments.messageId, debtorMessages.id))
		.where(and(eq(debtorMessages.merchantId, merchantId), eq(debtorMessages.debtorId, debtorId)))
		.orderBy(desc(debtorMessages.createdAt))
		.limit(limit);
}

/** One attachment, only when it belongs to this merchant's debtor. */
export async function attachment(db: Db, merchantId: string, debtorId: string, attachmentId: string) {
	const [row] = await db
		.select({
			fileName: messageAttachments.fileName,
			contentType: messageAttachments.contentType,
			content: messageAttachments.content,
			storageKey: messageAttachments.storageKey
		})
		.from(messageAttachments)
		.innerJoin(debtorMessages, eq(debtorMessages.id, messageAttachments.messageId))
		.where(
			and(eq(messageAttachments.id, attachmentId), eq(messageAttachments.merchantId, merchantId), eq(debtorMessages.debtorId, debtorId))
		)
		.limit(1);
	return row;
}

export type SearchHit = { id: string; name: string; email: string | null; customerRef: string };

/**
 * The merchant's first debtors by name whose name, e-mail or customer number, or a claim's reference, contains a LIKE
 * pattern (matched in lower case). Each side first collects its matches through its trigram index and only then sorts:
 * walking the name index and testing every row, which the planner prefers when it expects many matches, read 60,000
 * rows for a first name that all sort late in the alphabet (bench:timeline prints both plans).
 */
export async function searchDebtors(db: Db, merchantId: string, pattern: string, limit: number): Promise<SearchHit[]> {
	return rowsOf<SearchHit>(await db.execute(searchStatement(merchantId, pattern, limit)));
}

/** The search as one statement (bench:timeline prints its plan). */
export function searchStatement(merchantId: string, pattern: string, limit: number): SQL {
	return sql`
		with own as materialized (
			select id, name, email, customer_ref from debtors
			where merchant_id = ${merchantId} and search_text like lower(${pattern})
		), by_claim as materialized (
			select d.id, d.name, d.email, d.customer_ref from claims c join debtors d on d.id = c.debtor_id
			where c.merchant_id = ${merchantId} and lower(c.reference) like lower(${pattern})
		), hits as (
			(select * from own order by name, id limit ${limit})
			union
			(select * from by_claim order by name, id limit ${limit})
		)
		select id, name, email, customer_ref as "customerRef" from hits order by name, id limit ${limit}`;
}

export type TimelineItem = typeof timelineEvents.$inferSelect;

/** Events by type prefixes (or by any agent), as a timeline filter. */
export function eventsOfKind(prefixes: string[] | 'agent'): SQL | undefined {
	if (prefixes === 'agent') return like(timelineEvents.actor, 'user:%');
	return or(...prefixes.map((p) => like(timelineEvents.type, `${p}%`)));
}

/** A debtor's events newest first, from before a cursor, scoped to the merchant: `limit` rows at most. */
export async function timelinePage(
	db: Db,
	merchantId: string,
	debtorId: string,
	options: { filter?: SQL; before?: { at: Date; id: number }; limit: number }
) {
	const b = options.before;
	return db
		.select()
		.from(timelineEvents)
		.where(
			and(
				eq(timelineEvents.merchantId, merchantId),
				eq(timelineEvents.debtorId, debtorId),
				options.filter,
				b ? or(lt(timelineEvents.occurredAt, b.at), and(eq(timelineEvents.occurredAt, b.at), lt(timelineEvents.id, b.id))) : undefined
			)
		)
		.orderBy(desc(timelineEvents.occurredAt), desc(timelineEvents.id))
		.limit(options.limit);
}

/** Events recorded after `afterId`, oldest first: what a live view has not shown yet. */
export async function timelineSince(db: Db, merchantId: string, debtorId: string, afterId: number) {
	return db
		.select()
		.from(timelineEvents)
		.where(and(eq(timelineEvents.merchantId, merchantId), eq(timelineEvents.debtorId, debtorId), gt(timelineEvents.id, afterId)))
		.orderBy(timelineEvents.id)
		.limit(200);
}

export async function timelineLastId(db: Db, merchantId: string, debtorId: string) {
	const [row] = await db
		.select({ id: sql<number>`coalesce(max(${timelineEvents.id}), 0)`.mapWith(Number) })
		.from(timelineEvents)
		.where(and(eq(timelineEvents.merchantId, merchantId), eq(timelineEvents.debtorId, debtorId)));
	return row.id;
}

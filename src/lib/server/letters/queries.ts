// The print queue: a merchant's letters handed to print (outbox rows with channel 'letter', status 'sent', transport
// 'print') and not yet printed. Every statement is filtered on the merchant id the caller got from its session.
import { and, asc, desc, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { debtors, outboxMessages } from '../db/schema';

/** Whether any claim the letter asks for is still open: a letter about claims paid since is not printed. */
export const stillOwed = sql<boolean>`exists(select 1 from claims c where c.debtor_id = ${outboxMessages.debtorId}
	and c.status = 'open' and ${outboxMessages.claimIds} ? c.id::text)`;

const waitingFor = (merchantId: string, until?: Date): SQL =>
	and(
		eq(outboxMessages.merchantId, merchantId),
		eq(outboxMessages.channel, 'letter'),
		eq(outboxMessages.status, 'sent'),
		eq(outboxMessages.transport, 'print'),
		isNull(outboxMessages.printedAt),
		until ? lte(outboxMessages.sentAt, until) : undefined
	)!;

const listed = {
	id: outboxMessages.id,
	debtorId: outboxMessages.debtorId,
	debtorName: debtors.name,
	kind: outboxMessages.kind,
	subject: outboxMessages.subject,
	sentAt: outboxMessages.sentAt,
	printedAt: outboxMessages.printedAt,
	stillOwed
};

/** The letters waiting to be printed, oldest first (at most `limit`), and how many there are in all. */
export async function waiting(db: Db, merchantId: string, limit = 200) {
	const rows = await db
		.select(listed)
		.from(outboxMessages)
		.innerJoin(debtors, eq(debtors.id, outboxMessages.debtorId))
		.where(waitingFor(merchantId))
		.orderBy(asc(outboxMessages.sentAt), asc(outboxMessages.id))
		.limit(limit);
	const [count] = rowsOf<{ total: number; owed: number }>(
		await db.execute(sql`select count(*)::int as total, count(*) filter (where ${stillOwed})::int as owed
			from ${outboxMessages} where ${waitingFor(merchantId)}`)
	);
	return { rows, total: count?.total ?? 0, owed: count?.owed ?? 0 };
}

/** The letters printed most recently. */
export async function recentlyPrinted(db: Db, merchantId: string, limit = 20) {
	return db
		.select(listed)
		.from(outboxMessages)
		.innerJoin(debtors, eq(debtors.id, outboxMessages.debtorId))
		.where(and(eq(outboxMessages.merchantId, merchantId), eq(outboxMessages.channel, 'letter'), isNotNull(outboxMessages.printedAt)))
		.orderBy(desc(outboxMessages.printedAt), desc(outboxMessages.id))
		.limit(limit);
}

/** A page of the print file's letters after `after` (by hand-over time and id), still owed, handed over by `until`. */
export async function printPage(db: Db, merchantId: string, until: Date, after: { at: Date; id: string } | null, size: number) {
	return db
		.select()
		.from(outboxMessages)
		.where(
			and(
				waitingFor(merchantId, until),
				stillOwed,
				after
					? or(gt(outboxMessages.sentAt, after.at), and(eq(outboxMessages.sentAt, after.at), gt(outboxMessages.id, after.id)))
					: undefined
			)
		)
		.orderBy(asc(outboxMessages.sentAt), asc(outboxMessages.id))
		.limit(size);
}

/** One letter of the merchant's (printed or not), or undefined. */
export async function letter(db: Db, merchantId: string, id: string) {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
	const [row] = await db
		.select()
		.from(outboxMessages)
		.where(and(eq(outboxMessages.id, id), eq(outboxMessages.merchantId, merchantId), eq(outboxMessages.channel, 'letter')));
	return row;
}

/**
 * Marks the letters handed over by `until` as printed, each once, with 'outreach.printed' on the timeline; a letter
 * whose claims were all paid since is not printed but canceled (reason 'paid'). Running it again changes nothing.
 */
export async function markPrinted(db: Db, merchantId: string, userId: string, until: Date, now: Date) {
	const at = now.toISOString();
	const [row] = rowsOf<{ printed: number; canceled: number }>(
		await db.execute(sql`
			with printed as (
				update ${outboxMessages} set printed_at = ${at}::timestamptz, printed_by = ${userId}::uuid
				where ${waitingFor(merchantId, until)} and ${stillOwed}
				returning id, merchant_id, debtor_id, kind, subject
			), canceled as (
				update ${outboxMessages} set status = 'canceled', reason = 'paid'
				where ${waitingFor(merchantId, until)} and not ${stillOwed}
				returning id, merchant_id, debtor_id, kind, subject
			), events as (
				insert into timeline_events (merchant_id, debtor_id, type, actor, occurred_at, payload)
				select merchant_id, debtor_id, 'outreach.printed', ${`user:${userId}`}, ${at}::timestamptz,
					jsonb_build_object('messageId', id::text, 'kind', kind, 'channel', 'letter', 'subject', subject)
				from printed
				union all
				select merchant_id, debtor_id, 'outreach.canceled', 'system', ${at}::timestamptz,
					jsonb_build_object('messageId', id::text, 'kind', kind, 'channel', 'letter', 'subject', subject, 'reason', 'paid')
				from canceled
			)
			select (select count(*)::int from printed) as printed, (select count(*)::int from canceled) as canceled`)
	);
	return { printed: row?.printed ?? 0, canceled: row?.canceled ?? 0 };
}

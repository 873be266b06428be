// The outbox as the merchant's staff see it: every message, newest first, and one message as the debtor saw it.
// Every query is scoped to the signed-in merchant.
import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Scope } from '../accounts/scope';
import type { Db } from '../db/client';
import { debtors, outboxMessages, type OutboxStatus } from '../db/schema';
import { withLinks } from './mail';
import { previewOf } from './preview';

export const OUTBOX_STATUSES: OutboxStatus[] = ['queued', 'sending', 'sent', 'deferred', 'bounced', 'canceled'];
const PAGE = 50;

export async function listMessages(
	db: Db,
	scope: Scope,
	filter: { status?: OutboxStatus; before?: { at: Date; id: string }; debtorId?: string }
) {
	const where: (SQL | undefined)[] = [eq(outboxMessages.merchantId, scope.merchantId)];
	if (filter.status) where.push(eq(outboxMessages.status, filter.status));
	if (filter.debtorId) where.push(eq(outboxMessages.debtorId, filter.debtorId));
	if (filter.before) {
		where.push(
			or(
				lt(outboxMessages.createdAt, filter.before.at),
				and(eq(outboxMessages.createdAt, filter.before.at), lt(outboxMessages.id, filter.before.id))
			)
		);
	}
	const rows = await db
		.select({
			id: outboxMessages.id,
			debtorId: outboxMessages.debtorId,
			debtorName: debtors.name,
			// A push goes to the debtor's phones, not to an address worth showing (the row holds the debtor's id).
			to: sql<string>`case when ${outboxMessages.channel} = 'push' then 'push' else ${outboxMessages.toAddress} end`,
			channel: outboxMessages.channel,
			kind: outboxMessages.kind,
			subject: outboxMessages.subject,
			status: outboxMessages.status,
			transport: outboxMessages.transport,
			createdAt: outboxMessages.createdAt,
			sentAt: outboxMessages.sentAt
		})
		.from(outboxMessages)
		.innerJoin(debtors, eq(debtors.id, outboxMessages.debtorId))
		.where(and(...where))
		.orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
		.limit(PAGE + 1);
	return { rows: rows.slice(0, PAGE), more: rows.length > PAGE };
}

/** One message with its content; the links show as harmless placeholders (the real ones exist only in the mail). */
export async function message(db: Db, scope: Scope, id: string, origin: string) {
	if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
	const [row] = await db
		.select({ m: outboxMessages, debtorName: debtors.name })
		.from(outboxMessages)
		.innerJoin(debtors, eq(debtors.id, outboxMessages.debtorId))
		.where(and(eq(outboxMessages.id, id), eq(outboxMessages.merchantId, scope.merchantId)));
	if (!row) return null;
	const { m } = row;
	// A journey message waiting to go has no body yet (see preview.ts).
	const preview = !m.html && !m.sentAt ? await previewOf(db, m, origin) : null;
	const shown = withLinks(preview ?? m, '#link', '#stop');
	return {
		id: m.id,
		debtorId: m.debtorId,
		debtorName: row.debtorName,
		to: m.channel === 'push' ? 'push' : m.toAddress,
		channel: m.channel,
		tried: m.tried,
		parts: m.parts,
		costCents: m.costCents,
		kind: m.kind,
		printedAt: m.printedAt?.toISOString() ?? null,
		status: m.status,
		reason: m.reason,
		attempts: m.attempts,
		transport: m.transport,
		messageId: m.messageId,
		createdAt: m.createdAt.toISOString(),
		sendAfter: m.sendAfter.toISOString(),
		sentAt: m.sentAt?.toISOString() ?? null,
		subject: shown.subject,
		html: shown.html,
		text: shown.text,
		preview: preview !== null
	};
}

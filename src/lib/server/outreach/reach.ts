// How a debtor wants to be reached: reminders by e-mail on or off (one click from any message, RFC 8058, or on
// their page). Notices an agreement requires — the SEPA pre-notification, a receipt — still go.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { REQUIRED_NOTICES } from '../../domain/outreach/notices';
import type { Db } from '../db/client';
import { debtors, merchants, outboxMessages, timelineEvents } from '../db/schema';
import { debtorFacingColumns, toBrand } from '../merchants/brand';
import { lookupKey } from '../links/service';

export type ContactChoices = { email: string | null; stopped: boolean; bounced: boolean };

export async function contactChoices(db: Db, debtorId: string): Promise<ContactChoices | null> {
	const [row] = await db
		.select({ email: debtors.email, stoppedAt: debtors.remindersStoppedAt, bouncedAt: debtors.emailBouncedAt })
		.from(debtors)
		.where(eq(debtors.id, debtorId));
	return row ? { email: row.email, stopped: !!row.stoppedAt, bounced: !!row.bouncedAt } : null;
}

/** Reminders by e-mail off or on again; the queued reminders go with them. Returns whether anything changed. */
export async function setReminders(
	db: Db,
	who: { debtorId: string; merchantId: string },
	on: boolean,
	via: 'page' | 'email_link',
	now = new Date()
): Promise<boolean> {
	return db.transaction(async (tx) => {
		const changed = await tx
			.update(debtors)
			.set({ remindersStoppedAt: on ? null : now })
			.where(and(eq(debtors.id, who.debtorId), on ? sql`${debtors.remindersStoppedAt} is not null` : isNull(debtors.remindersStoppedAt)))
			.returning({ id: debtors.id });
		if (!changed.length) return false;
		if (!on) {
			await tx
				.update(outboxMessages)
				.set({ status: 'canceled', reason: 'opted_out' })
				.where(
					and(
						eq(outboxMessages.debtorId, who.debtorId),
						inArray(outboxMessages.status, ['queued', 'deferred']),
						sql`${outboxMessages.kind} not in ${[...REQUIRED_NOTICES]}`
					)
				);
		}
		await tx.insert(timelineEvents).values({
			merchantId: who.merchantId,
			debtorId: who.debtorId,
			type: on ? 'outreach.resumed' : 'outreach.stopped',
			actor: 'debtor',
			occurredAt: now,
			payload: { channel: 'email', via }
		});
		return true;
	});
}

/** The debtor behind a message's stop link, or null for a link that is not one of ours. */
export async function stopLinkOwner(db: Db, token: string) {
	const key = lookupKey(token);
	if (!key) return null;
	const [row] = await db
		.select({
			debtorId: outboxMessages.debtorId,
			merchantId: outboxMessages.merchantId,
			stoppedAt: debtors.remindersStoppedAt,
			merchant: debtorFacingColumns
		})
		.from(outboxMessages)
		.innerJoin(debtors, eq(debtors.id, outboxMessages.debtorId))
		.innerJoin(merchants, eq(merchants.id, outboxMessages.merchantId))
		.where(eq(outboxMessages.stopTokenHash, key));
	return row
		? {
				debtorId: row.debtorId,
				merchantId: row.merchantId,
				stopped: !!row.stoppedAt,
				brand: toBrand(row.merchant),
				tone: row.merchant.tone
			}
		: null;
}

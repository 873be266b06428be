// How a debtor wants to be reached: by which channel (e-mail, SMS or letter — the ones we have an address for), and
// reminders by e-mail on or off (one click from any message, RFC 8058, or on their page). Notices an agreement
// requires — the SEPA pre-notification, a receipt — still go.
import { addressLines } from '../../domain/address';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { isChannel, PREFERABLE, type Channel } from '../../domain/outreach/channels';
import { REQUIRED_NOTICES } from '../../domain/outreach/notices';
import type { Db } from '../db/client';
import { debtors, merchants, outboxMessages, timelineEvents } from '../db/schema';
import { debtorFacingColumns, toBrand } from '../merchants/brand';
import { lookupKey } from '../links/service';

export type ContactChoices = {
	email: string | null;
	stopped: boolean;
	bounced: boolean;
	/** E.164, checked at import. */
	phone: string | null;
	/** A text to the number failed, or the debtor replied STOP: SMS is not offered. */
	phoneUnusable: boolean;
	/** The letter's address; null until the letters module knows a debtor's postal address. */
	postalAddress: string | null;
	/** The debtor's (or the merchant's) choice; null is e-mail. */
	preferred: Channel | null;
	/** The channels the debtor may choose, in the order the page lists them. */
	choosable: Channel[];
};

export async function contactChoices(db: Db, debtorId: string): Promise<ContactChoices | null> {
	const [row] = await db
		.select({
			email: debtors.email,
			stoppedAt: debtors.remindersStoppedAt,
			bouncedAt: debtors.emailBouncedAt,
			phone: debtors.phone,
			phoneFailedAt: debtors.phoneFailedAt,
			smsStoppedAt: debtors.smsStoppedAt,
			preferred: debtors.preferredChannel,
			name: debtors.name,
			street: debtors.street,
			postcode: debtors.postcode,
			city: debtors.city,
			country: debtors.country
		})
		.from(debtors)
		.where(eq(debtors.id, debtorId));
	if (!row) return null;
	const choices = {
		email: row.email,
		stopped: !!row.stoppedAt,
		bounced: !!row.bouncedAt,
		phone: row.phone,
		phoneUnusable: !!row.phoneFailedAt || !!row.smsStoppedAt,
		postalAddress: addressLines(row.name, row)?.join('\n') ?? null,
		preferred: isChannel(row.preferred) ? row.preferred : null
	};
	return { ...choices, choosable: choosable(choices) };
}

/** What a debtor may choose: a channel we have a working address for (and the one already chosen, to keep it). */
export function choosable(c: Omit<ContactChoices, 'choosable'>): Channel[] {
	const usable: Record<string, boolean> = {
		email: !!c.email && !c.bounced,
		sms: !!c.phone && !c.phoneUnusable,
		letter: !!c.postalAddress
	};
	return PREFERABLE.filter((ch) => usable[ch]);
}

export type ChannelChange = { ok: true; changed: boolean } | { ok: false; problem: 'not_choosable' };

/**
 * The debtor's choice of channel, from their page: stored as the preferred channel (what a journey's "preferred" step
 * uses first) and put on the timeline when it changes.
 */
export async function setPreferredChannel(
	db: Db,
	who: { debtorId: string; merchantId: string },
	channel: Channel,
	now = new Date()
): Promise<ChannelChange> {
	const choices = await contactChoices(db, who.debtorId);
	if (!choices || !choices.choosable.includes(channel)) return { ok: false, problem: 'not_choosable' };
	const from = choices.preferred ?? 'email';
	if (from === channel && choices.preferred !== null) return { ok: true, changed: false };
	return db.transaction(async (tx) => {
		const changed = await tx
			.update(debtors)
			.set({ preferredChannel: channel })
			.where(and(eq(debtors.id, who.debtorId), sql`${debtors.preferredChannel} is distinct from ${channel}`))
			.returning({ id: debtors.id });
		if (!changed.length) return { ok: true as const, changed: false };
		await tx.insert(timelineEvents).values({
			merchantId: who.merchantId,
			debtorId: who.debtorId,
			type: 'outreach.channel_chosen',
			actor: 'debtor',
			occurredAt: now,
			payload: { from: choices.preferred, to: channel, via: 'page' }
		});
		return { ok: true as const, changed: true };
	});
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

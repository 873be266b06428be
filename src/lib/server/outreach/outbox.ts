// The outbox: a message is a row before it is anything else. Queued once per (debtor, what it is about) — the unique
// key makes a repeated or half-finished run harmless — and put on the debtor's timeline in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Channel, Tried } from '../../domain/outreach/channels';
import type { Db } from '../db/client';
import { outboxMessages, timelineEvents } from '../db/schema';
import type { Composed } from './compose';

export type NewMessage = {
	merchantId: string;
	debtorId: string;
	stepId: string | null;
	dedupeKey: string;
	channel: Channel;
	toAddress: string;
	/** Channels passed over for this one, and why. */
	tried: Tried[];
	sendAfter: Date;
	composed: Composed;
	/** Why it goes: the step and the steps it covers, or the event it answers. */
	because: Record<string, unknown>;
};

/** The Message-ID every attempt of this message carries. */
export const messageIdFor = (id: string, domain: string) => `<${id}@${domain}>`;

/** Queues messages that do not exist yet; returns the ones that were new. */
export async function enqueue(
	db: Db,
	messages: NewMessage[],
	domain: string,
	now: Date
): Promise<{ id: string; debtorId: string; dedupeKey: string }[]> {
	if (messages.length === 0) return [];
	const rows = messages.map((m) => {
		const id = randomUUID();
		return {
			id,
			merchantId: m.merchantId,
			debtorId: m.debtorId,
			kind: m.composed.kind,
			stepId: m.stepId,
			dedupeKey: m.dedupeKey,
			channel: m.channel,
			toAddress: m.toAddress,
			tried: m.tried,
			locale: m.composed.locale,
			tone: m.composed.tone,
			claimIds: m.composed.claimIds,
			instalmentId: m.composed.instalmentId,
			subject: m.composed.subject,
			html: m.composed.html,
			text: m.composed.text,
			sendAfter: m.sendAfter,
			messageId: messageIdFor(id, domain),
			createdAt: now
		};
	});
	const inserted = await db
		.insert(outboxMessages)
		.values(rows)
		.onConflictDoNothing({ target: [outboxMessages.debtorId, outboxMessages.dedupeKey] })
		.returning({ id: outboxMessages.id, debtorId: outboxMessages.debtorId, dedupeKey: outboxMessages.dedupeKey });
	const byId = new Map<string, NewMessage>(messages.map((m, i) => [rows[i].id, m]));
	if (inserted.length) {
		await db.insert(timelineEvents).values(
			inserted.map((r) => {
				const m = byId.get(r.id)!;
				return {
					merchantId: m.merchantId,
					debtorId: m.debtorId,
					type: 'outreach.queued',
					actor: 'system',
					occurredAt: now,
					payload: {
						messageId: r.id,
						kind: m.composed.kind,
						channel: m.channel,
						...(m.tried.length ? { tried: m.tried } : {}),
						subject: m.composed.subject,
						sendAfter: m.sendAfter.toISOString(),
						...m.because
					}
				};
			})
		);
	}
	return inserted;
}

// The outbox: a message is a row before it is anything else. Queued once per (debtor, what it is about) — the unique
// key makes a repeated or half-finished run harmless — and put on the debtor's timeline in the same transaction.
import { randomUUID } from 'node:crypto';
import type { Channel, Tried } from '../../domain/outreach/channels';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
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

/**
 * Queues messages that do not exist yet; returns the ones that were new. One statement for any number: the rows go
 * as one JSON parameter, the outbox takes the new ones, and their timeline entries follow from what it took.
 */
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
			merchant_id: m.merchantId,
			debtor_id: m.debtorId,
			kind: m.composed.kind,
			step_id: m.stepId,
			dedupe_key: m.dedupeKey,
			channel: m.channel,
			to_address: m.toAddress,
			tried: m.tried,
			locale: m.composed.locale,
			tone: m.composed.tone,
			claim_ids: m.composed.claimIds,
			instalment_id: m.composed.instalmentId,
			subject: m.composed.subject,
			html: m.composed.html,
			text: m.composed.text,
			send_after: m.sendAfter.toISOString(),
			message_id: messageIdFor(id, domain),
			event: {
				kind: m.composed.kind,
				channel: m.channel,
				...(m.tried.length ? { tried: m.tried } : {}),
				subject: m.composed.subject,
				sendAfter: m.sendAfter.toISOString(),
				...m.because
			}
		};
	});
	return rowsOf<{ id: string; debtorId: string; dedupeKey: string }>(
		await db.execute(sql`
		with v as (
			select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(id uuid, merchant_id uuid, debtor_id uuid,
				kind text, step_id text, dedupe_key text, channel text, to_address text, tried jsonb, locale text, tone text,
				claim_ids jsonb, instalment_id uuid, subject text, html text, text text, send_after timestamptz, message_id text,
				event jsonb)
		), taken as (
			insert into outbox_messages (id, merchant_id, debtor_id, kind, step_id, dedupe_key, channel, to_address, tried,
				locale, tone, claim_ids, instalment_id, subject, html, text, send_after, message_id, created_at)
			select id, merchant_id, debtor_id, kind, step_id, dedupe_key, channel, to_address, tried, locale, tone, claim_ids,
				instalment_id, subject, html, text, send_after, message_id, ${now.toISOString()}::timestamptz from v
			on conflict (debtor_id, dedupe_key) do nothing
			returning id, debtor_id, dedupe_key
		), noted as (
			insert into timeline_events (merchant_id, debtor_id, type, actor, occurred_at, payload)
			select v.merchant_id, v.debtor_id, 'outreach.queued', 'system', ${now.toISOString()}::timestamptz,
				jsonb_build_object('messageId', taken.id) || v.event
			from taken join v on v.id = taken.id
		)
		select id, debtor_id as "debtorId", dedupe_key as "dedupeKey" from taken`)
	);
}

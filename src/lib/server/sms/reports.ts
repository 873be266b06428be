// What CM.com tells us after sending: a status report per message (delivered, or failed — then the number is marked
// and a "preferred" step goes on by e-mail), and the debtor's replies, where STOP (in Dutch and English alike) stops
// reminders by text message and START turns them on again. Nothing in a webhook is trusted beyond finding our own
// message or number: a report must name an SMS of ours to that number, a reply a number we texted.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Channel } from '../../domain/outreach/channels';
import { fromCmNumber } from '../../domain/phone';
import { rowsOf, type Db } from '../db/client';
import { debtors, outboxMessages, timelineEvents } from '../db/schema';
import { fallBack } from '../outreach/fallback';
import { timelineOfDone } from '../outreach/record';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** CM's status report, JSON format; one message per report. */
export const statusReport = z.object({
	messages: z.object({
		msg: z.object({
			received: z.string().optional(),
			to: z.string().regex(/^(00|\+)?\d{6,16}$/),
			reference: z.string().regex(UUID),
			status: z.object({ code: z.coerce.string(), errorCode: z.coerce.string().optional(), errorDescription: z.string().optional() }),
			operator: z.string().optional()
		})
	})
});

/** CM's incoming message (MO), JSON format. */
export const reply = z.object({
	from: z.object({ number: z.string().regex(/^(00|\+)?\d{6,16}$/) }),
	message: z.object({ text: z.string().max(2000) }),
	reference: z.string().nullish(),
	channel: z.string().optional()
});

/** A text to this number could not be delivered: no SMS to it until it changes. */
export async function markNumberFailed(db: Db, phone: string, reason: string, now: Date) {
	await db
		.update(debtors)
		.set({ phoneFailedAt: now, phoneFailReason: reason.slice(0, 300) })
		.where(and(eq(debtors.phone, phone), isNull(debtors.phoneFailedAt)));
}

// Status 0: accepted by the operator, 1: rejected, 2: delivered, 3: failed.
const DELIVERED = '2';
const FAILED = ['1', '3'];

export type ReportOutcome = 'delivered' | 'failed' | 'ignored';

/** Applies one status report; a repeated or late one changes nothing. */
export async function applyReport(
	db: Db,
	report: z.infer<typeof statusReport>,
	options: { origin: string; channels: readonly Channel[] },
	now = new Date()
): Promise<ReportOutcome> {
	const msg = report.messages.msg;
	const to = fromCmNumber(msg.to);
	const at = now.toISOString();
	if (msg.status.code === DELIVERED) {
		const done = rowsOf<{ id: string }>(
			await db.execute(sql`
				with d as (
					update outbox_messages set delivered_at = ${at}::timestamptz
					where id = ${msg.reference}::uuid and channel = 'sms' and to_address = ${to} and status in ('sending', 'sent')
						and delivered_at is null
					returning id, merchant_id, debtor_id, kind, subject)
				insert into timeline_events (merchant_id, debtor_id, type, actor, occurred_at, payload)
				select merchant_id, debtor_id, 'outreach.delivered', 'system', ${at}::timestamptz,
					jsonb_build_object('messageId', id::text, 'kind', kind, 'channel', 'sms', 'subject', subject)
				from d returning (payload->>'messageId') as id`)
		);
		return done.length ? 'delivered' : 'ignored';
	}
	if (!FAILED.includes(msg.status.code)) return 'ignored';
	const reason = `SMS not delivered: ${msg.status.errorDescription || `status ${msg.status.code}`}`.slice(0, 300);
	// The bounce with its timeline entry, the failed number and the message by the next channel, in one transaction:
	// the provider repeats a report we did not answer, but a kill after the bounce committed must not lose the fallback.
	const failed = await db.transaction(async (tx) => {
		const bounced = rowsOf<{ id: string }>(
			await tx.execute(sql`
				with done as (
					update outbox_messages set status = 'bounced', reason = ${reason}
					-- A report may overtake our own record of CM's answer: 'sending' then means accepted.
					where id = ${msg.reference}::uuid and channel = 'sms' and to_address = ${to} and status in ('sending', 'sent')
					returning id, merchant_id, debtor_id, kind, channel, subject, attempts, status, reason, transport, parts)
				${timelineOfDone(at)}
				returning (payload->>'messageId') as id`)
		);
		if (!bounced.length) return false;
		const [row] = await tx.select().from(outboxMessages).where(eq(outboxMessages.id, msg.reference));
		await markNumberFailed(tx, to, reason, now);
		await fallBack(tx, row, reason, now, options);
		return true;
	});
	if (!failed) return 'ignored';
	return 'failed';
}

const STOP = /^\s*(stop|stoppen|afmelden|uitschrijven|unsubscribe)\b/i;
const START = /^\s*(start|aanmelden)\b/i;

export type ReplyOutcome = 'stopped' | 'started' | 'ignored';

/** Applies a reply: STOP stops reminders by SMS for the debtors behind the number (or the message it answers). */
export async function applyReply(db: Db, r: z.infer<typeof reply>, now = new Date()): Promise<ReplyOutcome> {
	const verb = STOP.test(r.message.text) ? 'stop' : START.test(r.message.text) ? 'start' : null;
	if (!verb) return 'ignored';
	const phone = fromCmNumber(r.from.number);
	// The debtors we texted at this number: by the message replied to when CM names it, else every one we texted.
	const byReference = r.reference && UUID.test(r.reference) ? sql`and o.id = ${r.reference}::uuid` : sql``;
	const found = rowsOf<{ id: string; merchant_id: string }>(
		await db.execute(sql`
			select distinct d.id, d.merchant_id from debtors d join outbox_messages o on o.debtor_id = d.id
			where d.phone = ${phone} and o.channel = 'sms' and o.to_address = ${phone} ${byReference}`)
	);
	let changed = 0;
	for (const d of found) {
		const done = await db.transaction(async (tx) => {
			const rows = await tx
				.update(debtors)
				.set({ smsStoppedAt: verb === 'stop' ? now : null })
				.where(and(eq(debtors.id, d.id), verb === 'stop' ? isNull(debtors.smsStoppedAt) : sql`${debtors.smsStoppedAt} is not null`))
				.returning({ id: debtors.id });
			// Texts still queued are left to the sender: it sees the stop and sends a "preferred" step by e-mail instead.
			if (!rows.length) return false;
			await tx.insert(timelineEvents).values({
				merchantId: d.merchant_id,
				debtorId: d.id,
				type: verb === 'stop' ? 'outreach.stopped' : 'outreach.resumed',
				actor: 'debtor',
				occurredAt: now,
				payload: { channel: 'sms', via: 'sms_reply' }
			});
			return true;
		});
		if (done) changed++;
	}
	return changed ? (verb === 'stop' ? 'stopped' : 'started') : 'ignored';
}

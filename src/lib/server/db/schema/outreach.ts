// What reaches the debtor: the outbox of messages (one row per message, unique per what it is about, so a run
// repeated or killed halfway never makes a second), the journey's progress per debtor, and the cursor of the
// timeline that event-driven notices follow.
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Channel, Tried } from '../../../domain/outreach/channels';
import type { Progress } from '../../../domain/outreach/planner';
import type { Tone } from '../../../domain/tone';
import { createdAt, debtorRef, debtors, merchantRef } from './core';

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'deferred' | 'bounced' | 'canceled';

export const outboxMessages = pgTable(
	'outbox_messages',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		debtorId: debtorRef(),
		/** A journey step's kind (link, reminder, fourteen_day, final_notice) or a notice's (receipt, …). */
		kind: text('kind').notNull(),
		/** The journey step, for journey messages. */
		stepId: text('step_id'),
		/** What the message is about, so it exists once: the episode for a step, the event or instalment for a notice. */
		dedupeKey: text('dedupe_key').notNull(),
		/** email | sms | letter | push: which entry of the channel registry (server/outreach/channels.ts) delivers it. */
		channel: text('channel').$type<Channel>().notNull().default('email'),
		/** The e-mail address, the E.164 phone number, the postal address (letter) or the push subscription's debtor link. */
		toAddress: text('to_address').notNull(),
		/** Channels passed over before this one, and why (a "preferred" step's fallback): shown on the timeline. */
		tried: jsonb('tried').$type<Tried[]>().notNull().default([]),
		/** What this message cost the merchant (their price per SMS part or per letter), in cents. */
		costCents: integer('cost_cents').notNull().default(0),
		/** Text messages: the number of SMS parts (GSM-7 or UCS-2 segments) it was sent as. */
		parts: integer('parts'),
		/** When the provider reported it delivered to the phone (SMS delivery report). */
		deliveredAt: timestamp('delivered_at', { withTimezone: true }),
		locale: text('locale').notNull(),
		tone: text('tone').$type<Tone>().notNull(),
		/** The claims it asks for (journey messages), checked again at the moment of sending. */
		claimIds: jsonb('claim_ids').$type<string[]>().notNull().default([]),
		/** The instalment it is about, whose own link it carries. */
		instalmentId: uuid('instalment_id'),
		/** Rendered with the link and stop link as marks: what is stored never holds a usable token. */
		subject: text('subject').notNull(),
		html: text('html').notNull(),
		text: text('text').notNull(),
		status: text('status').$type<OutboxStatus>().notNull().default('queued'),
		/** Not before this moment: the next one the merchant's sending window allows, or a retry's backoff. */
		sendAfter: timestamp('send_after', { withTimezone: true }).notNull(),
		attempts: integer('attempts').notNull().default(0),
		/** Stable across retries, so a resend after a crash is recognisable as the same message. */
		messageId: text('message_id').notNull(),
		/** Where it went: 'smtp', 'sms' (the provider), 'print' (the letters' print queue), 'push', or 'local' (the demo's outbox, never sent to the internet). */
		transport: text('transport'),
		/** Why it was deferred, bounced or canceled (an SMTP reply, or a rule that holds at sending). */
		reason: text('reason'),
		/** When it was claimed for sending; a claim older than a few minutes belongs to a process that died. */
		claimedAt: timestamp('claimed_at', { withTimezone: true }),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		/** The one-click stop link's token, hashed (RFC 8058): set when the message is sent. */
		stopTokenHash: text('stop_token_hash'),
		/** Letters: when the merchant's staff marked it printed (handed to the post), and who. */
		printedAt: timestamp('printed_at', { withTimezone: true }),
		printedBy: uuid('printed_by'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('outbox_dedupe').on(t.debtorId, t.dedupeKey),
		index('outbox_due')
			.on(t.sendAfter)
			.where(sql`${t.status} in ('queued', 'deferred', 'sending')`),
		index('outbox_merchant_recent').on(t.merchantId, t.createdAt.desc()),
		index('outbox_debtor').on(t.debtorId, t.createdAt.desc()),
		uniqueIndex('outbox_stop_token').on(t.stopTokenHash),
		check('outbox_status', sql`${t.status} in ('queued', 'sending', 'sent', 'deferred', 'bounced', 'canceled')`),
		check('outbox_channel', sql`${t.channel} in ('email', 'sms', 'letter', 'push')`),
		// Delivery reports find their message by its channel and id; the console sums a journey's costs per merchant.
		index('outbox_merchant_channel').on(t.merchantId, t.channel, t.createdAt.desc()),
		// The console's print queue: a merchant's letters handed to print and not yet printed.
		index('outbox_print_queue')
			.on(t.merchantId, t.sentAt)
			.where(sql`${t.channel} = 'letter' and ${t.status} = 'sent' and ${t.printedAt} is null`)
	]
);

/** A debtor's journey in the current episode: which steps are done, and the 14-day letter's term. */
export const journeyProgress = pgTable('journey_progress', {
	debtorId: uuid('debtor_id')
		.primaryKey()
		.references(() => debtors.id),
	merchantId: merchantRef(),
	episode: integer('episode').notNull().default(1),
	/** Null between episodes (nothing owed); the episode number keeps what was sent in earlier ones apart. */
	progress: jsonb('progress').$type<Progress>(),
	/** The last hold put on the timeline (step and reason), so a hold is recorded once, not every run. */
	heldBecause: text('held_because'),
	/** The 14-day letter's term end, as a column so cost rules and the console can query it. */
	termEndsOn: date('term_ends_on', { mode: 'string' }),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** How far the notices have read the timeline: events after this id have not been looked at yet. */
export const outreachCursor = pgTable('outreach_cursor', {
	name: text('name').primaryKey(),
	lastEventId: bigint('last_event_id', { mode: 'number' }).notNull().default(0)
});

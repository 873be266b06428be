// Webhooks out: the merchant's endpoints, the event log that follows the timeline, and the outbox of deliveries.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { createdAt, merchantRef } from './core';

export const webhookEndpoints = pgTable(
	'webhook_endpoints',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		url: text('url').notNull(),
		/** The event types this endpoint receives (see domain/webhooks). */
		events: jsonb('events').$type<string[]>().notNull(),
		/**
		 * The signing secret (`whsec_…`), sealed with SECRETS_KEY (vault.ts): signing needs the secret itself, so a hash
		 * would not do. The console shows it once, after creation, and never returns it again; no log or payload carries it.
		 */
		secret: text('secret').notNull(),
		/** After a rotation the old secret keeps signing beside the new one until this moment, so receivers can switch. */
		previousSecret: text('previous_secret'),
		previousSecretUntil: timestamp('previous_secret_until', { withTimezone: true }),
		enabled: boolean('enabled').notNull().default(true),
		/** Why it is off: the owner turned it off, or Coulant did after it kept failing (then the owner is told). */
		disabledReason: text('disabled_reason').$type<'owner' | 'failing'>(),
		disabledAt: timestamp('disabled_at', { withTimezone: true }),
		/** The first failure since the last success; an endpoint failing for the whole retry window is turned off. */
		failingSince: timestamp('failing_since', { withTimezone: true }),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [
		index('webhook_endpoints_merchant').on(t.merchantId),
		check('webhook_endpoints_disabled_reason', sql`${t.disabledReason} in ('owner', 'failing')`)
	]
);

/**
 * The merchant-facing event log, derived from the timeline. The id is given by the one follower holding the cursor
 * row's lock, so ids rise in commit order and a reader paging `after=<id>` never skips an event that commits later.
 */
export const webhookEvents = pgTable(
	'webhook_events',
	{
		id: bigint('id', { mode: 'number' }).primaryKey(),
		merchantId: merchantRef(),
		type: text('type').notNull(),
		/** The timeline entry it comes from, and which of its events (one entry may give more than one). */
		timelineEventId: bigint('timeline_event_id', { mode: 'number' }).notNull(),
		seq: integer('seq').notNull().default(0),
		occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
		/** What the merchant's accounting needs, never a secret: references, amounts in cents, dates. */
		data: jsonb('data').$type<Record<string, unknown>>().notNull(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('webhook_events_source').on(t.timelineEventId, t.seq), index('webhook_events_merchant').on(t.merchantId, t.id)]
);

/** Where the follower is: the last timeline id it passed and the last event id it gave. One row. */
export const webhookCursor = pgTable('webhook_cursor', {
	name: text('name').primaryKey(),
	lastTimelineId: bigint('last_timeline_id', { mode: 'number' }).notNull().default(0),
	lastEventId: bigint('last_event_id', { mode: 'number' }).notNull().default(0)
});

/** The outbox: one row per event and endpoint, written with the event, so a crash neither loses nor doubles one. */
export const webhookDeliveries = pgTable(
	'webhook_deliveries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		endpointId: uuid('endpoint_id')
			.notNull()
			.references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
		eventId: bigint('event_id', { mode: 'number' })
			.notNull()
			.references(() => webhookEvents.id),
		status: text('status').$type<'pending' | 'sending' | 'delivered' | 'failed'>().notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		/**
		 * When it is due. A sender taking a row sets it 'sending' and moves this to the end of its lease: a sender that
		 * dies mid-request (kill -9) leaves the row due again at that moment, with the same event id.
		 */
		nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
		/** Retries go on for the retry window from here (the first try, or the owner's "send again"). */
		windowStart: timestamp('window_start', { withTimezone: true }).notNull().defaultNow(),
		lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
		responseStatus: integer('response_status'),
		/** At most ~2 KB of what the receiver answered, or why there was no answer. */
		responseBody: text('response_body'),
		error: text('error'),
		deliveredAt: timestamp('delivered_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('webhook_deliveries_once').on(t.eventId, t.endpointId),
		index('webhook_deliveries_due')
			.on(t.nextAttemptAt)
			.where(sql`${t.status} in ('pending', 'sending')`),
		index('webhook_deliveries_endpoint').on(t.endpointId, t.createdAt.desc()),
		check('webhook_deliveries_status', sql`${t.status} in ('pending', 'sending', 'delivered', 'failed')`)
	]
);

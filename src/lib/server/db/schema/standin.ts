// State of the local Mollie stand-in. Kept in the database so every process sees the same payments.
import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

export const standinPayments = pgTable('standin_payments', {
	id: text('id').primaryKey(),
	status: text('status').notNull(),
	amountValue: text('amount_value').notNull(),
	currency: text('currency').notNull(),
	description: text('description').notNull(),
	method: text('method'),
	redirectUrl: text('redirect_url'),
	webhookUrl: text('webhook_url'),
	metadata: jsonb('metadata'),
	sequenceType: text('sequence_type').notNull().default('oneoff'),
	/** deliver | drop — and a delay before delivering, for tests of late webhooks. */
	webhookMode: text('webhook_mode').notNull().default('deliver'),
	webhookDelayMs: integer('webhook_delay_ms').notNull().default(0),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	paidAt: timestamp('paid_at', { withTimezone: true }),
	canceledAt: timestamp('canceled_at', { withTimezone: true }),
	expiredAt: timestamp('expired_at', { withTimezone: true }),
	failedAt: timestamp('failed_at', { withTimezone: true })
});

/** Mollie answers a repeated Idempotency-Key with the first response. */
export const standinIdempotency = pgTable('standin_idempotency', {
	key: text('key').primaryKey(),
	requestHash: text('request_hash').notNull(),
	status: integer('status').notNull(),
	body: jsonb('body').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** Faults queued by tests: the next N calls answer with a status, or hang for a while. */
export const standinFaults = pgTable('standin_faults', {
	id: serial('id').primaryKey(),
	status: integer('status'),
	delayMs: integer('delay_ms').notNull().default(0),
	remaining: integer('remaining').notNull().default(1),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

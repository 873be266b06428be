// State of the local Mollie stand-in. Kept in the database so every process sees the same payments.
import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** The organization the installation's own key (MOLLIE_STANDIN.apiKey) belongs to. */
export const STANDIN_DEFAULT_ORG = 'org_standin';

export const standinPayments = pgTable('standin_payments', {
	id: text('id').primaryKey(),
	/** Whose account the payment is in: every request sees only its organization's payments and customers. */
	organizationId: text('organization_id').notNull().default(STANDIN_DEFAULT_ORG),
	status: text('status').notNull(),
	amountValue: text('amount_value').notNull(),
	currency: text('currency').notNull(),
	description: text('description').notNull(),
	method: text('method'),
	redirectUrl: text('redirect_url'),
	webhookUrl: text('webhook_url'),
	metadata: jsonb('metadata'),
	sequenceType: text('sequence_type').notNull().default('oneoff'),
	customerId: text('customer_id'),
	mandateId: text('mandate_id'),
	subscriptionId: text('subscription_id'),
	amountChargedBack: text('amount_charged_back'),
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

export const standinCustomers = pgTable('standin_customers', {
	id: text('id').primaryKey(),
	organizationId: text('organization_id').notNull().default(STANDIN_DEFAULT_ORG),
	name: text('name'),
	email: text('email'),
	metadata: jsonb('metadata'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull()
});

export const standinMandates = pgTable('standin_mandates', {
	id: text('id').primaryKey(),
	customerId: text('customer_id').notNull(),
	status: text('status').notNull(),
	method: text('method').notNull(),
	consumerName: text('consumer_name').notNull(),
	consumerAccount: text('consumer_account').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull()
});

export const standinSubscriptions = pgTable('standin_subscriptions', {
	id: text('id').primaryKey(),
	customerId: text('customer_id').notNull(),
	mandateId: text('mandate_id').notNull(),
	status: text('status').notNull(),
	amountValue: text('amount_value').notNull(),
	currency: text('currency').notNull(),
	interval: text('interval').notNull(),
	times: integer('times'),
	timesCollected: integer('times_collected').notNull().default(0),
	startDate: text('start_date').notNull(),
	nextPaymentDate: text('next_payment_date'),
	description: text('description').notNull(),
	webhookUrl: text('webhook_url'),
	metadata: jsonb('metadata'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
	canceledAt: timestamp('canceled_at', { withTimezone: true })
});

/** Collections of a customer that are told to fail (a bounced direct debit), queued by tests. */
export const standinCollectionFaults = pgTable('standin_collection_faults', {
	id: serial('id').primaryKey(),
	customerId: text('customer_id').notNull(),
	remaining: integer('remaining').notNull().default(1)
});

/** Mollie accounts of the stand-in: each has a test API key and one website profile. */
export const standinOrganizations = pgTable('standin_organizations', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	apiKey: text('api_key').notNull().unique(),
	profileId: text('profile_id').notNull(),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

/** OAuth: authorization codes (one use, ten minutes) and tokens (access for an hour, refresh until revoked). */
export const standinOauthCodes = pgTable('standin_oauth_codes', {
	code: text('code').primaryKey(),
	organizationId: text('organization_id').notNull(),
	clientId: text('client_id').notNull(),
	redirectUri: text('redirect_uri').notNull(),
	scope: text('scope').notNull(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true })
});

export const standinOauthTokens = pgTable('standin_oauth_tokens', {
	token: text('token').primaryKey(),
	kind: text('kind').$type<'access' | 'refresh'>().notNull(),
	organizationId: text('organization_id').notNull(),
	clientId: text('client_id').notNull(),
	scope: text('scope').notNull(),
	expiresAt: timestamp('expires_at', { withTimezone: true }),
	revokedAt: timestamp('revoked_at', { withTimezone: true }),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
});

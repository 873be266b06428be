// Instalment plans: the schedule a debtor chose, how it is collected, and each instalment's fate.
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Frequency } from '../../../domain/schedule';
import { claims, createdAt, debtorRef, merchantRef } from './core';

export type PlanStatus = 'proposed' | 'active' | 'at_risk' | 'broken' | 'completed' | 'canceled';
export type Collection = 'direct_debit' | 'pay_by_link';
export type InstalmentStatus = 'scheduled' | 'pending' | 'paid' | 'missed';

export const plans = pgTable(
	'plans',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		debtorId: debtorRef(),
		status: text('status').$type<PlanStatus>().notNull().default('proposed'),
		collection: text('collection').$type<Collection>().notNull(),
		frequency: text('frequency').$type<Frequency>().notNull(),
		terms: integer('terms').notNull(),
		totalCents: bigint('total_cents', { mode: 'number' }).notNull(),
		currency: text('currency').notNull(),
		mollieCustomerId: text('mollie_customer_id'),
		mollieMandateId: text('mollie_mandate_id'),
		mollieSubscriptionId: text('mollie_subscription_id'),
		mandateAccount: text('mandate_account'),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('plans_debtor').on(t.debtorId),
		uniqueIndex('plans_subscription').on(t.mollieSubscriptionId),
		check('plans_status', sql`${t.status} in ('proposed', 'active', 'at_risk', 'broken', 'completed', 'canceled')`),
		check('plans_collection', sql`${t.collection} in ('direct_debit', 'pay_by_link')`)
	]
);

export const instalments = pgTable(
	'instalments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		planId: uuid('plan_id')
			.notNull()
			.references(() => plans.id),
		number: integer('number').notNull(),
		dueOn: date('due_on', { mode: 'string' }).notNull(),
		amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
		status: text('status').$type<InstalmentStatus>().notNull().default('scheduled'),
		paidAt: timestamp('paid_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('instalments_plan_number').on(t.planId, t.number),
		check('instalments_status', sql`${t.status} in ('scheduled', 'pending', 'paid', 'missed')`)
	]
);

export const planClaims = pgTable(
	'plan_claims',
	{
		planId: uuid('plan_id')
			.notNull()
			.references(() => plans.id),
		claimId: uuid('claim_id')
			.notNull()
			.references(() => claims.id)
	},
	(t) => [primaryKey({ columns: [t.planId, t.claimId] })]
);

/** A pay link for one instalment, for a reminder: opens that instalment's pay page and nothing else. Hash only. */
export const instalmentLinks = pgTable(
	'instalment_links',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		instalmentId: uuid('instalment_id')
			.notNull()
			.references(() => instalments.id),
		tokenHash: text('token_hash').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('instalment_links_token_hash').on(t.tokenHash)]
);

// Payments we asked Mollie for, and which claims each one settles.
import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PaymentStatus } from '../../../domain/payment';
import { claims, debtorRef, merchantRef } from './core';

/**
 * 'creating' and 'abandoned' are ours: the row exists and Mollie's answer has not arrived yet, or never did
 * (a timeout or refusal; the debtor never saw a checkout for it, so it can never be paid).
 */
export type StoredPaymentStatus = PaymentStatus | 'creating' | 'abandoned';

export const payments = pgTable(
	'payments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		debtorId: debtorRef(),
		molliePaymentId: text('mollie_payment_id'),
		/** Sent as Mollie's Idempotency-Key, so the client's own retries can never create a second payment. */
		idempotencyKey: text('idempotency_key'),
		/** Hash of the token in the redirect URL: it opens this payment's result page and nothing else. */
		returnTokenHash: text('return_token_hash'),
		status: text('status').$type<StoredPaymentStatus>().notNull().default('creating'),
		amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
		currency: text('currency').notNull(),
		method: text('method'),
		/** What the money is for: the whole balance, or one instalment of a plan. */
		purpose: text('purpose').$type<'balance' | 'instalment'>().notNull().default('balance'),
		instalmentId: uuid('instalment_id'),
		sequenceType: text('sequence_type').$type<'oneoff' | 'first' | 'recurring'>().notNull().default('oneoff'),
		chargedBackCents: bigint('charged_back_cents', { mode: 'number' }).notNull().default(0),
		checkoutUrl: text('checkout_url'),
		expiresAt: timestamp('expires_at', { withTimezone: true }),
		paidAt: timestamp('paid_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('payments_mollie_id').on(t.molliePaymentId),
		uniqueIndex('payments_idempotency_key').on(t.idempotencyKey),
		uniqueIndex('payments_return_token_hash').on(t.returnTokenHash),
		index('payments_debtor_status').on(t.debtorId, t.status),
		check('payments_amount_positive', sql`${t.amountCents} > 0`),
		check(
			'payments_status',
			sql`${t.status} in ('creating', 'abandoned', 'open', 'pending', 'authorized', 'paid', 'failed', 'canceled', 'expired')`
		)
	]
);

export const paymentClaims = pgTable(
	'payment_claims',
	{
		paymentId: uuid('payment_id')
			.notNull()
			.references(() => payments.id),
		claimId: uuid('claim_id')
			.notNull()
			.references(() => claims.id)
	},
	(t) => [primaryKey({ columns: [t.paymentId, t.claimId] }), index('payment_claims_claim').on(t.claimId)]
);

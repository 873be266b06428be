// Promises to pay: the debtor asked for more time and named a date.
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { PromiseStatus } from '../../../domain/promise';
import { claims, debtorRef, merchantRef } from './core';

export const promises = pgTable(
	'promises',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		debtorId: debtorRef(),
		promisedOn: date('promised_on', { mode: 'string' }).notNull(),
		amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
		currency: text('currency').notNull(),
		status: text('status').$type<PromiseStatus>().notNull().default('open'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		resolvedAt: timestamp('resolved_at', { withTimezone: true })
	},
	(t) => [
		index('promises_debtor').on(t.debtorId),
		index('promises_open_due').on(t.status, t.promisedOn),
		check('promises_status', sql`${t.status} in ('open', 'kept', 'broken')`)
	]
);

export const promiseClaims = pgTable(
	'promise_claims',
	{
		promiseId: uuid('promise_id')
			.notNull()
			.references(() => promises.id),
		claimId: uuid('claim_id')
			.notNull()
			.references(() => claims.id)
	},
	(t) => [primaryKey({ columns: [t.promiseId, t.claimId] })]
);

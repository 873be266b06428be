// Bank statements a merchant uploaded, and each incoming transfer in them with what it was matched to.
import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Candidate } from '../../../domain/bank/match';
import { users } from './accounts';
import { claims, createdAt, merchantRef } from './core';

export const bankImports = pgTable(
	'bank_imports',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		/** SHA-256 of the file's bytes: the same file twice is refused before anything is read from it. */
		fileHash: text('file_hash').notNull(),
		fileName: text('file_name'),
		format: text('format').notNull(),
		accounts: text('accounts').notNull(),
		entries: integer('entries').notNull(),
		credits: integer('credits').notNull(),
		booked: integer('booked').notNull(),
		review: integer('review').notNull(),
		duplicates: integer('duplicates').notNull(),
		importedBy: uuid('imported_by').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('bank_imports_file').on(t.merchantId, t.fileHash)]
);

export type BankEntryStatus = 'booked' | 'review' | 'unmatched' | 'dismissed';

export const bankEntries = pgTable(
	'bank_entries',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		importId: uuid('import_id')
			.notNull()
			.references(() => bankImports.id),
		/** The account and the bank's reference (or a hash of the transfer): one transfer is booked once, whatever file brings it. */
		entryKey: text('entry_key').notNull(),
		account: text('account').notNull(),
		bookedOn: date('booked_on', { mode: 'string' }).notNull(),
		amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
		currency: text('currency').notNull(),
		payerName: text('payer_name'),
		payerIban: text('payer_iban'),
		endToEndId: text('end_to_end_id'),
		creditorRef: text('creditor_ref'),
		remittance: text('remittance').notNull(),
		status: text('status').$type<BankEntryStatus>().notNull(),
		/** Why it waits or was booked: sure | partial | more | unsure. */
		verdict: text('verdict').notNull(),
		candidates: jsonb('candidates').$type<Candidate[]>().notNull().default([]),
		claimId: uuid('claim_id').references(() => claims.id),
		decidedBy: text('decided_by'),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('bank_entries_key').on(t.merchantId, t.entryKey),
		index('bank_entries_review').on(t.merchantId, t.status, t.bookedOn),
		check('bank_entries_status', sql`${t.status} in ('booked', 'review', 'unmatched', 'dismissed')`),
		check('bank_entries_amount', sql`${t.amountCents} > 0`)
	]
);

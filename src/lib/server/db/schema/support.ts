// What debtors tell support ("I already paid", "I don't agree", a question), with an optional file, and the answer.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { MessageKind, MessageStatus } from '../../../domain/message';
import { bytea, claims, createdAt, debtorRef, merchantRef } from './core';
import { users } from './accounts';

export const debtorMessages = pgTable(
	'debtor_messages',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		debtorId: debtorRef(),
		/** The claim a dispute is about; a question may be about none in particular. */
		claimId: uuid('claim_id').references(() => claims.id),
		kind: text('kind').$type<MessageKind>().notNull(),
		body: text('body').notNull(),
		status: text('status').$type<MessageStatus>().notNull().default('open'),
		answer: text('answer'),
		answeredBy: uuid('answered_by').references(() => users.id),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [
		index('debtor_messages_debtor').on(t.debtorId, t.createdAt.desc()),
		check('debtor_messages_kind', sql`${t.kind} in ('already_paid', 'disagree', 'question')`),
		check('debtor_messages_status', sql`${t.status} in ('open', 'resolved', 'rejected')`),
		check('debtor_messages_body', sql`char_length(${t.body}) between 1 and 2000`),
		check('debtor_messages_answered', sql`(${t.status} = 'open') = (${t.answer} is null)`)
	]
);

/** A file sent with a message: its type is what the bytes say it is (PDF, JPEG or PNG), never the name. */
export const messageAttachments = pgTable(
	'message_attachments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		messageId: uuid('message_id')
			.notNull()
			.references(() => debtorMessages.id),
		fileName: text('file_name').notNull(),
		contentType: text('content_type').notNull(),
		sizeBytes: integer('size_bytes').notNull(),
		sha256: text('sha256').notNull(),
		/** The bytes, for attachments kept in the database (no object storage configured, or sent before it was). */
		content: bytea('content'),
		/** Where the bytes are in object storage (the storage module's attachments area); then content is null. Both null: erased. */
		storageKey: text('storage_key'),
		createdAt: createdAt()
	},
	(t) => [
		check('message_attachments_bytes', sql`${t.content} is null or ${t.storageKey} is null`),
		index('message_attachments_message').on(t.messageId),
		check('message_attachments_type', sql`${t.contentType} in ('application/pdf', 'image/jpeg', 'image/png')`),
		check('message_attachments_size', sql`${t.sizeBytes} between 1 and 5242880`)
	]
);

// Claims in: API keys (stored as hashes), idempotent API requests, and imports by file.
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { createdAt, merchantRef } from './core';

export const apiKeys = pgTable(
	'api_keys',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		name: text('name').notNull(),
		/** The first characters of the key, shown in the console so people can tell keys apart. */
		prefix: text('prefix').notNull(),
		/** SHA-256 of the whole key; the key itself is shown once and never stored. */
		keyHash: text('key_hash').notNull(),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: createdAt(),
		lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('api_keys_hash').on(t.keyHash), index('api_keys_merchant').on(t.merchantId)]
);

/** An Idempotency-Key answers a repeated request with the first response. */
export const apiIdempotency = pgTable(
	'api_idempotency',
	{
		merchantId: merchantRef(),
		key: text('key').notNull(),
		requestHash: text('request_hash').notNull(),
		status: integer('status').notNull(),
		body: jsonb('body').notNull(),
		createdAt: createdAt()
	},
	(t) => [primaryKey({ columns: [t.merchantId, t.key] })]
);

/** Each CSV upload, for the merchant's record and to recognise the same file again. */
export const imports = pgTable(
	'imports',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		fileSha256: text('file_sha256').notNull(),
		rows: integer('rows').notNull(),
		created: integer('created').notNull(),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: createdAt()
	},
	(t) => [index('imports_merchant').on(t.merchantId)]
);

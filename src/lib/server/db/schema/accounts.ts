// Console accounts: merchants' users, their sessions and invitations. Secrets are stored only as hashes.
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { merchants } from './core';

export type Role = 'owner' | 'agent';

/** One user works for one merchant; the role decides what the console lets them do. */
export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: uuid('merchant_id')
			.notNull()
			.references(() => merchants.id),
		/** Always stored lower-case and trimmed, so sign-in is case-insensitive. */
		email: text('email').notNull(),
		name: text('name').notNull(),
		role: text('role').$type<Role>().notNull(),
		/** argon2id, PHC string format. */
		passwordHash: text('password_hash').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('users_email').on(t.email),
		index('users_merchant').on(t.merchantId),
		check('users_role', sql`${t.role} in ('owner', 'agent')`),
		check('users_email_lower', sql`${t.email} = lower(${t.email})`)
	]
);

/** The id is the SHA-256 (hex) of the session token in the cookie; the token itself is never stored. */
export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('sessions_user').on(t.userId)]
);

/** A one-time link an owner hands to a new agent; only the token's hash is kept. */
export const invites = pgTable(
	'invites',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: uuid('merchant_id')
			.notNull()
			.references(() => merchants.id),
		email: text('email').notNull(),
		role: text('role').$type<Role>().notNull().default('agent'),
		tokenHash: text('token_hash').notNull(),
		createdBy: uuid('created_by')
			.notNull()
			.references(() => users.id),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('invites_token_hash').on(t.tokenHash),
		index('invites_merchant').on(t.merchantId),
		check('invites_role', sql`${t.role} in ('owner', 'agent')`)
	]
);

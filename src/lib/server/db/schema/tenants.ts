// Merchants who came by themselves: who signed up (legal details, e-mail verified), operator invites for when
// sign-up is closed, and each merchant's own Mollie account (tokens and keys sealed, see vault.ts).
import { sql } from 'drizzle-orm';
import { check, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { createdAt, merchants } from './core';

/**
 * A merchant that signed up. Merchants without a row (the demo's, those made before sign-up existed) count as
 * verified. Until `verifiedAt` nothing is sent to the merchant's debtors.
 */
export const merchantSignups = pgTable('merchant_signups', {
	merchantId: uuid('merchant_id')
		.primaryKey()
		.references(() => merchants.id),
	ownerId: uuid('owner_id')
		.notNull()
		.references(() => users.id),
	legalName: text('legal_name').notNull(),
	address: text('address').notNull(),
	/** Kamer van Koophandel number: eight digits. */
	kvk: text('kvk').notNull(),
	/** The name on debtors' bank statements for direct debits. */
	sepaCreditorName: text('sepa_creditor_name').notNull(),
	verifiedAt: timestamp('verified_at', { withTimezone: true }),
	createdAt: createdAt()
});

/** One link that proves an address; only its hash is kept. */
export const emailVerifications = pgTable(
	'email_verifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		tokenHash: text('token_hash').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('email_verifications_token_hash').on(t.tokenHash)]
);

/** Mail to console users (verification links): sent at once, kept so a failed one can be seen and sent again. */
export const accountMails = pgTable('account_mails', {
	id: uuid('id').primaryKey().defaultRandom(),
	toAddress: text('to_address').notNull(),
	subject: text('subject').notNull(),
	/** Never carries a secret other than the one-time link it exists for. */
	text: text('text').notNull(),
	sentAt: timestamp('sent_at', { withTimezone: true }),
	error: text('error'),
	createdAt: createdAt()
});

/** With SIGNUP=closed, an operator's one-time invitation to sign up a new merchant. */
export const merchantInvites = pgTable(
	'merchant_invites',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		email: text('email').notNull(),
		tokenHash: text('token_hash').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('merchant_invites_token_hash').on(t.tokenHash)]
);

export type MollieMethod = 'oauth' | 'api_key' | 'none';
export type MollieState = 'none' | 'pending_profile' | 'connected' | 'revoked';

/**
 * A merchant's own Mollie account. No row: the installation's account (MOLLIE_API_KEY, or the stand-in's), as
 * before merchants could bring their own. Every secret column holds a value sealed by vault.ts, never plaintext.
 */
export const merchantMollie = pgTable(
	'merchant_mollie',
	{
		merchantId: uuid('merchant_id')
			.primaryKey()
			.references(() => merchants.id),
		method: text('method').$type<MollieMethod>().notNull().default('none'),
		state: text('state').$type<MollieState>().notNull().default('none'),
		mode: text('mode').$type<'test' | 'live'>(),
		organizationId: text('organization_id'),
		organizationName: text('organization_name'),
		profileId: text('profile_id'),
		profileName: text('profile_name'),
		accessToken: text('access_token'),
		accessExpiresAt: timestamp('access_expires_at', { withTimezone: true }),
		refreshToken: text('refresh_token'),
		apiKey: text('api_key'),
		/** What the console shows of the key or token: its kind and last four characters. */
		secretHint: text('secret_hint'),
		connectedAt: timestamp('connected_at', { withTimezone: true }),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('merchant_mollie_method', sql`${t.method} in ('oauth', 'api_key', 'none')`),
		check('merchant_mollie_state', sql`${t.state} in ('none', 'pending_profile', 'connected', 'revoked')`),
		check('merchant_mollie_mode', sql`${t.mode} is null or ${t.mode} in ('test', 'live')`)
	]
);

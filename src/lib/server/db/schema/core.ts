// The database schema. Money is integer cents; the timeline is append-only (enforced by a trigger).
import { sql } from 'drizzle-orm';
import {
	bigint,
	bigserial,
	boolean,
	check,
	customType,
	date,
	index,
	integer,
	jsonb,
	pgTable,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';
import type { Tone } from '../../../domain/tone';
import type { ClaimStatus } from '../../../domain/claim';
import type { Policy } from '../../../domain/policy';
import type { OutreachSettings } from '../../../domain/outreach/settings';

/** Bytes (logos, attachments) as PostgreSQL's bytea. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea'
});

/** Columns most tables share: when the row was made, and whose it is (merchant, debtor). */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const merchantRef = () =>
	uuid('merchant_id')
		.notNull()
		.references(() => merchants.id);
export const debtorRef = () =>
	uuid('debtor_id')
		.notNull()
		.references(() => debtors.id);

export const merchants = pgTable(
	'merchants',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		slug: text('slug').notNull().unique(),
		displayName: text('display_name').notNull(),
		tone: text('tone').$type<Tone>().notNull().default('friendly'),
		/** The language a debtor is written to when the import or API names none, and their browser tells nothing better. */
		defaultLocale: text('default_locale').notNull().default('nl'),
		brandColor: text('brand_color').notNull().default('#1f4e5f'),
		accentColor: text('accent_color').notNull().default('#f2b134'),
		logo: bytea('logo'),
		logoType: text('logo_type'),
		logoHash: text('logo_hash'),
		contactEmail: text('contact_email'),
		contactPhone: text('contact_phone'),
		contactHours: text('contact_hours'),
		website: text('website'),
		/** The name messages to debtors are sent under. */
		senderName: text('sender_name'),
		/** What a debtor must confirm before any detail is shown: nothing, their postcode or their date of birth. */
		privacyCheck: text('privacy_check').$type<'none' | 'postcode' | 'birthdate'>().notNull().default('none'),
		/** The merchant's rules for plans and more time; null means the defaults (see domain/policy). */
		policy: jsonb('policy').$type<Policy>(),
		/** The merchant's reminder journey and rules for reaching debtors; null means the defaults (domain/outreach). */
		outreach: jsonb('outreach').$type<OutreachSettings>(),
		/** Months after a debtor's last claim was settled before their personal data is removed (see privacy/retention). */
		retentionMonths: integer('retention_months').notNull().default(24),
		createdAt: createdAt()
	},
	(t) => [
		check('merchants_tone', sql`${t.tone} in ('friendly', 'neutral', 'formal')`),
		check('merchants_default_locale', sql`${t.defaultLocale} in ('nl', 'en', 'de', 'fr', 'tr', 'pl', 'ar')`),
		check('merchants_privacy_check', sql`${t.privacyCheck} in ('none', 'postcode', 'birthdate')`),
		check('merchants_brand_color', sql`${t.brandColor} ~ '^#[0-9a-fA-F]{6}$'`),
		check('merchants_accent_color', sql`${t.accentColor} ~ '^#[0-9a-fA-F]{6}$'`),
		check('merchants_retention_months', sql`${t.retentionMonths} between 6 and 120`)
	]
);

export const debtors = pgTable(
	'debtors',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		customerRef: text('customer_ref').notNull(),
		name: text('name').notNull(),
		email: text('email'),
		phone: text('phone'),
		/** For the privacy check: stored normalised (upper case, no spaces). */
		postcode: text('postcode'),
		/** The postal address for letters: street and house number, the postcode above, city and country (ISO 3166-1). */
		street: text('street'),
		city: text('city'),
		country: text('country').notNull().default('NL'),
		birthDate: date('birth_date', { mode: 'string' }),
		locale: text('locale').notNull().default('nl'),
		/** Whether `locale` was given (import, API, the debtor's own choice) or is the merchant's default: then the
		 * debtor's browser language goes first on their page. */
		localeGiven: boolean('locale_given').notNull().default(true),
		/** Support paused collection out of goodwill: no payment prompts until they resume it. */
		collectionPausedAt: timestamp('collection_paused_at', { withTimezone: true }),
		/** A permanent delivery failure (SMTP 5xx) stopped e-mail to this address until it changes. */
		emailBouncedAt: timestamp('email_bounced_at', { withTimezone: true }),
		emailBounceReason: text('email_bounce_reason'),
		/** The debtor stopped reminders by e-mail (one click); notices an agreement requires still go. */
		remindersStoppedAt: timestamp('reminders_stopped_at', { withTimezone: true }),
		/** How the debtor (or the merchant for them) wants to be reached: email | sms | letter; null is e-mail. */
		preferredChannel: text('preferred_channel'),
		/** The debtor replied STOP to a text message: no reminders by SMS; notices an agreement requires still go. */
		smsStoppedAt: timestamp('sms_stopped_at', { withTimezone: true }),
		/** A text message to this number could not be delivered (the provider's report): no SMS until it changes. */
		phoneFailedAt: timestamp('phone_failed_at', { withTimezone: true }),
		phoneFailReason: text('phone_fail_reason'),
		/** What the support search matches, in one lower-cased column with one trigram index (kept by PostgreSQL). */
		/** When the personal data was removed (retention or the debtor's request): the row stays, anonymised, for the figures. */
		erasedAt: timestamp('erased_at', { withTimezone: true }),
		/** Lowercase slugs from the import or the API (`business`, `vulnerable`, `vip`) that segment rules can look at. */
		tags: text('tags')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		searchText: text('search_text').generatedAlwaysAs(sql`lower(name || ' ' || coalesce(email, '') || ' ' || customer_ref)`),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('debtors_merchant_customer_ref').on(t.merchantId, t.customerRef),
		// The console's debtor list pages through a merchant's debtors by name.
		index('debtors_merchant_name').on(t.merchantId, t.name, t.id),
		check('debtors_preferred_channel', sql`${t.preferredChannel} in ('email', 'sms', 'letter')`),
		// A STOP reply names only its phone number.
		index('debtors_phone')
			.on(t.phone)
			.where(sql`${t.phone} is not null`),
		index('debtors_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`)
	]
);

export const claims = pgTable(
	'claims',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		debtorId: debtorRef(),
		reference: text('reference').notNull(),
		description: text('description').notNull(),
		amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
		/** Paid so far by instalments; the claim is 'paid' once this reaches the amount. */
		amountPaidCents: bigint('amount_paid_cents', { mode: 'number' }).notNull().default(0),
		currency: text('currency').notNull().default('EUR'),
		issuedOn: date('issued_on', { mode: 'string' }).notNull(),
		dueOn: date('due_on', { mode: 'string' }).notNull(),
		status: text('status').$type<ClaimStatus>().notNull().default('open'),
		/** The debtor disputes this claim (already paid, or does not agree): on hold until support answers. */
		disputedAt: timestamp('disputed_at', { withTimezone: true }),
		/** An invoice of the merchant's, or the statutory collection costs Coulant added after a 14-day letter's term. */
		kind: text('kind').$type<'invoice' | 'collection_costs'>().notNull().default('invoice'),
		/** For collection costs: the 14-day letter (outbox message) whose term ended unpaid — costs once per letter. */
		costsForMessageId: uuid('costs_for_message_id'),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('claims_merchant_reference').on(t.merchantId, t.reference),
		uniqueIndex('claims_costs_once').on(t.costsForMessageId),
		check('claims_kind', sql`${t.kind} in ('invoice', 'collection_costs')`),
		index('claims_debtor').on(t.debtorId),
		// The support search finds a claim by any part of its reference, in any case.
		index('claims_reference_search_trgm').using('gin', sql`lower(${t.reference}) gin_trgm_ops`),
		check('claims_amount_positive', sql`${t.amountCents} > 0`),
		check('claims_paid_within_amount', sql`${t.amountPaidCents} >= 0 and ${t.amountPaidCents} <= ${t.amountCents}`),
		check('claims_currency', sql`${t.currency} ~ '^[A-Z]{3}$'`),
		check('claims_status', sql`${t.status} in ('open', 'paid', 'recalled')`)
	]
);

export const links = pgTable(
	'links',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		debtorId: debtorRef(),
		tokenHash: text('token_hash').notNull(),
		createdAt: createdAt(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		/** When the last visit was put on the timeline (visits are counted once per half hour). */
		lastVisitAt: timestamp('last_visit_at', { withTimezone: true }),
		/** The outbox message this link was sent in, so a visit records which message brought the debtor. */
		messageId: uuid('message_id')
	},
	(t) => [uniqueIndex('links_token_hash').on(t.tokenHash), index('links_debtor').on(t.debtorId)]
);

export const timelineEvents = pgTable(
	'timeline_events',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		merchantId: merchantRef(),
		debtorId: debtorRef(),
		claimId: uuid('claim_id').references(() => claims.id),
		type: text('type').notNull(),
		actor: text('actor').notNull(),
		occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
		payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({})
	},
	(t) => [
		index('timeline_debtor_time').on(t.debtorId, t.occurredAt.desc(), t.id.desc()),
		check('timeline_payload_small', sql`octet_length(${t.payload}::text) <= 4096`)
	]
);

/**
 * Throttles as GCRA (the generic cell rate algorithm): per key one "theoretical arrival time". A limit of L per
 * window W lets L through at once and then one more every W/L, so no clock boundary doubles it.
 * Keys are keyed hashes (see secrets.ts): they name no client or address.
 */
export const throttles = pgTable('throttles', {
	key: text('key').primaryKey(),
	tat: timestamp('tat', { withTimezone: true, precision: 3 }).notNull()
});

/** One random secret per installation, shared by every process through the database (keyed hashes). */
export const serverSecrets = pgTable('server_secrets', {
	name: text('name').primaryKey(),
	value: text('value').notNull()
});

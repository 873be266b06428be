// Segments: a merchant's ordered rules that sort debtors into groups with their own treatment, and which group
// each debtor is in now. The KPI dashboard reads `debtor_segments` to split its figures per segment.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Policy } from '../../../domain/policy';
import type { OutreachSettings } from '../../../domain/outreach/settings';
import type { Tone } from '../../../domain/tone';
import { createdAt, debtors, merchantRef } from './core';

export const segments = pgTable(
	'segments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		name: text('name').notNull(),
		/** Order of evaluation: the first segment whose rules match wins; the last one catches everyone. */
		position: integer('position').notNull(),
		/** The segment's rules (domain/segments); an empty list matches every debtor. */
		rules: jsonb('rules').$type<unknown[]>().notNull().default([]),
		/** The segment's own treatment; null means the merchant's. */
		tone: text('tone').$type<Tone>(),
		outreach: jsonb('outreach').$type<OutreachSettings>(),
		policy: jsonb('policy').$type<Policy>(),
		/** Offer a person (support) early on the debtor's page, e.g. for debtors marked vulnerable. */
		offerPersonEarly: boolean('offer_person_early').notNull().default(false),
		/** The calmest path: every message in the friendly tone, and a person early (always so for a debtor tagged vulnerable). */
		calm: boolean('calm').notNull().default(false),
		createdAt: createdAt(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('segments_merchant_position').on(t.merchantId, t.position),
		check('segments_tone', sql`${t.tone} is null or ${t.tone} in ('friendly', 'neutral', 'formal')`)
	]
);

/** The segment a debtor is in now (kept when rules change or what Coulant knows of the debtor changes). */
export const debtorSegments = pgTable(
	'debtor_segments',
	{
		debtorId: uuid('debtor_id')
			.primaryKey()
			.references(() => debtors.id),
		merchantId: merchantRef(),
		segmentId: uuid('segment_id')
			.notNull()
			.references(() => segments.id),
		assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('debtor_segments_segment').on(t.merchantId, t.segmentId)]
);

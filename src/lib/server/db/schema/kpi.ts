// The results dashboard's aggregates: daily counters per merchant × segment × metric (× channel, journey step,
// bucket), kept by a follower of the timeline (server/kpi/follow.ts) with its cursor in the same transaction.
import { bigint, date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { merchantRef } from './core';

/** What a counter row holds besides its merchant and period: the same in the daily and the monthly table. */
const counter = () => ({
	segmentId: uuid('segment_id').notNull(),
	metric: text('metric').notNull(),
	channel: text('channel').notNull().default(''),
	step: text('step').notNull().default(''),
	bucket: integer('bucket').notNull().default(0),
	count: bigint('count', { mode: 'number' }).notNull().default(0),
	cents: bigint('cents', { mode: 'number' }).notNull().default(0)
});

/**
 * One counter: how many (`count`) and how much (`cents`) of `metric` on `day` (Europe/Amsterdam) for debtors in
 * `segment_id` when the event was counted (the nil uuid: no segment). Metrics are listed in domain/kpi.ts.
 */
export const kpiDaily = pgTable(
	'kpi_daily',
	{
		merchantId: merchantRef(),
		day: date('day', { mode: 'string' }).notNull(),
		...counter()
	},
	(t) => [primaryKey({ columns: [t.merchantId, t.day, t.segmentId, t.metric, t.channel, t.step, t.bucket] })]
);

/** The same counters per calendar month (`month` is its first day), so a year is read from twelve rows, not 365. */
export const kpiMonthly = pgTable(
	'kpi_monthly',
	{
		merchantId: merchantRef(),
		month: date('month', { mode: 'string' }).notNull(),
		...counter()
	},
	(t) => [primaryKey({ columns: [t.merchantId, t.month, t.segmentId, t.metric, t.channel, t.step, t.bucket] })]
);

/** How far the follower has read the timeline. */
export const kpiCursor = pgTable('kpi_cursor', {
	name: text('name').primaryKey(),
	lastEventId: bigint('last_event_id', { mode: 'number' }).notNull().default(0)
});

/** Events counted within the look-back window behind the cursor, so a late commit is counted once (see follow.ts). */
export const kpiSeen = pgTable('kpi_seen', {
	eventId: bigint('event_id', { mode: 'number' }).primaryKey()
});

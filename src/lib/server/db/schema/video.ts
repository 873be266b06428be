// The personalised video's bookkeeping: which debtors' facts changed (filled by triggers, see drizzle/0014), and per
// debtor and language which video the facts call for and which one is published.
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { debtorRef, debtors, merchantRef } from './core';

export const VIDEO_STATES = ['none', 'waiting', 'rendering', 'ready', 'failed'] as const;
export type VideoState = (typeof VIDEO_STATES)[number];

/**
 * A debtor whose video facts (claims, plan, promise, pause, name, language, their merchant's look) changed, and
 * when last: written by triggers on those tables, so no code path can forget it; the video drain renders once the
 * debtor has been quiet for a while, so a burst of changes makes one render of the final state.
 */
export const videoChanges = pgTable('video_changes', {
	debtorId: uuid('debtor_id')
		.primaryKey()
		.references(() => debtors.id, { onDelete: 'cascade' }),
	changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow()
});

export const debtorVideos = pgTable(
	'debtor_videos',
	{
		debtorId: debtorRef(),
		locale: text('locale').notNull(),
		merchantId: merchantRef(),
		state: text('state').$type<VideoState>().notNull(),
		/** The content name the debtor's facts call for now; null when no video fits their situation. */
		wanted: text('wanted'),
		/** The content name of the files last published for this debtor and language (kept while a page may ask for them). */
		published: text('published'),
		/** The shared chunk file the published video was joined from (kept while any live video uses it). */
		chunk: text('chunk'),
		/** How long the last real render took: the queue's time estimate. */
		renderMs: integer('render_ms'),
		error: text('error'),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.debtorId, t.locale] }),
		index('debtor_videos_merchant_state').on(t.merchantId, t.state),
		check('debtor_videos_state', sql`${t.state} in ('none', 'waiting', 'rendering', 'ready', 'failed')`)
	]
);

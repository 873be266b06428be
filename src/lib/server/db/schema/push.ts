// Push from the installed app: the browsers' push subscriptions, each made on the debtor's page behind one personal
// link and removed when the push service says it is gone (404/410) or the debtor turns push off. The VAPID keys live
// in server_secrets (see server/push/keys.ts).
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, debtorRef, links, merchantRef } from './core';

export const pushSubscriptions = pgTable(
	'push_subscriptions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		debtorId: debtorRef(),
		/** The link the debtor subscribed behind: a revoked or expired link takes its subscriptions with it. */
		linkId: uuid('link_id')
			.notNull()
			.references(() => links.id, { onDelete: 'cascade' }),
		/** The push service's URL for this browser (a capability: never logged, never on the timeline). */
		endpoint: text('endpoint').notNull(),
		/** The browser's P-256 public key and auth secret (RFC 8291), base64url. */
		p256dh: text('p256dh').notNull(),
		auth: text('auth').notNull(),
		createdAt: createdAt(),
		/** When the push service last accepted a message for it. */
		lastPushedAt: timestamp('last_pushed_at', { withTimezone: true })
	},
	(t) => [
		// One phone subscribing again behind the same link refreshes its keys; two debtors on one phone each keep theirs.
		uniqueIndex('push_subscriptions_link_endpoint').on(t.linkId, t.endpoint),
		index('push_subscriptions_debtor').on(t.debtorId)
	]
);

// Push from the installed app, as the debtor page sees it: a phone asks to be reminded (its subscription is kept
// behind the personal link it was made on, within limits), and push is turned off again. Each change is a timeline
// event; the endpoint itself (a capability URL) goes on no timeline and in no log.
import type { Cookies } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { endpointProblem, type EndpointProblem } from '../../domain/push/endpoint';
import type { PushSubscriptionInput } from '../../schemas/push';
import type { Db } from '../db/client';
import { pushSubscriptions, timelineEvents } from '../db/schema';
import { find, passes } from '../portal/privacy';
import * as subscriptions from './queries';

/** Phones (browsers) per personal link, and per debtor across their links: a forwarded link cannot collect many. */
export const PER_LINK = 5;
export const PER_DEBTOR = 10;

export type LinkOwner = { linkId: string; debtorId: string; merchantId: string };

/** The link behind a token with its owner once the privacy check is passed; 'locked' before; null when invalid. */
export async function ownerOf(db: Db, token: string, cookies: Cookies, now = new Date()): Promise<LinkOwner | 'locked' | null> {
	const row = await find(db, token, now);
	if (!row) return null;
	if (!passes(row.merchant.check, row.link.id, cookies, now)) return 'locked';
	return { linkId: row.link.id, debtorId: row.debtor.id, merchantId: row.merchant.id };
}

export type Subscribed =
	| { ok: true; created: boolean }
	| { ok: false; problem: EndpointProblem; message: string }
	| { ok: false; problem: 'too_many'; message: string };

const ENDPOINT_MESSAGES: Record<EndpointProblem, string> = {
	not_a_url: 'endpoint must be a URL',
	not_https: 'endpoint must be an https:// URL',
	not_a_push_service: "endpoint must be a browser push service's URL",
	has_credentials: 'endpoint must not carry credentials'
};

/** Keeps a phone's subscription behind the link; the same phone again only refreshes its keys. */
export async function subscribe(
	db: Db,
	owner: LinkOwner,
	input: PushSubscriptionInput,
	options: { allowLoopback: boolean },
	now = new Date()
): Promise<Subscribed> {
	const problem = endpointProblem(input.endpoint, options.allowLoopback);
	if (problem) return { ok: false, problem, message: ENDPOINT_MESSAGES[problem] };
	return db.transaction(async (tx) => {
		await subscriptions.lockLink(tx, owner.linkId);
		const refreshed = await tx
			.update(pushSubscriptions)
			.set({ p256dh: input.keys.p256dh, auth: input.keys.auth })
			.where(and(eq(pushSubscriptions.linkId, owner.linkId), eq(pushSubscriptions.endpoint, input.endpoint)))
			.returning({ id: pushSubscriptions.id });
		if (refreshed.length) return { ok: true as const, created: false };
		// Counted under the link's lock, before the insert: two posts at once cannot both take the last place.
		if ((await subscriptions.countOn(tx, 'link', owner.linkId)) >= PER_LINK)
			return { ok: false as const, problem: 'too_many' as const, message: `at most ${PER_LINK} devices per link` };
		if ((await subscriptions.countOn(tx, 'debtor', owner.debtorId)) >= PER_DEBTOR)
			return { ok: false as const, problem: 'too_many' as const, message: `at most ${PER_DEBTOR} devices` };
		await tx.insert(pushSubscriptions).values({
			merchantId: owner.merchantId,
			debtorId: owner.debtorId,
			linkId: owner.linkId,
			endpoint: input.endpoint,
			p256dh: input.keys.p256dh,
			auth: input.keys.auth,
			createdAt: now
		});
		await tx.insert(timelineEvents).values({
			merchantId: owner.merchantId,
			debtorId: owner.debtorId,
			type: 'push.subscribed',
			actor: 'debtor',
			occurredAt: now,
			// Which push service, not which phone: enough for support to know it was set up.
			payload: { service: new URL(input.endpoint).hostname }
		});
		return { ok: true as const, created: true };
	});
}

/** Push off for every phone of the debtor; returns how many subscriptions went. */
export async function stop(db: Db, who: { debtorId: string; merchantId: string }, now = new Date()): Promise<number> {
	return db.transaction(async (tx) => {
		const gone = await subscriptions.removeAllOf(tx, who.debtorId);
		if (gone.length)
			await tx.insert(timelineEvents).values({
				merchantId: who.merchantId,
				debtorId: who.debtorId,
				type: 'push.stopped',
				actor: 'debtor',
				occurredAt: now,
				payload: { devices: gone.length, via: 'page' }
			});
		return gone.length;
	});
}

/** Whether the debtor has push on, on a phone behind a link that still works (for their page). */
export async function isOn(db: Db, debtorId: string, now = new Date()): Promise<boolean> {
	return (await subscriptions.countForDebtor(db, debtorId, now)) > 0;
}

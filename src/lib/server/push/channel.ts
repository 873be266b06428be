// The push channel of the outbox (see outreach/channels.ts): a claimed row goes, encrypted (RFC 8291) and signed
// with the installation's VAPID key, to every phone the debtor subscribed behind a link that still works. A push
// service that answers 404 or 410 has dropped the subscription: it is removed, and the others still count.
import type { Agent } from 'node:https';
import webpush from 'web-push';
import { endpointProblem } from '../../domain/push/endpoint';
import type { Db } from '../db/client';
import { timelineEvents } from '../db/schema';
import type { ChannelSender, Delivery } from '../outreach/channels';
import type { Vapid } from './keys';
import * as subscriptions from './queries';

/** What the service worker receives: a title and a body to show, the page to open on a tap, a tag per message. */
export type PushPayload = { title: string; body: string; url: string; tag: string };

export const payloadOf = (d: Pick<Delivery, 'subject' | 'text' | 'link' | 'row'>): PushPayload => ({
	title: d.subject,
	body: d.text,
	url: d.link,
	tag: d.row.kind
});

export type PushOptions = {
	db: () => Promise<Db>;
	vapid: () => Promise<Vapid>;
	/** Tests and local development only: lets pushes go to a push service on this machine. */
	allowLoopback: boolean;
	timeoutMs?: number;
	now?: () => Date;
	/** Tests only: the agent that trusts the local push service's certificate. */
	agent?: Agent;
};

export function pushChannel(options: PushOptions): ChannelSender {
	const now = options.now ?? (() => new Date());
	return {
		channel: 'push',
		async deliver(d) {
			const db = await options.db();
			const at = now();
			const subs = await subscriptions.forDebtor(db, d.row.debtorId, at);
			if (subs.length === 0) return { ok: false, permanent: true, reason: 'no_subscription' };
			const vapid = await options.vapid();
			const payload = JSON.stringify(payloadOf(d));
			const accepted: string[] = [];
			const gone: string[] = [];
			const failures: string[] = [];
			for (const s of subs) {
				// Checked again when sending: a row stored before the rule, or by hand, reaches no other host.
				if (endpointProblem(s.endpoint, options.allowLoopback)) {
					gone.push(s.id);
					continue;
				}
				try {
					await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, payload, {
						vapidDetails: vapid,
						// A reminder for today is worth little tomorrow.
						TTL: 12 * 3600,
						urgency: 'normal',
						timeout: options.timeoutMs ?? 10_000,
						...(options.agent ? { agent: options.agent } : {})
					});
					accepted.push(s.id);
				} catch (e) {
					// web-push rejects with a WebPushError carrying the push service's status (none when it was not reached).
					const status = typeof (e as { statusCode?: unknown })?.statusCode === 'number' ? (e as { statusCode: number }).statusCode : 0;
					if (status === 404 || status === 410) gone.push(s.id);
					// The reason names the status only: a push service's body or the endpoint may identify the phone.
					else failures.push(status ? `push service answered ${status}` : 'push service unreachable');
				}
			}
			if (gone.length) await dropped(db, gone, at);
			await subscriptions.markPushed(db, accepted, at);
			if (accepted.length) return { ok: true, transport: 'push' };
			if (failures.length) return { ok: false, permanent: false, reason: failures[0] };
			return { ok: false, permanent: true, reason: 'subscription_gone' };
		}
	};
}

/** Subscriptions the push service no longer knows: removed, with a line on the timeline per debtor. */
async function dropped(db: Db, ids: string[], at: Date) {
	const removed = await subscriptions.remove(db, ids);
	const byDebtor = new Map<string, { merchantId: string; n: number }>();
	for (const r of removed) byDebtor.set(r.debtorId, { merchantId: r.merchantId, n: (byDebtor.get(r.debtorId)?.n ?? 0) + 1 });
	if (byDebtor.size === 0) return;
	await db.insert(timelineEvents).values(
		[...byDebtor].map(([debtorId, { merchantId, n }]) => ({
			merchantId,
			debtorId,
			type: 'push.gone',
			actor: 'system',
			occurredAt: at,
			payload: { devices: n }
		}))
	);
}

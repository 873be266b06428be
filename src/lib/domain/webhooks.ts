// Webhooks out, the pure part: the events a merchant can receive, which timeline entries they come from, the retry
// schedule, and the shape of a signing secret (Standard Webhooks: `whsec_` + base64).

export const WEBHOOK_EVENTS = [
	'claim.paid',
	'claim.recalled',
	'claim.handed_over',
	'claim.taken_back',
	'payment.paid',
	'payment.failed',
	'plan.created',
	'plan.at_risk',
	'plan.broken',
	'plan.completed',
	'promise.made',
	'promise.kept',
	'promise.missed',
	'dispute.opened',
	'dispute.answered',
	'message.sent',
	'message.bounced',
	'debtor.contact_changed'
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const isWebhookEvent = (v: string): v is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(v);

/** Timeline types whose event has the same name. */
const SAME = [
	'claim.recalled',
	'claim.handed_over',
	'claim.taken_back',
	'payment.failed',
	'plan.created',
	'plan.at_risk',
	'plan.broken',
	'plan.completed',
	'promise.made',
	'promise.kept',
	'promise.missed',
	'dispute.opened',
	'debtor.contact_changed'
] as const;

const RENAMED: Record<string, WebhookEvent> = {
	'claim.paid_outside': 'claim.paid',
	'outreach.sent': 'message.sent',
	'outreach.bounced': 'message.bounced'
};

/** Every timeline type that gives an event (the follower reads only these). */
export const SOURCE_TYPES: readonly string[] = [...SAME, ...Object.keys(RENAMED), 'payment.paid', 'message.answered'];

/** Message kinds whose answer closes a dispute (domain/message: `disputes`). */
export const DISPUTE_KINDS = ['already_paid', 'disagree'] as const;

/**
 * The events one timeline entry gives, in order. A payment for claims (not an instalment) also pays those claims;
 * an answer is an event only when it answers a dispute. Empty for anything else.
 */
export function eventsOf(type: string, payload: Record<string, unknown>): WebhookEvent[] {
	if ((SAME as readonly string[]).includes(type)) return [type as WebhookEvent];
	if (RENAMED[type]) return [RENAMED[type]];
	if (type === 'payment.paid') return payload.instalment ? ['payment.paid'] : ['payment.paid', 'claim.paid'];
	if (type === 'message.answered' && (DISPUTE_KINDS as readonly string[]).includes(String(payload.kind))) return ['dispute.answered'];
	return [];
}

/** Retries go on this long from the first try; an endpoint failing for this long is turned off. */
export const RETRY_WINDOW_MS = 3 * 86_400_000;

export type Backoff = { firstMs: number; maxMs: number };
/** 10 s, 20 s, 40 s … doubling up to 6 hours between tries: about 25 tries in three days. */
export const DEFAULT_BACKOFF: Backoff = { firstMs: 10_000, maxMs: 6 * 3600_000 };

/**
 * The wait before the next try after `attempts` tries: exponential, with jitter of ±20 % so that receivers that came
 * back do not get every retry in the same second. `random` is in [0, 1).
 */
export function retryDelayMs(attempts: number, backoff: Backoff = DEFAULT_BACKOFF, random = Math.random()): number {
	const base = Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, Math.min(attempts - 1, 40)));
	return Math.round(base * (0.8 + 0.4 * random));
}

/** What happens after a failed try: another one at `at`, or giving up because the retry window is over. */
export function afterFailure(
	attempts: number,
	windowStart: Date,
	now: Date,
	backoff: Backoff = DEFAULT_BACKOFF,
	random = Math.random()
): { retry: true; at: Date } | { retry: false } {
	const at = new Date(now.getTime() + retryDelayMs(attempts, backoff, random));
	return at.getTime() - windowStart.getTime() > RETRY_WINDOW_MS ? { retry: false } : { retry: true, at };
}

/** True when an endpoint has failed without a single success for the whole retry window. */
export const failingTooLong = (failingSince: Date | null, now: Date) =>
	failingSince !== null && now.getTime() - failingSince.getTime() >= RETRY_WINDOW_MS;

/** A Standard Webhooks secret: `whsec_` and the base64 of at least 24 bytes. */
export const SECRET_SHAPE = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;

/** How long a rotated-out secret keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

/** The events feed's page size: the default and the most one page may hold. */
export const EVENTS_PAGE = { default: 100, max: 500 } as const;

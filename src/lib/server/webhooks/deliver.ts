// The sender: takes due outbox rows (skipping rows another sender holds), POSTs each event signed per Standard
// Webhooks, and records the answer. At least once, with the event's id as webhook-id on every try, so a receiver
// deduplicates; a sender killed mid-request leaves its rows 'sending' until their lease ends, then they go again.
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterFailure, DEFAULT_BACKOFF, failingTooLong, type Backoff } from '../../domain/webhooks';
import type { Db } from '../db/client';
import { rowsOf } from '../db/client';
import { signingSecrets } from './endpoints';
import { DEFAULT_TIMEOUT_MS, post, type PostResult } from './http';

export type DeliverOptions = {
	allowLoopback: boolean;
	timeoutMs?: number;
	backoff?: Backoff;
	batch?: number;
	concurrency?: number;
	/** How long a taken row is the sender's before another may take it again (default: the timeout and 30 s). */
	leaseMs?: number;
	/** The clock, injectable so tests can pass three days in a moment. */
	now?: () => Date;
	random?: () => number;
};

export type DeliverResult = {
	delivered: number;
	retrying: number;
	failed: number;
	disabled: { endpointId: string; merchantId: string; url: string }[];
};

type Due = {
	id: string;
	merchant_id: string;
	endpoint_id: string;
	event_id: string;
	attempts: number;
	window_start: Date | string;
	url: string;
	secret: string;
	previous_secret: string | null;
	previous_secret_until: Date | string | null;
	type: string;
	occurred_at: Date | string;
	data: Record<string, unknown>;
};

const GIVE_UP_SPAN_MS = 86_400_000;

export const webhookId = (eventId: number | string) => `evt_${eventId}`;

/** The JSON body of an event, the same in a webhook and in the events feed. */
export const eventBody = (e: { id: number | string; type: string; occurredAt: Date; data: Record<string, unknown> }) => ({
	id: webhookId(e.id),
	type: e.type,
	timestamp: e.occurredAt.toISOString(),
	data: e.data
});

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** Takes up to `limit` due rows of endpoints that are on: 'sending', tried once more, due again when the lease ends. */
async function take(db: Db, limit: number, now: Date, leaseMs: number): Promise<Due[]> {
	const at = now.toISOString();
	return rowsOf<Due>(
		await db.execute(sql`
			with due as (
				select d.id from webhook_deliveries d join webhook_endpoints p on p.id = d.endpoint_id and p.enabled
				where d.status in ('pending', 'sending') and d.next_attempt_at <= ${at}::timestamptz
				order by d.next_attempt_at, d.event_id limit ${limit}
				for update of d skip locked),
			taken as (
				update webhook_deliveries d set status = 'sending', attempts = d.attempts + 1, last_attempt_at = ${at}::timestamptz,
					next_attempt_at = ${at}::timestamptz + ${`${leaseMs} milliseconds`}::interval
				from due where d.id = due.id
				returning d.id, d.merchant_id, d.endpoint_id, d.event_id, d.attempts, d.window_start)
			select t.*, p.url, p.secret, p.previous_secret, p.previous_secret_until, e.type, e.occurred_at, e.data
			from taken t join webhook_endpoints p on p.id = t.endpoint_id join webhook_events e on e.id = t.event_id
			order by t.event_id`)
	);
}

function signed(row: Due, now: Date) {
	const body = JSON.stringify(eventBody({ id: row.event_id, type: row.type, occurredAt: asDate(row.occurred_at), data: row.data }));
	const id = webhookId(row.event_id);
	const at = new Date(Math.floor(now.getTime() / 1000) * 1000);
	const secrets = signingSecrets(
		{
			id: row.endpoint_id,
			secret: row.secret,
			previousSecret: row.previous_secret,
			previousSecretUntil: row.previous_secret_until ? asDate(row.previous_secret_until) : null
		},
		now
	);
	const signature = secrets.map((s) => new Webhook(s).sign(id, at, body)).join(' ');
	return {
		body,
		headers: { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature }
	};
}

/** Records one try. Only the try that holds the row (same attempt count, still 'sending') may write it. */
async function record(db: Db, row: Due, result: PostResult, now: Date, options: DeliverOptions, out: DeliverResult) {
	const at = now.toISOString();
	const kept = { status: result.status, body: result.body.slice(0, 2048), error: result.error?.slice(0, 300) ?? null };
	if (result.ok) {
		await db.execute(sql`
			with done as (
				update webhook_deliveries set status = 'delivered', delivered_at = ${at}::timestamptz, response_status = ${kept.status},
					response_body = ${kept.body}, error = null
				where id = ${row.id}::uuid and status = 'sending' and attempts = ${row.attempts}
				returning endpoint_id)
			update webhook_endpoints set failing_since = null
			where id in (select endpoint_id from done) and failing_since is not null`);
		out.delivered++;
		return;
	}
	const next = afterFailure(
		row.attempts,
		asDate(row.window_start),
		now,
		options.backoff ?? DEFAULT_BACKOFF,
		(options.random ?? Math.random)()
	);
	await db.execute(sql`
		update webhook_deliveries set status = ${next.retry ? 'pending' : 'failed'},
			next_attempt_at = ${next.retry ? next.at.toISOString() : at}::timestamptz,
			response_status = ${kept.status}, response_body = ${kept.body}, error = ${kept.error}
		where id = ${row.id}::uuid and status = 'sending' and attempts = ${row.attempts}`);
	if (next.retry) out.retrying++;
	else out.failed++;
	// Turned off, and the owner told: an endpoint that has not once succeeded for the whole retry window, or that just
	// gave up on a delivery after failing without a single success for more than a day. An endpoint that refuses one
	// event but takes the others stays on.
	const [endpoint] = rowsOf<{ failing_since: Date | string; enabled: boolean }>(
		await db.execute(sql`
			update webhook_endpoints set failing_since = coalesce(failing_since, ${at}::timestamptz)
			where id = ${row.endpoint_id}::uuid returning failing_since, enabled`)
	);
	const since = endpoint && asDate(endpoint.failing_since);
	if (endpoint?.enabled && since && (failingTooLong(since, now) || (!next.retry && now.getTime() - since.getTime() > GIVE_UP_SPAN_MS))) {
		const off = rowsOf<{ id: string }>(
			await db.execute(sql`
				update webhook_endpoints set enabled = false, disabled_reason = 'failing', disabled_at = ${at}::timestamptz
				where id = ${row.endpoint_id}::uuid and enabled returning id`)
		);
		if (off.length) out.disabled.push({ endpointId: row.endpoint_id, merchantId: row.merchant_id, url: row.url });
	}
}

/** Sends what is due until nothing is. */
export async function deliver(db: Db, options: DeliverOptions): Promise<DeliverResult> {
	const out: DeliverResult = { delivered: 0, retrying: 0, failed: 0, disabled: [] };
	const clock = options.now ?? (() => new Date());
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	const concurrency = options.concurrency ?? 32;
	for (;;) {
		const rows = await take(db, options.batch ?? 200, clock(), options.leaseMs ?? timeoutMs + 30_000);
		if (!rows.length) return out;
		let next = 0;
		const worker = async () => {
			while (next < rows.length) {
				const row = rows[next++];
				const { body, headers } = signed(row, clock());
				const result = await post(row.url, body, headers, { allowLoopback: options.allowLoopback, timeoutMs });
				await record(db, row, result, clock(), options, out);
			}
		};
		await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, worker));
	}
}

/** When the next row is due (for scheduling the next run), or null when nothing waits. */
export async function nextDue(db: Db): Promise<Date | null> {
	const [row] = rowsOf<{ at: Date | string | null }>(
		await db.execute(sql`
			select min(d.next_attempt_at) as at from webhook_deliveries d join webhook_endpoints p on p.id = d.endpoint_id and p.enabled
			where d.status in ('pending', 'sending')`)
	);
	return row?.at ? asDate(row.at) : null;
}

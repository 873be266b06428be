// Recording what happened to a message, and putting it on the debtor's timeline in the same statement. Only a message
// still being sent changes, so a late or repeated record does nothing. A message the transport accepted is recorded at
// once, coalesced with the others accepted meanwhile into one statement: between a provider's "accepted" and our
// "sent" lies only that statement, the window in which a kill -9 could make the next process send it again.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';

type Detail = { reason?: string; transport?: string; retryAt?: Date };
type Accepted = { transport: string; parts?: number; costCents?: number };

/** The timeline entry for each row the statement's `done` returned: `outreach.<its new status>`. */
export const timelineOfDone = (at: string) => sql`
	insert into timeline_events (merchant_id, debtor_id, type, actor, occurred_at, payload)
	select merchant_id, debtor_id, 'outreach.' || status, 'system', ${at}::timestamptz,
		jsonb_strip_nulls(jsonb_build_object('messageId', id::text, 'kind', kind, 'channel', channel, 'subject', subject,
			'attempts', attempts, 'reason', reason, 'transport', transport, 'parts', parts))
	from done`;

export function recorder(db: Db, now: Date) {
	const at = now.toISOString();
	let waiting: { id: string; a: Accepted; done: () => void; fail: (e: unknown) => void }[] = [];
	let running: Promise<void> | null = null;

	async function flush() {
		while (waiting.length) {
			const take = waiting;
			waiting = [];
			const values: SQL[] = take.map(
				(t) => sql`(${t.id}::uuid, ${t.a.transport}::text, ${t.a.parts ?? null}::int, ${t.a.costCents ?? 0}::int)`
			);
			try {
				await db.execute(sql`
					with v(id, transport, parts, cost) as (values ${sql.join(values, sql`, `)}),
					done as (
						update outbox_messages o set status = 'sent', reason = null, transport = v.transport, parts = v.parts,
							cost_cents = v.cost, sent_at = ${at}::timestamptz
						from v where o.id = v.id and o.status = 'sending'
						returning o.id, o.merchant_id, o.debtor_id, o.kind, o.channel, o.subject, o.attempts, o.status, o.reason,
							o.transport, o.parts)
					${timelineOfDone(at)}`);
				for (const t of take) t.done();
			} catch (e) {
				for (const t of take) t.fail(e);
			}
		}
		running = null;
	}

	return {
		/** The transport accepted it. */
		sent(id: string, a: Accepted): Promise<void> {
			return new Promise((done, fail) => {
				waiting.push({ id, a, done, fail });
				running ??= flush();
			});
		},
		async finish(id: string, status: 'deferred' | 'bounced' | 'canceled', detail: Detail) {
			await db.execute(sql`
				with done as (
					update outbox_messages set status = ${status}, reason = ${detail.reason ?? null},
						transport = coalesce(${detail.transport ?? null}, transport),
						send_after = coalesce(${detail.retryAt?.toISOString() ?? null}::timestamptz, send_after)
					where id = ${id}::uuid and status = 'sending'
					returning id, merchant_id, debtor_id, kind, channel, subject, attempts, status, reason, transport, parts)
				${timelineOfDone(at)}`);
		},
		async flushed() {
			await running;
		}
	};
}

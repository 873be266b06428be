// The follower: reads the timeline from its cursor, writes the merchant-facing events and, in the same transaction,
// one outbox row per event and subscribed endpoint. One follower at a time (the cursor row's lock) gives the ids,
// so event ids rise in commit order and the events feed can be paged by id without ever skipping one.
import { eq, sql } from 'drizzle-orm';
import { DISPUTE_KINDS, SOURCE_TYPES } from '../../domain/webhooks';
import type { Db } from '../db/client';
import { rowsOf } from '../db/client';
import { timelineEvents, webhookCursor, webhookEvents } from '../db/schema';
import { build } from './payloads';

const CURSOR = 'webhooks';
/**
 * Timeline ids are given at insert but seen at commit: an entry whose transaction was still open when the follower
 * passed its id would be skipped for ever. So the follower also looks back this many ids for entries it has not
 * turned into events yet (an anti-join on their source), and a late commit still gets its event, with a later id.
 */
const LOOKBACK = 2000;

/** Turns new timeline entries into events and deliveries. Returns how many events it wrote. */
export async function follow(db: Db, options: { batch?: number } = {}, now = new Date()): Promise<number> {
	const batch = options.batch ?? 500;
	let written = 0;
	for (;;) {
		const { count, more } = await db.transaction(async (tx) => {
			await tx.insert(webhookCursor).values({ name: CURSOR }).onConflictDoNothing();
			const [cursor] = await tx.select().from(webhookCursor).where(eq(webhookCursor.name, CURSOR)).for('update');
			const sources = sql.join(
				SOURCE_TYPES.map((t) => sql`${t}`),
				sql`, `
			);
			const kinds = sql.join(
				DISPUTE_KINDS.map((k) => sql`${k}`),
				sql`, `
			);
			const candidates = rowsOf<{ id: string }>(
				await tx.execute(sql`
					select t.id from timeline_events t
					where t.id > ${cursor.lastTimelineId - LOOKBACK} and t.type in (${sources})
						and (t.type <> 'message.answered' or t.payload->>'kind' in (${kinds}))
						and (t.id > ${cursor.lastTimelineId}
							or not exists (select 1 from webhook_events w where w.timeline_event_id = t.id))
					order by t.id limit ${batch}`)
			).map((r) => Number(r.id));
			if (!candidates.length) return { count: 0, more: false };
			const events = await tx
				.select()
				.from(timelineEvents)
				.where(sql`${timelineEvents.id} in ${candidates}`)
				.orderBy(timelineEvents.id);
			const built = await build(tx, events);
			let id = cursor.lastEventId;
			const rows = built.map((b) => ({ ...b, id: ++id }));
			if (rows.length) {
				await tx.insert(webhookEvents).values(rows).onConflictDoNothing();
				// The outbox, with the events: an endpoint that is on and asked for the type gets one row per event.
				await tx.execute(sql`
					insert into webhook_deliveries (merchant_id, endpoint_id, event_id, next_attempt_at, window_start)
					select e.merchant_id, p.id, e.id, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
					from webhook_events e join webhook_endpoints p on p.merchant_id = e.merchant_id and p.enabled and p.events ? e.type
					where e.id > ${cursor.lastEventId} and e.id <= ${id}
					on conflict do nothing`);
			}
			await tx
				.update(webhookCursor)
				.set({ lastTimelineId: Math.max(cursor.lastTimelineId, candidates[candidates.length - 1]), lastEventId: id })
				.where(eq(webhookCursor.name, CURSOR));
			return { count: rows.length, more: candidates.length === batch };
		});
		written += count;
		if (!more) return written;
	}
}

// Notices that answer something that happened: a receipt after a payment, the plan's confirmation or its SEPA
// pre-notification, a calm word after a missed promise or a plan in trouble, a note when support answered. They
// follow the timeline by a cursor, so each event is looked at once and a crash halfway only looks again.
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { CHANNELS, type Channel } from '../../domain/outreach/channels';
import { goesAtOnce, NOTICE_EVENT_TYPES, noticeForEvent, REQUIRED_NOTICES, type NoticeKind } from '../../domain/outreach/notices';
import { nextSendMoment } from '../../domain/outreach/send-window';
import { outreachOf } from '../../domain/outreach/settings';
import type { Db } from '../db/client';
import { merchants, outreachCursor, timelineEvents } from '../db/schema';
import { composeNotice, type NoticeSubject } from './compose';
import { enqueue, type NewMessage } from './outbox';
import { clockOf, merchantOutreachColumns, pushNotice } from './plan';
import { situations } from './situations';

const CURSOR = 'notices';

/** The notice an event brings, with the key that makes it once. A plan in trouble is told once a day at most. */
export function noticeOf(
	e: { id: number; type: string; payload: Record<string, unknown>; occurredAt: Date },
	today: string
): (NoticeSubject & { dedupeKey: string }) | null {
	if (e.type === 'plan.broken')
		return {
			kind: 'plan_broken',
			about: String(e.payload.planId ?? e.id),
			payload: e.payload,
			dedupeKey: `notice:plan_broken:${e.payload.planId ?? e.id}`
		};
	const kind = noticeForEvent(e.type, e.payload);
	if (!kind) return null;
	const payload = { ...e.payload, paidOn: e.occurredAt.toISOString() };
	if (kind === 'plan_trouble') return { kind, about: today, payload, dedupeKey: `notice:plan_trouble:${today}` };
	if (kind === 'pre_debit_notice')
		return {
			kind,
			about: String(e.payload.subscriptionId ?? e.id),
			payload,
			dedupeKey: `notice:pre_debit_notice:${e.payload.subscriptionId ?? e.id}`
		};
	return { kind, about: String(e.id), payload, dedupeKey: `event:${e.id}` };
}

/** Reads the timeline from the cursor on and queues the notices its events bring. Returns how many were queued. */
export async function followEvents(
	db: Db,
	options: { origin: string; mailDomain: string; batch?: number; channels?: readonly Channel[] },
	now = new Date()
): Promise<number> {
	let queued = 0;
	for (;;) {
		const done = await db.transaction(async (tx) => {
			await tx.insert(outreachCursor).values({ name: CURSOR, lastEventId: 0 }).onConflictDoNothing();
			// One follower at a time: the row lock keeps two processes from reading the same events.
			const [cursor] = await tx.select().from(outreachCursor).where(eq(outreachCursor.name, CURSOR)).for('update');
			const events = await tx
				.select()
				.from(timelineEvents)
				.where(and(gt(timelineEvents.id, cursor.lastEventId), inArray(timelineEvents.type, [...NOTICE_EVENT_TYPES])))
				.orderBy(timelineEvents.id)
				.limit(options.batch ?? 500);
			if (events.length === 0) return true;
			queued += await queueFor(tx, events, options, now);
			await tx
				.update(outreachCursor)
				.set({ lastEventId: events[events.length - 1].id })
				.where(eq(outreachCursor.name, CURSOR));
			return events.length < (options.batch ?? 500);
		});
		if (done) return queued;
	}
}

type Event = typeof timelineEvents.$inferSelect;

async function queueFor(
	db: Db,
	events: Event[],
	options: { origin: string; mailDomain: string; channels?: readonly Channel[] },
	now: Date
): Promise<number> {
	const merchantIds = [...new Set(events.map((e) => e.merchantId))];
	const rows = await db.select(merchantOutreachColumns).from(merchants).where(inArray(merchants.id, merchantIds));
	const messages: NewMessage[] = [];
	for (const m of rows) {
		const { policy } = outreachOf(m.outreach);
		const clock = clockOf(policy, now);
		const mine = events.filter((e) => e.merchantId === m.id);
		const debtorIds = [...new Set(mine.map((e) => e.debtorId))];
		const found = new Map((await situations(db, sql`d.id in ${debtorIds}`, clock, debtorIds.length)).map((s) => [s.debtorId, s]));
		for (const e of mine) {
			const s = found.get(e.debtorId);
			const notice = noticeOf(e, clock.today);
			if (!s || !notice) continue;
			const reminder = !REQUIRED_NOTICES.includes(notice.kind as NoticeKind);
			if (reminder && s.paused) continue;
			const sendAfter = goesAtOnce(notice.kind) ? now : nextSendMoment(now, policy.window);
			const because = { notice: notice.kind, eventId: e.id };
			if (s.pushable && (options.channels ?? CHANNELS).includes('push'))
				messages.push(...pushNotice(m, s, notice, notice.dedupeKey, sendAfter, because));
			if (!s.email || s.bounced || (reminder && s.stopped)) continue;
			const composed = await composeNotice(m, policy, s, notice, options.origin);
			if (!composed) continue;
			messages.push({
				merchantId: m.id,
				debtorId: s.debtorId,
				stepId: null,
				dedupeKey: notice.dedupeKey,
				channel: 'email',
				toAddress: s.email,
				tried: [],
				sendAfter,
				composed,
				because
			});
		}
	}
	return (await enqueue(db, messages, options.mailDomain, now)).length;
}

// The results dashboard reconciles with the raw events: a scenario of many debtors' timelines (made by a seeded random
// generator) is counted by the follower in rounds — with a crash halfway, two followers at once and a debtor moving
// segment — and every counter, and every figure the dashboard shows, is recomputed here from scratch and compared.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarise, medianOf, NO_SEGMENT, type Counter } from '../../src/lib/domain/kpi';
import type { Database, Db } from '../../src/lib/server/db/client';
import { rowsOf } from '../../src/lib/server/db/client';
import { claims, debtorSegments, outboxMessages, segments, timelineEvents } from '../../src/lib/server/db/schema';
import { countBatch, follow } from '../../src/lib/server/kpi/follow';
import * as kpi from '../../src/lib/server/kpi/queries';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

/** mulberry32: the same scenario on every run. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Ev = typeof timelineEvents.$inferInsert;
type Msg = typeof outboxMessages.$inferInsert;

/** One debtor's life, as events at rising moments from `start`. */
function lifeOf(rnd: () => number, d: { merchantId: string; debtorId: string; claimIds: string[]; amounts: number[] }, start: number) {
	const events: Ev[] = [];
	const messages: Msg[] = [];
	let t = start;
	const later = (maxHours: number) => (t += Math.floor(rnd() * maxHours * 3600_000) + 60_000);
	const ev = (type: string, payload: Record<string, unknown> = {}, actor = 'debtor', claimId?: string) =>
		events.push({ merchantId: d.merchantId, debtorId: d.debtorId, claimId, type, actor, occurredAt: new Date(t), payload });
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
	d.claimIds.forEach((id) => ev('claim.received', { source: 'csv' }, 'user:importer', id));
	if (rnd() < 0.15) ev('note.added', {}, 'user:agent');
	let openPromise: string | null = null;
	for (let n = 0; n < 1 + Math.floor(rnd() * 3); n++) {
		later(n === 0 ? 30 : 200);
		const id = randomUUID();
		const channel = pick(['email', 'sms', 'letter'] as const);
		if (rnd() < 0.9)
			messages.push({
				id,
				merchantId: d.merchantId,
				debtorId: d.debtorId,
				kind: 'reminder',
				stepId: pick(['link', 'reminder-1', 'fourteen-day', null]),
				dedupeKey: `k:${id}`,
				channel,
				toAddress: 'x@example.nl',
				costCents: channel === 'email' ? 0 : channel === 'sms' ? 8 : 95,
				locale: 'nl',
				tone: 'friendly',
				subject: 's',
				html: 'h',
				text: 't',
				status: 'sent',
				sendAfter: new Date(t),
				messageId: id
			});
		ev('outreach.sent', { messageId: id, kind: 'reminder', channel }, 'system');
		if (rnd() < 0.6) {
			later(48);
			ev('link.opened', { messageId: id });
		}
		if (rnd() < 0.5) {
			later(2);
			ev('video.progress', { percent: pick([25, 50, 75]) });
		}
		if (rnd() < 0.2) {
			later(1);
			ev('video.completed');
		}
		if (rnd() < 0.3) {
			later(1);
			ev('link.opened', { messageId: id });
		}
	}
	const r = rnd();
	if (r < 0.25) {
		later(100);
		ev('payment.started');
		if (rnd() < 0.3) {
			openPromise = randomUUID();
			ev('promise.made', { promiseId: openPromise });
			later(100);
		}
		const paymentId = randomUUID();
		ev('payment.paid', { paymentId, amountCents: d.amounts.reduce((a, b) => a + b, 0) }, 'mollie');
		if (openPromise && rnd() < 0.8) ev('promise.kept', { promiseId: openPromise }, 'system');
		if (rnd() < 0.1) {
			later(300);
			ev('payment.charged_back', { paymentId, amountCents: d.amounts[0] }, 'mollie');
		}
	} else if (r < 0.45) {
		later(100);
		ev('plan.created', { planId: 'p' });
		const instalments = 1 + Math.floor(rnd() * 3);
		for (let i = 0; i < instalments; i++) {
			later(24 * 12);
			const paymentId = randomUUID();
			ev('payment.paid', { paymentId, amountCents: 1000 }, 'mollie');
			ev('instalment.paid', { paymentId, amountCents: 1000, number: i + 1 }, 'mollie');
		}
		ev(rnd() < 0.7 ? 'plan.completed' : 'plan.broken', { planId: 'p' }, 'system');
	} else if (r < 0.6) {
		later(100);
		const promiseId = randomUUID();
		ev('promise.made', { promiseId });
		later(24 * 10);
		ev('promise.broken', { promiseId }, 'system');
	} else if (r < 0.72) {
		later(200);
		if (rnd() < 0.5) ev('claim.part_paid_outside', { amountCents: 500 }, 'user:owner', d.claimIds[0]);
		later(20);
		ev('claim.paid_outside', {}, rnd() < 0.5 ? 'user:owner' : 'api:key', d.claimIds[0]);
	} else if (r < 0.8) {
		later(50);
		ev('dispute.opened', { kind: pick(['already_paid', 'disagree']) }, 'debtor', d.claimIds[0]);
	}
	return { events, messages, end: t };
}

type Raw = {
	id: number;
	merchant_id: string;
	debtor_id: string;
	claim_id: string | null;
	type: string;
	actor: string;
	occurred_at: Date;
	payload: Record<string, unknown>;
};

const dayOf = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(at);

/** The reference: every counter recomputed from the raw log, by plain reading of the definitions (domain/kpi.ts). */
async function recompute(db: Db, segmentAt: (debtorId: string, eventId: number) => string) {
	const events = rowsOf<Raw>(await db.execute(`select * from timeline_events order by id`)).map((e) => ({
		...e,
		id: Number(e.id),
		occurred_at: new Date(e.occurred_at)
	}));
	const amounts = new Map(
		rowsOf<{ id: string; amount_cents: number }>(await db.execute(`select id, amount_cents from claims`)).map((c) => [
			c.id,
			Number(c.amount_cents)
		])
	);
	const outbox = new Map(
		rowsOf<{ id: string; channel: string; step_id: string | null; cost_cents: number }>(
			await db.execute(`select id, channel, step_id, cost_cents from outbox_messages`)
		).map((o) => [o.id, o])
	);
	const stage = (e: Raw) =>
		e.type === 'outreach.sent'
			? 'sent'
			: e.type === 'link.opened'
				? 'opened'
				: e.type === 'video.completed' || (e.type === 'video.progress' && Number(e.payload.percent) >= 50)
					? 'watched'
					: ['payment.started', 'plan.created', 'promise.made'].includes(e.type)
						? 'chose'
						: ['payment.paid', 'instalment.paid'].includes(e.type)
							? 'paid'
							: null;
	const byDebtor = new Map<string, Raw[]>();
	for (const e of events) byDebtor.set(e.debtor_id, [...(byDebtor.get(e.debtor_id) ?? []), e]);
	const out = new Map<string, Counter & { merchantId: string; day: string; segmentId: string }>();
	const add = (e: Raw, day: string, metric: string, cents = 0, channel = '', step = '', bucket = 0) => {
		const segmentId = segmentAt(e.debtor_id, e.id);
		const key = [e.merchant_id, day, segmentId, metric, channel, step, bucket].join('|');
		const c = out.get(key) ?? { merchantId: e.merchant_id, day, segmentId, metric, channel, step, bucket, count: 0, cents: 0 };
		c.count += 1;
		c.cents += cents;
		out.set(key, c);
	};
	const WEEK = 7 * 86_400_000;
	for (const life of byDebtor.values()) {
		life.forEach((e, i) => {
			const before = life.slice(0, i);
			const all = life;
			const day = dayOf(e.occurred_at);
			const first = before.find((x) => x.type === 'outreach.sent');
			const cents = Number(e.payload.amountCents ?? 0);
			const instalment =
				e.type === 'payment.paid' && all.some((x) => x.type === 'instalment.paid' && x.payload.paymentId === e.payload.paymentId);
			if (e.type === 'claim.received') {
				add(e, day, 'placed', amounts.get(e.claim_id!)!);
				if (!before.some((x) => x.type === 'claim.received')) add(e, day, 'debtors');
				const paid = before.find((x) => stage(x) === 'paid');
				if (paid && !before.some((x) => x.type === 'claim.received' && x.id > paid.id)) add(e, dayOf(paid.occurred_at), 'r_retained');
			}
			if (e.type === 'payment.paid' && !instalment) {
				const open = before.some(
					(p) =>
						p.type === 'promise.made' &&
						!before.some((r) => ['promise.kept', 'promise.broken'].includes(r.type) && r.payload.promiseId === p.payload.promiseId)
				);
				add(e, day, open ? 'collected_promise' : 'collected_now', cents);
			}
			if (e.type === 'instalment.paid') add(e, day, 'collected_plan', cents);
			if (e.type === 'claim.part_paid_outside') add(e, day, 'collected_outside', cents);
			if (e.type === 'claim.paid_outside') {
				const part = before
					.filter((x) => x.type === 'claim.part_paid_outside' && x.claim_id === e.claim_id)
					.reduce((a, x) => a + Number(x.payload.amountCents), 0);
				add(e, day, 'collected_outside', amounts.get(e.claim_id!)! - part);
			}
			if (e.type === 'payment.charged_back') add(e, day, 'charged_back', cents);
			const how =
				e.type === 'plan.completed'
					? 'plan'
					: e.type === 'claim.paid_outside'
						? 'outside'
						: e.type === 'payment.paid' && !instalment
							? 'now'
							: null;
			if (how) {
				add(e, day, 'settled', 0, '', how);
				if (how !== 'outside' && !before.some((x) => x.actor.startsWith('user:'))) add(e, day, 'settled_self', 0, '', how);
				if (first) add(e, day, 'days_to_pay', 0, '', '', Math.min(365, Math.floor((+e.occurred_at - +first.occurred_at) / 86_400_000)));
			}
			const simple: Record<string, string> = {
				'plan.created': 'plans_made',
				'plan.completed': 'plans_kept',
				'plan.broken': 'plans_broken',
				'promise.made': 'promises_made',
				'promise.kept': 'promises_kept',
				'promise.broken': 'promises_broken',
				'dispute.opened': 'disputes'
			};
			if (simple[e.type]) add(e, day, simple[e.type]);
			if (e.type === 'dispute.opened' && e.payload.kind === 'disagree') add(e, day, 'complaints');
			const s = stage(e);
			if (!s) return;
			const firstEver = !before.some((x) => stage(x) === s);
			if (s === 'sent') {
				const o = outbox.get(String(e.payload.messageId));
				add(e, day, 'f_sent', Number(o?.cost_cents ?? 0), o?.channel ?? String(e.payload.channel), o?.step_id ?? 'notice');
				if (!first) add(e, day, 'v_cohort');
			} else {
				const last = before.findLast((x) => x.type === 'outreach.sent');
				const o = last && outbox.get(String(last.payload.messageId));
				if (!before.some((x) => stage(x) === s && x.id > (last?.id ?? 0)))
					add(e, day, `f_${s}`, 0, last ? (o?.channel ?? String(last.payload.channel)) : 'none', last ? (o?.step_id ?? 'notice') : '');
			}
			if (!first || !firstEver) return;
			const inWeek = (x: Raw) => +x.occurred_at <= +first.occurred_at + WEEK;
			if (s === 'watched' && inWeek(e) && !before.some((x) => stage(x) === 'paid')) add(e, dayOf(first.occurred_at), 'v_watched');
			if (s === 'paid') {
				add(e, day, 'r_payers');
				if (inWeek(e)) {
					add(e, dayOf(first.occurred_at), 'v_paid');
					const w = all.find((x) => stage(x) === 'watched');
					if (w && w.id < e.id && w.id > first.id && inWeek(w)) add(e, dayOf(first.occurred_at), 'v_paid_watched');
				}
			}
		});
		// a first payment without a first message still makes a payer
		for (const e of life)
			if (
				stage(e) === 'paid' &&
				!life.some((x) => x.type === 'outreach.sent' && x.id < e.id) &&
				!life.some((x) => stage(x) === 'paid' && x.id < e.id)
			)
				add(e, dayOf(e.occurred_at), 'r_payers');
	}
	return [...out.values()];
}

type Row = Counter & { merchantId: string; day: string; segmentId: string };
const keyOf = (r: Row) => [r.merchantId, r.day, r.segmentId, r.metric, r.channel, r.step, r.bucket].join('|');
const sorted = (rows: Row[]) => rows.filter((r) => r.count || r.cents).sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

async function stored(db: Db, table: 'kpi_daily' | 'kpi_monthly' = 'kpi_daily'): Promise<Row[]> {
	const rows = rowsOf<Record<string, string | number>>(await db.execute(sql.raw(`select * from ${table}`)));
	return rows.map((r) => ({
		merchantId: String(r.merchant_id),
		day: String(r.day ?? r.month).slice(0, 10),
		segmentId: String(r.segment_id),
		metric: String(r.metric),
		channel: String(r.channel),
		step: String(r.step),
		bucket: Number(r.bucket),
		count: Number(r.count),
		cents: Number(r.cents)
	}));
}

describe('the results dashboard', () => {
	it(
		'counts every event once and every figure reconciles exactly with a recomputation from the raw events',
		{ timeout: 60_000 },
		async () => {
			const { db } = database;
			const rnd = random(16);
			const merchants = [await make.merchant(db), await make.merchant(db)];
			const segs = await db
				.insert(segments)
				.values([
					{ merchantId: merchants[0].id, name: 'Kwetsbaar', position: 1 },
					{ merchantId: merchants[0].id, name: 'Zakelijk', position: 2 },
					{ merchantId: merchants[1].id, name: 'Alle anderen', position: 1 }
				])
				.returning();
			const segmentOf = new Map<string, { from: number; segmentId: string }[]>();
			const events: Ev[] = [];
			const messages: Msg[] = [];
			const start = Date.UTC(2026, 0, 20, 8);
			for (let i = 0; i < 90; i++) {
				const m = merchants[i % 3 === 2 ? 1 : 0];
				const d = await make.debtor(db, m.id);
				const n = 1 + Math.floor(rnd() * 2);
				const cl = await db
					.insert(claims)
					.values(
						Array.from({ length: n }, (_, k) => ({
							merchantId: m.id,
							debtorId: d.id,
							reference: `F-${i}-${k}`,
							description: 'x',
							amountCents: 1500 + Math.floor(rnd() * 9000),
							issuedOn: '2026-01-01',
							dueOn: '2026-01-15'
						}))
					)
					.returning();
				const choice = rnd();
				const seg = m === merchants[0] ? (choice < 0.3 ? segs[0].id : choice < 0.6 ? segs[1].id : null) : choice < 0.5 ? segs[2].id : null;
				if (seg) await db.insert(debtorSegments).values({ debtorId: d.id, merchantId: m.id, segmentId: seg });
				segmentOf.set(d.id, [{ from: 0, segmentId: seg ?? NO_SEGMENT }]);
				const life = lifeOf(
					rnd,
					{ merchantId: m.id, debtorId: d.id, claimIds: cl.map((c) => c.id), amounts: cl.map((c) => c.amountCents) },
					start + Math.floor(rnd() * 60 * 86_400_000)
				);
				events.push(...life.events);
				messages.push(...life.messages);
				if (rnd() < 0.3)
					events.push({
						...life.events[0],
						type: 'claim.received',
						occurredAt: new Date(life.end + 86_400_000),
						claimId: null,
						payload: {},
						actor: 'api:key',
						__newClaim: true
					} as Ev);
			}
			// New claims for returning customers need a claim row of their own.
			for (const e of events.filter((x) => (x as { __newClaim?: boolean }).__newClaim)) {
				delete (e as { __newClaim?: boolean }).__newClaim;
				const [c] = await db
					.insert(claims)
					.values({
						merchantId: e.merchantId,
						debtorId: e.debtorId,
						reference: `N-${randomUUID()}`,
						description: 'x',
						amountCents: 4200,
						issuedOn: '2026-06-01',
						dueOn: '2026-06-15'
					})
					.returning();
				e.claimId = c.id;
			}
			events.sort((a, b) => +a.occurredAt! - +b.occurredAt!);
			await db.insert(outboxMessages).values(messages);
			const segmentAt = (debtorId: string, eventId: number) => segmentOf.get(debtorId)!.findLast((s) => s.from <= eventId)!.segmentId;

			// In rounds, as events arrive; the second round crashes halfway and is counted again; then two followers race.
			const thirds = [
				events.slice(0, events.length / 3),
				events.slice(events.length / 3, (2 * events.length) / 3),
				events.slice((2 * events.length) / 3)
			];
			for (let k = 0; k < thirds[0].length; k += 500) await db.insert(timelineEvents).values(thirds[0].slice(k, k + 500));
			expect(await follow(db, { batch: 97 })).toBe((await db.$count(timelineEvents, undefined)) - 0 - (await notCounted(db)));
			await db.insert(timelineEvents).values(thirds[1]);
			await expect(
				db.transaction(async (tx) => {
					await countBatch(tx, 50);
					throw new Error('killed halfway');
				})
			).rejects.toThrow('killed halfway');
			await follow(db, { batch: 200 });
			// A debtor moves segment: what was counted stays where it was, what comes now counts for the new segment.
			const mover = thirds[2].find((e) => e.merchantId === merchants[0].id && e.type === 'outreach.sent')!.debtorId;
			const [{ top }] = rowsOf<{ top: number }>(await db.execute(`select max(id) as top from timeline_events`));
			await db
				.insert(debtorSegments)
				.values({ debtorId: mover, merchantId: merchants[0].id, segmentId: segs[1].id })
				.onConflictDoUpdate({ target: debtorSegments.debtorId, set: { segmentId: segs[1].id } });
			segmentOf.get(mover)!.push({ from: Number(top) + 1, segmentId: segs[1].id });
			await db.insert(timelineEvents).values(thirds[2]);
			await Promise.all([follow(db, { batch: 150 }), follow(db, { batch: 150 })]);
			expect(await follow(db)).toBe(0);

			const reference = await recompute(db, segmentAt);
			expect(sorted(await stored(db))).toEqual(sorted(reference));
			expect(reference.length).toBeGreaterThan(200);
			// The monthly counters are the daily ones summed per calendar month.
			const monthly = new Map<string, Row>();
			for (const r of reference) {
				const m = { ...r, day: `${r.day.slice(0, 7)}-01` };
				const had = monthly.get(keyOf(m));
				monthly.set(keyOf(m), had ? { ...had, count: had.count + r.count, cents: had.cents + r.cents } : m);
			}
			expect(sorted(await stored(db, 'kpi_monthly'))).toEqual(sorted([...monthly.values()]));

			// The dashboard's figures for a year, a month, a segment, and "no segment", each against the reference.
			const pick = (r: Row[], s: kpi.Scope) =>
				r.filter((c) => c.merchantId === s.merchantId && c.day >= s.from && c.day <= s.to && (!s.segmentId || c.segmentId === s.segmentId));
			const scopes: kpi.Scope[] = [
				{ merchantId: merchants[0].id, from: '2026-01-01', to: '2026-12-31', segmentId: null },
				{ merchantId: merchants[0].id, from: '2026-02-01', to: '2026-02-28', segmentId: null },
				{ merchantId: merchants[0].id, from: '2026-01-01', to: '2026-12-31', segmentId: segs[0].id },
				{ merchantId: merchants[0].id, from: '2026-03-01', to: '2026-03-31', segmentId: NO_SEGMENT },
				{ merchantId: merchants[0].id, from: '2026-02-10', to: '2026-04-20', segmentId: null },
				{ merchantId: merchants[0].id, from: '2026-01-25', to: '2026-02-03', segmentId: segs[1].id },
				{ merchantId: merchants[1].id, from: '2026-01-01', to: '2026-12-31', segmentId: segs[2].id }
			];
			for (const s of scopes) {
				const { kpis, trend } = await kpi.dashboard(db, s);
				expect(kpis).toEqual(summarise(pick(reference, s)));
				expect(trend.reduce((a, p) => a + p.collectedCents, 0)).toBe(kpis.collected.cents);
				expect(trend.reduce((a, p) => a + p.placedCents, 0)).toBe(kpis.placed.cents);
			}
			const year = (await kpi.dashboard(db, scopes[0])).kpis;
			// What a person reads: the figures are not all zero, and the median is that of the raw waits.
			expect(year.placed.count).toBeGreaterThan(30);
			expect(year.collected.now).toBeGreaterThan(0);
			expect(year.collected.plan).toBeGreaterThan(0);
			expect(year.collected.outside).toBeGreaterThan(0);
			expect(year.funnel.some((f) => f.opened > 0 && f.watched > 0 && f.paid > 0)).toBe(true);
			expect(year.video.watched + year.video.notWatched).toBeGreaterThan(10);
			expect(year.retention.retained).toBeGreaterThan(0);
			const waits = pick(reference, scopes[0])
				.filter((c) => c.metric === 'days_to_pay')
				.flatMap((c) => Array(c.count).fill(c.bucket) as number[])
				.sort((a, b) => a - b);
			expect(year.medianDaysToPay).toBe(waits[Math.ceil(waits.length / 2) - 1]);
			// Another merchant's figures never show.
			const other = await kpi.dashboard(db, { ...scopes[0], merchantId: (await make.merchant(db)).id });
			expect(other.kpis.placed.count).toBe(0);
		}
	);

	it('takes the lower middle of a histogram as the median', () => {
		expect(
			medianOf(
				new Map([
					[3, 1],
					[1, 1],
					[10, 2]
				])
			)
		).toBe(3);
		expect(medianOf(new Map([[2, 3]]))).toBe(2);
		expect(medianOf(new Map())).toBeNull();
	});
});

/** Events the follower does not look at (types no figure needs). */
async function notCounted(db: Db) {
	const [{ n }] = rowsOf<{ n: number }>(
		await db.execute(
			`select count(*)::int as n from timeline_events where kpi_stage(type, payload) is null and type not in ('claim.received','payment.paid','instalment.paid','claim.paid_outside','claim.part_paid_outside','payment.charged_back','plan.created','plan.completed','plan.broken','promise.made','promise.kept','promise.broken','dispute.opened','outreach.sent','link.opened','video.progress','video.completed','payment.started')`
		)
	);
	return Number(n);
}

// The follower behind the results dashboard: reads the timeline from its cursor and adds each new event to the daily
// and monthly counters (kpi_daily, kpi_monthly), set-based, in one transaction with the cursor — so a crash halfway counts nothing and the
// next run counts it once. Definitions of every metric: domain/kpi.ts (and the README); the reconciliation test
// (tests/integration/kpi.test.ts) recomputes them from the raw events.
import { eq, sql } from 'drizzle-orm';
import { KPI_EVENT_TYPES, KPI_TIME_ZONE, NO_SEGMENT, WINDOW_DAYS, DAYS_CAP } from '../../domain/kpi';
import type { Db, Tx } from '../db/client';
import { rowsOf } from '../db/client';
import { kpiCursor } from '../db/schema';

const CURSOR = 'kpi';
/**
 * Timeline ids are given at insert but seen at commit: an event whose transaction was still open when the follower
 * passed its id would be missed. So the follower also looks back this many ids for events it has not counted yet
 * (kpi_seen holds the counted ones within that window), and a late commit is still counted, once.
 */
export const LOOKBACK = 2000;

const types = sql.join(
	KPI_EVENT_TYPES.map((t) => sql`${t}`),
	sql`, `
);

/** Exactly 7 × 24 hours, whatever the session's time zone says about summer time. */
const WINDOW = sql.raw(`interval '${WINDOW_DAYS * 24} hours'`);

const local = (col: string) => sql.raw(`(${col} at time zone '${KPI_TIME_ZONE}')::date`);

/** The events not counted yet, in id order, at most `batch`. */
const candidates = (cursor: number, batch: number) => sql`
	cand as (
		select t.id from timeline_events t
		where t.id > ${cursor - LOOKBACK} and t.type in (${types})
			and (t.id > ${cursor} or not exists (select 1 from kpi_seen s where s.event_id = t.id))
		order by t.id limit ${batch})`;

/** Adds the candidates to the counters. Every look-up goes back by id only, so the result depends only on the log. */
function addStatement(cursor: number, batch: number) {
	const nil = sql.raw(`'${NO_SEGMENT}'::uuid`);
	return sql`
	with ${candidates(cursor, batch)},
	ev as (
		select e.id, e.merchant_id, e.debtor_id, e.claim_id, e.type, e.actor, e.occurred_at, e.payload,
			kpi_stage(e.type, e.payload) as stage, coalesce(ds.segment_id, ${nil}) as seg, ${local('e.occurred_at')} as day
		from timeline_events e join cand on cand.id = e.id left join debtor_segments ds on ds.debtor_id = e.debtor_id),
	fx as (
		select ev.*, fm.id as fm_id, fm.occurred_at as fm_at, ${local('fm.occurred_at')} as fm_day,
			lm.id as lm_id, lm.channel as lm_channel, lm.step as lm_step,
			(ev.stage is not null and not exists (select 1 from timeline_events y where y.debtor_id = ev.debtor_id
				and y.id < ev.id and kpi_stage(y.type, y.payload) = ev.stage)) as first_ever,
			(ev.type = 'payment.paid' and exists (select 1 from timeline_events i where i.debtor_id = ev.debtor_id
				and i.type = 'instalment.paid' and i.payload->>'paymentId' = ev.payload->>'paymentId')) as instalment
		from ev
		left join lateral (select x.id, x.occurred_at from timeline_events x
			where x.debtor_id = ev.debtor_id and x.id < ev.id and kpi_stage(x.type, x.payload) = 'sent' order by x.id limit 1) fm on true
		left join lateral (select x.id, coalesce(o.channel, x.payload->>'channel') as channel, coalesce(o.step_id, 'notice') as step
			from timeline_events x left join outbox_messages o on o.id = (x.payload->>'messageId')::uuid
			where ev.stage is not null and ev.stage <> 'sent' and x.debtor_id = ev.debtor_id and x.id < ev.id
				and kpi_stage(x.type, x.payload) = 'sent' order by x.id desc limit 1) lm on true),
	settle as (
		select fx.*, case when type = 'plan.completed' then 'plan' when type = 'claim.paid_outside' then 'outside' else 'now' end as how
		from fx where type in ('plan.completed', 'claim.paid_outside') or (type = 'payment.paid' and not instalment)),
	first_watch as (
		select fx.id as ev_id, w.id, w.occurred_at from fx
		join lateral (select w.id, w.occurred_at from timeline_events w where w.debtor_id = fx.debtor_id
			and kpi_stage(w.type, w.payload) = 'watched' order by w.id limit 1) w on true
		where fx.stage = 'paid' and fx.first_ever and fx.fm_id is not null),
	facts (merchant_id, day, seg, metric, channel, step, bucket, n, cents) as (
		select fx.merchant_id, day, seg, 'placed', '', '', 0, 1, c.amount_cents
		from fx join claims c on c.id = fx.claim_id where type = 'claim.received'
		union all
		select merchant_id, day, seg, 'debtors', '', '', 0, 1, 0 from fx where type = 'claim.received'
			and not exists (select 1 from timeline_events x where x.debtor_id = fx.debtor_id and x.id < fx.id and x.type = 'claim.received')
		union all
		select merchant_id, day, seg,
			case when exists (select 1 from timeline_events p where p.debtor_id = fx.debtor_id and p.id < fx.id and p.type = 'promise.made'
				and not exists (select 1 from timeline_events r where r.debtor_id = fx.debtor_id and r.id < fx.id
					and r.type in ('promise.kept', 'promise.broken') and r.payload->>'promiseId' = p.payload->>'promiseId'))
			then 'collected_promise' else 'collected_now' end, '', '', 0, 1, coalesce((payload->>'amountCents')::bigint, 0)
		from fx where type = 'payment.paid' and not instalment
		union all
		select merchant_id, day, seg, 'collected_plan', '', '', 0, 1, coalesce((payload->>'amountCents')::bigint, 0)
		from fx where type = 'instalment.paid'
		union all
		select merchant_id, day, seg, 'collected_outside', '', '', 0, 1, coalesce((payload->>'amountCents')::bigint, 0)
		from fx where type = 'claim.part_paid_outside'
		union all
		select fx.merchant_id, day, seg, 'collected_outside', '', '', 0, 1, c.amount_cents - coalesce((select sum((x.payload->>'amountCents')::bigint)
			from timeline_events x where x.debtor_id = fx.debtor_id and x.id < fx.id and x.claim_id = fx.claim_id
				and x.type = 'claim.part_paid_outside'), 0)
		from fx join claims c on c.id = fx.claim_id where type = 'claim.paid_outside'
		union all
		select merchant_id, day, seg, 'charged_back', '', '', 0, 1, coalesce((payload->>'amountCents')::bigint, 0)
		from fx where type = 'payment.charged_back'
		union all
		select merchant_id, day, seg, 'settled', '', how, 0, 1, 0 from settle
		union all
		select merchant_id, day, seg, 'settled_self', '', how, 0, 1, 0 from settle where how <> 'outside'
			and not exists (select 1 from timeline_events a where a.debtor_id = settle.debtor_id and a.id < settle.id and a.actor like 'user:%')
		union all
		select merchant_id, day, seg, 'days_to_pay', '', '', least(${DAYS_CAP}, floor(extract(epoch from occurred_at - fm_at) / 86400))::int, 1, 0
		from settle where fm_id is not null
		union all
		select merchant_id, day, seg, case type when 'plan.created' then 'plans_made' when 'plan.completed' then 'plans_kept'
				when 'plan.broken' then 'plans_broken' when 'promise.made' then 'promises_made' when 'promise.kept' then 'promises_kept'
				when 'promise.broken' then 'promises_broken' else 'disputes' end, '', '', 0, 1, 0
		from fx where type in ('plan.created', 'plan.completed', 'plan.broken', 'promise.made', 'promise.kept', 'promise.broken', 'dispute.opened')
		union all
		select merchant_id, day, seg, 'complaints', '', '', 0, 1, 0 from fx where type = 'dispute.opened' and payload->>'kind' = 'disagree'
		union all
		select fx.merchant_id, day, seg, 'f_sent', coalesce(o.channel, fx.payload->>'channel', 'email'), coalesce(o.step_id, 'notice'), 0, 1,
			coalesce(o.cost_cents, 0)
		from fx left join outbox_messages o on o.id = (fx.payload->>'messageId')::uuid where stage = 'sent'
		union all
		select merchant_id, day, seg, 'f_' || stage, coalesce(lm_channel, 'none'), coalesce(lm_step, ''), 0, 1, 0
		from fx where stage is not null and stage <> 'sent' and not exists (select 1 from timeline_events y where y.debtor_id = fx.debtor_id
			and y.id < fx.id and y.id > coalesce(fx.lm_id, 0) and kpi_stage(y.type, y.payload) = fx.stage)
		union all
		select merchant_id, day, seg, 'v_cohort', '', '', 0, 1, 0 from fx where stage = 'sent' and fm_id is null
		union all
		select merchant_id, fm_day, seg, 'v_watched', '', '', 0, 1, 0 from fx
		where stage = 'watched' and first_ever and fm_id is not null and occurred_at <= fm_at + ${WINDOW}
			and not exists (select 1 from timeline_events y where y.debtor_id = fx.debtor_id and y.id < fx.id and kpi_stage(y.type, y.payload) = 'paid')
		union all
		select merchant_id, fm_day, seg, 'v_paid', '', '', 0, 1, 0 from fx
		where stage = 'paid' and first_ever and fm_id is not null and occurred_at <= fm_at + ${WINDOW}
		union all
		select merchant_id, fm_day, seg, 'v_paid_watched', '', '', 0, 1, 0 from fx join first_watch w on w.ev_id = fx.id
		where fx.occurred_at <= fx.fm_at + ${WINDOW}
			and w.id < fx.id and w.id > fx.fm_id and w.occurred_at <= fx.fm_at + ${WINDOW}
		union all
		select merchant_id, day, seg, 'r_payers', '', '', 0, 1, 0 from fx where stage = 'paid' and first_ever
		union all
		select fx.merchant_id, ${local('p.occurred_at')}, seg, 'r_retained', '', '', 0, 1, 0 from fx
		join lateral (select p.id, p.occurred_at from timeline_events p where p.debtor_id = fx.debtor_id and p.id < fx.id
			and kpi_stage(p.type, p.payload) = 'paid' order by p.id limit 1) p on true
		where fx.type = 'claim.received' and not exists (select 1 from timeline_events x where x.debtor_id = fx.debtor_id
			and x.id > p.id and x.id < fx.id and x.type = 'claim.received')),
	daily as (
		select merchant_id, day, seg, metric, channel, step, bucket, sum(n) as n, sum(cents) as cents
		from facts group by 1, 2, 3, 4, 5, 6, 7),
	monthly as (
		insert into kpi_monthly (merchant_id, month, segment_id, metric, channel, step, bucket, count, cents)
		select merchant_id, date_trunc('month', day)::date, seg, metric, channel, step, bucket, sum(n), sum(cents)
		from daily group by 1, 2, 3, 4, 5, 6, 7
		on conflict (merchant_id, month, segment_id, metric, channel, step, bucket)
			do update set count = kpi_monthly.count + excluded.count, cents = kpi_monthly.cents + excluded.cents)
	insert into kpi_daily (merchant_id, day, segment_id, metric, channel, step, bucket, count, cents)
	select merchant_id, day, seg, metric, channel, step, bucket, n, cents from daily
	on conflict (merchant_id, day, segment_id, metric, channel, step, bucket)
		do update set count = kpi_daily.count + excluded.count, cents = kpi_daily.cents + excluded.cents`;
}

/** One batch, inside the caller's transaction (exported so a test can crash halfway). */
export async function countBatch(tx: Tx, batch: number): Promise<{ counted: number; more: boolean }> {
	await tx.insert(kpiCursor).values({ name: CURSOR }).onConflictDoNothing();
	// One follower at a time: the row lock keeps two processes from counting the same events.
	const [cursor] = await tx.select().from(kpiCursor).where(eq(kpiCursor.name, CURSOR)).for('update');
	await tx.execute(addStatement(cursor.lastEventId, batch));
	const [done] = rowsOf<{ n: string | number; top: string | number | null }>(
		await tx.execute(sql`
			with ${candidates(cursor.lastEventId, batch)}, ins as (insert into kpi_seen select id from cand returning event_id)
			select count(*) as n, max(event_id) as top from ins`)
	);
	const counted = Number(done.n);
	if (!counted) return { counted, more: false };
	const last = Math.max(cursor.lastEventId, Number(done.top));
	await tx.update(kpiCursor).set({ lastEventId: last }).where(eq(kpiCursor.name, CURSOR));
	await tx.execute(sql`delete from kpi_seen where event_id <= ${last - LOOKBACK}`);
	return { counted, more: counted === batch };
}

/** Counts every new event; returns how many. Safe to run from any number of processes, any number of times. */
export async function follow(db: Db, options: { batch?: number } = {}): Promise<number> {
	let total = 0;
	for (;;) {
		const { counted, more } = await db.transaction((tx) => countBatch(tx, options.batch ?? 5000));
		total += counted;
		if (!more) return total;
	}
}

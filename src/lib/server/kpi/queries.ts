// The dashboard's reads: only the daily counters, never the timeline. Always scoped to one merchant.
import { sql } from 'drizzle-orm';
import { summarise, trendOf, TREND_METRICS, type Counter, type Kpis, type TrendPoint } from '../../domain/kpi';
import { rowsOf, type Db } from '../db/client';

/** A period of whole days (inclusive), and a segment id, or null for every debtor. */
export type Scope = { merchantId: string; from: string; to: string; segmentId: string | null };

const where = (s: Scope) =>
	sql`merchant_id = ${s.merchantId}::uuid and day between ${s.from}::date and ${s.to}::date
		${s.segmentId ? sql`and segment_id = ${s.segmentId}::uuid` : sql``}`;

/** The counters of the period, summed over days and segments. */
export async function counters(db: Db, s: Scope): Promise<Counter[]> {
	const rows = rowsOf<Record<string, string | number>>(
		await db.execute(sql`
			select metric, channel, step, bucket, sum(count)::bigint as count, sum(cents)::bigint as cents
			from kpi_daily where ${where(s)} group by metric, channel, step, bucket`)
	);
	return rows.map((r) => ({
		metric: String(r.metric),
		channel: String(r.channel),
		step: String(r.step),
		bucket: Number(r.bucket),
		count: Number(r.count),
		cents: Number(r.cents)
	}));
}

export async function trend(db: Db, s: Scope, unit: 'day' | 'month'): Promise<TrendPoint[]> {
	const metrics = sql.join(
		TREND_METRICS.map((m) => sql`${m}`),
		sql`, `
	);
	const period = unit === 'day' ? sql`to_char(day, 'YYYY-MM-DD')` : sql`to_char(day, 'YYYY-MM')`;
	const rows = rowsOf<Record<string, string | number>>(
		await db.execute(sql`
			select ${period} as period, metric, sum(count)::bigint as count, sum(cents)::bigint as cents
			from kpi_daily where ${where(s)} and metric in (${metrics}) group by 1, 2`)
	);
	return trendOf(rows.map((r) => ({ period: String(r.period), metric: String(r.metric), count: Number(r.count), cents: Number(r.cents) })));
}

export async function dashboard(db: Db, s: Scope): Promise<{ kpis: Kpis; trend: TrendPoint[] }> {
	const long = Date.parse(s.to) - Date.parse(s.from) > 62 * 86_400_000;
	const [c, t] = await Promise.all([counters(db, s), trend(db, s, long ? 'month' : 'day')]);
	return { kpis: summarise(c), trend: t };
}

/** The merchant's segments for the picker, in their order. */
export async function segmentsOf(db: Db, merchantId: string): Promise<{ id: string; name: string }[]> {
	const rows = rowsOf<{ id: string; name: string }>(
		await db.execute(sql`select id, name from segments where merchant_id = ${merchantId}::uuid order by position, name`)
	);
	return rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
}

// The dashboard's reads: only the daily and monthly counters, never the timeline. Always scoped to one merchant.
import { sql } from 'drizzle-orm';
import { summarise, trendOf, TREND_METRICS, type Counter, type Kpis, type TrendPoint } from '../../domain/kpi';
import { rowsOf, type Db } from '../db/client';

/** A period of whole days (inclusive), and a segment id, or null for every debtor. */
export type Scope = { merchantId: string; from: string; to: string; segmentId: string | null };

const segment = (s: Scope) => (s.segmentId ? sql`and segment_id = ${s.segmentId}::uuid` : sql``);

const lastDayOf = (month: string) => {
	const [y, m] = month.split('-').map(Number);
	return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/**
 * The whole calendar months inside the period, if any: those are read from kpi_monthly, the days around them from
 * kpi_daily — a year is twelve rows a counter instead of 365.
 */
export function wholeMonths(from: string, to: string): { first: string; last: string } | null {
	const first = from.endsWith('-01') ? from : nextMonth(from);
	const last = lastDayOf(to.slice(0, 7)) === to ? `${to.slice(0, 7)}-01` : previousMonth(to);
	return first <= last ? { first, last } : null;
}

/** The first day of the month after `day`'s, and of the month before it. */
const nextMonth = (day: string) => new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7), 1)).toISOString().slice(0, 10);
const previousMonth = (day: string) => new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 2, 1)).toISOString().slice(0, 10);

/** The period's rows (month or day, metric, dimensions, count, cents) from both tables, without overlap. */
function source(s: Scope, daysOnly = false) {
	const months = daysOnly ? null : wholeMonths(s.from, s.to);
	if (!months)
		return sql`select day, metric, channel, step, bucket, count, cents from kpi_daily
			where merchant_id = ${s.merchantId}::uuid and day between ${s.from}::date and ${s.to}::date ${segment(s)}`;
	const lastDay = lastDayOf(months.last.slice(0, 7));
	return sql`select day, metric, channel, step, bucket, count, cents from kpi_daily
			where merchant_id = ${s.merchantId}::uuid and day between ${s.from}::date and ${s.to}::date ${segment(s)}
				and not (day between ${months.first}::date and ${lastDay}::date)
		union all
		select month, metric, channel, step, bucket, count, cents from kpi_monthly
			where merchant_id = ${s.merchantId}::uuid and month between ${months.first}::date and ${months.last}::date ${segment(s)}`;
}

/** The counters of the period, summed over days and segments. */
export async function counters(db: Db, s: Scope): Promise<Counter[]> {
	const rows = rowsOf<Record<string, string | number>>(
		await db.execute(sql`
			select metric, channel, step, bucket, sum(count)::bigint as count, sum(cents)::bigint as cents
			from (${source(s)}) x group by metric, channel, step, bucket`)
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
			from (${source(s, unit === 'day')}) x
			where metric in (${metrics}) group by 1, 2`)
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

// The results page's verbs: read the period and segment from the URL, check the segment is the merchant's, and
// answer from the counters.
import { KPI_TIME_ZONE, NO_SEGMENT, summarise, type Kpis, type TrendPoint } from '../../domain/kpi';
import { CHARTS, tableOf, type Table } from '../../domain/kpi-tables';
import { resolvePeriod, type PeriodQuery } from '../../schemas/kpi-period';
import type { Scope as UserScope } from '../accounts/scope';
import type { Db } from '../db/client';
import * as kpi from './queries';

export type ResultsView = {
	query: Partial<PeriodQuery>;
	problem: string | null;
	segments: { id: string; name: string }[];
	from: string | null;
	to: string | null;
	kpis: Kpis;
	trend: TrendPoint[];
	tables: Table[];
};

const today = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: KPI_TIME_ZONE }).format(now);

export async function view(db: Db, user: UserScope, params: URLSearchParams, now = new Date()): Promise<ResultsView> {
	const segments = await kpi.segmentsOf(db, user.merchantId);
	const period = resolvePeriod(params, today(now));
	const empty = { kpis: summarise([]), trend: [], from: null, to: null };
	if (!period.ok) return { ...empty, query: period.query, problem: period.field, segments, tables: [] };
	const { segment } = period.query;
	if (segment !== 'all' && segment !== 'none' && !segments.some((s) => s.id === segment))
		return { ...empty, query: period.query, problem: 'segment', segments, tables: [] };
	const segmentId = segment === 'all' ? null : segment === 'none' ? NO_SEGMENT : segment;
	const { kpis, trend } = await kpi.dashboard(db, { merchantId: user.merchantId, from: period.from, to: period.to, segmentId });
	return {
		query: period.query,
		problem: null,
		segments,
		from: period.from,
		to: period.to,
		kpis,
		trend,
		tables: CHARTS.map((c) => tableOf(c, kpis, trend))
	};
}

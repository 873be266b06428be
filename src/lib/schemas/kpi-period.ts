// The results page's query: which period (a year, a month, or from–to) and which segment. Read from the URL, so a
// view can be bookmarked, and shared by the page and its CSV downloads.
import { z } from 'zod';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const isoDay = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine((d) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().startsWith(d));

export const periodQuery = z.object({
	period: z.preprocess(blank, z.enum(['year', 'month', 'custom']).default('year')),
	year: z.preprocess(blank, z.coerce.number().int().min(2000).max(2100).optional()),
	month: z.preprocess(
		blank,
		z
			.string()
			.regex(/^\d{4}-(0[1-9]|1[0-2])$/)
			.optional()
	),
	from: z.preprocess(blank, isoDay.optional()),
	to: z.preprocess(blank, isoDay.optional()),
	segment: z.preprocess(blank, z.union([z.literal('all'), z.literal('none'), z.string().uuid()]).default('all'))
});
export type PeriodQuery = z.infer<typeof periodQuery>;

export type Resolved =
	{ ok: true; from: string; to: string; query: PeriodQuery } | { ok: false; field: string; query: Partial<PeriodQuery> };

/** At most this many days in a custom period (three years). */
export const MAX_DAYS = 3 * 366;

/** The days a query covers, given today (YYYY-MM-DD); the field at fault when it makes no sense. */
export function resolvePeriod(params: URLSearchParams, today: string): Resolved {
	const raw = Object.fromEntries(params);
	const parsed = periodQuery.safeParse(raw);
	if (!parsed.success) return { ok: false, field: String(parsed.error.issues[0].path[0] ?? 'period'), query: raw as Partial<PeriodQuery> };
	const q = parsed.data;
	if (q.period === 'year') {
		const year = q.year ?? Number(today.slice(0, 4));
		return { ok: true, from: `${year}-01-01`, to: `${year}-12-31`, query: { ...q, year } };
	}
	if (q.period === 'month') {
		const month = q.month ?? today.slice(0, 7);
		const [y, m] = month.split('-').map(Number);
		const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
		return { ok: true, from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}`, query: { ...q, month } };
	}
	if (!q.from) return { ok: false, field: 'from', query: q };
	if (!q.to || q.to < q.from) return { ok: false, field: 'to', query: q };
	if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_DAYS) return { ok: false, field: 'to', query: q };
	return { ok: true, from: q.from, to: q.to, query: q };
}

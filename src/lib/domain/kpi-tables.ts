// The dashboard's tables: every chart's numbers, the same for the page (formatted) and its CSV download (plain).
import type { Kpis, TrendPoint } from './kpi';

export const CHARTS = ['summary', 'trend', 'collected', 'funnel', 'video', 'retention'] as const;
export type Chart = (typeof CHARTS)[number];

/** A cell: an amount in cents, a count, a share (0..1), a number of days, or text (a label key or a name). */
export type Cell =
	| { kind: 'money'; cents: number }
	| { kind: 'count'; value: number }
	| { kind: 'share'; value: number | null }
	| { kind: 'days'; value: number | null }
	| { kind: 'label'; key: string }
	/** A day (YYYY-MM-DD) or a month (YYYY-MM) of the trend. */
	| { kind: 'period'; value: string }
	| { kind: 'text'; value: string };

export type Table = { chart: Chart; columns: string[]; rows: Cell[][] };

const money = (cents: number): Cell => ({ kind: 'money', cents });
const count = (value: number): Cell => ({ kind: 'count', value });
const share = (value: number | null): Cell => ({ kind: 'share', value });
const label = (key: string): Cell => ({ kind: 'label', key });
const ratio = (a: number, b: number) => (b ? a / b : null);

export function tableOf(chart: Chart, k: Kpis, trend: TrendPoint[]): Table {
	switch (chart) {
		case 'summary':
			return {
				chart,
				columns: ['figure', 'value'],
				rows: [
					[label('placed_count'), count(k.placed.count)],
					[label('placed_amount'), money(k.placed.cents)],
					[label('collected_amount'), money(k.collected.cents)],
					[label('collected_share'), share(k.collected.share)],
					[label('charged_back'), money(k.chargedBack.cents)],
					[label('settled'), count(k.settled)],
					[label('self_service'), share(k.selfServiceRate)],
					[label('median_days'), { kind: 'days', value: k.medianDaysToPay }],
					[label('plans_made'), count(k.plans.made)],
					[label('plans_kept'), count(k.plans.kept)],
					[label('plans_broken'), count(k.plans.broken)],
					[label('promises_made'), count(k.promises.made)],
					[label('promises_kept'), count(k.promises.kept)],
					[label('promises_broken'), count(k.promises.broken)],
					[label('debtors'), count(k.debtors)],
					[label('disputes'), count(k.disputes)],
					[label('disputes_per_1000'), { kind: 'text', value: k.disputesPer1000 === null ? '' : k.disputesPer1000.toFixed(1) }],
					[label('complaints'), count(k.complaints)],
					[label('cost'), money(k.costCents)],
					[label('cost_per_euro'), k.costPerEuro === null ? { kind: 'text', value: '' } : money(Math.round(k.costPerEuro * 100))]
				]
			};
		case 'trend':
			return {
				chart,
				columns: ['period', 'placed_amount', 'collected_amount', 'self_service'],
				rows: trend.map((p) => [
					{ kind: 'period', value: p.period },
					money(p.placedCents),
					money(p.collectedCents),
					share(ratio(p.settledSelf, p.settled))
				])
			};
		case 'collected':
			return {
				chart,
				columns: ['how', 'collected_amount', 'share_of_collected'],
				rows: (['now', 'promise', 'plan', 'outside'] as const).map((how) => [
					label(`how_${how}`),
					money(k.collected[how]),
					share(ratio(k.collected[how], k.collected.cents))
				])
			};
		case 'funnel':
			return {
				chart,
				columns: ['channel', 'step', 'sent', 'opened', 'watched', 'chose', 'paid'],
				rows: k.funnel.map((f) => [
					label(`channel_${f.channel}`),
					f.step === 'notice' || f.step === '' ? label(`step_${f.step || 'none'}`) : { kind: 'text', value: f.step },
					count(f.sent),
					count(f.opened),
					count(f.watched),
					count(f.chose),
					count(f.paid)
				])
			};
		case 'video':
			return {
				chart,
				columns: ['group', 'debtors', 'paid_in_7_days', 'share_paid'],
				rows: [
					[label('watched'), count(k.video.watched), count(k.video.paidWatched), share(ratio(k.video.paidWatched, k.video.watched))],
					[
						label('not_watched'),
						count(k.video.notWatched),
						count(k.video.paidNotWatched),
						share(ratio(k.video.paidNotWatched, k.video.notWatched))
					]
				]
			};
		case 'retention':
			return {
				chart,
				columns: ['figure', 'value'],
				rows: [
					[label('payers'), count(k.retention.payers)],
					[label('retained'), count(k.retention.retained)],
					[label('retention_rate'), share(k.retention.rate)]
				]
			};
	}
}

/** A cell as plain CSV text: euros with two decimals and a point, shares as percentages with two decimals. */
export function plainCell(c: Cell, labelOf: (key: string) => string): string {
	switch (c.kind) {
		case 'money':
			return (c.cents / 100).toFixed(2);
		case 'count':
			return String(c.value);
		case 'share':
			return c.value === null ? '' : (c.value * 100).toFixed(2);
		case 'days':
			return c.value === null ? '' : String(c.value);
		case 'label':
			return labelOf(c.key);
		case 'text':
		case 'period':
			return c.value;
	}
}

// The results dashboard, the pure part: which metrics the daily counters hold, and how the figures a merchant sees
// are made from them. The definitions (also on the page and in the README):
// - placed: claims received (claim.received), their amount. debtors: debtors whose first claim arrived.
// - collected, by how: at once (a payment of whole claims), after a promise (such a payment while a promise to pay
//   was open), by plan (instalments), outside Coulant (marked paid or part-paid outside by the merchant).
// - settled: a payment of whole claims, a plan completed, or a claim marked paid outside; self-service when no person
//   in the console (an actor `user:…`) did anything for the debtor before it (outside Coulant never is).
// - time to pay: whole days from the debtor's first message sent to the settling event; median of those.
// - funnel: each message sent, then the first link opened / video past half / option chosen (payment started, plan
//   made, promise made) / payment after it, counted for the debtor's latest message before it (its channel, step).
// - video effect: debtors by the day of their first message; "watched" = past half within 7 days of that message and
//   before any payment; paid = a first payment within those 7 days.
// - retention: debtors by the day of their first payment; retained = a new claim from the merchant came after it.
// All days are Europe/Amsterdam; a figure counts for the segment the debtor was in when the event was counted.

export const KPI_TIME_ZONE = 'Europe/Amsterdam';
/** The segment of a debtor with no segment row (the merchant's implicit "everyone"). */
export const NO_SEGMENT = '00000000-0000-0000-0000-000000000000';
export const WINDOW_DAYS = 7;
/** Time to pay is counted in whole days up to this; longer counts as this many (the median stays exact below it). */
export const DAYS_CAP = 365;

export const KPI_EVENT_TYPES = [
	'claim.received',
	'payment.paid',
	'instalment.paid',
	'claim.paid_outside',
	'claim.part_paid_outside',
	'payment.charged_back',
	'plan.created',
	'plan.completed',
	'plan.broken',
	'promise.made',
	'promise.kept',
	'promise.broken',
	'dispute.opened',
	'outreach.sent',
	'link.opened',
	'video.progress',
	'video.completed',
	'payment.started'
] as const;

export const FUNNEL_STAGES = ['sent', 'opened', 'watched', 'chose', 'paid'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** One summed counter as read from kpi_daily (or recomputed from the raw events). */
export type Counter = { metric: string; channel: string; step: string; bucket: number; count: number; cents: number };

export type FunnelRow = { channel: string; step: string } & Record<FunnelStage, number>;

export type Kpis = {
	placed: { count: number; cents: number };
	debtors: number;
	collected: { cents: number; share: number | null; now: number; promise: number; plan: number; outside: number };
	chargedBack: { count: number; cents: number };
	settled: number;
	settledSelf: number;
	selfServiceRate: number | null;
	medianDaysToPay: number | null;
	plans: { made: number; kept: number; broken: number };
	promises: { made: number; kept: number; broken: number };
	disputes: number;
	disputesPer1000: number | null;
	complaints: number;
	funnel: FunnelRow[];
	video: { watched: number; paidWatched: number; notWatched: number; paidNotWatched: number };
	costCents: number;
	/** Message costs per euro collected (cents per 100 cents), null when nothing was collected. */
	costPerEuro: number | null;
	retention: { payers: number; retained: number; rate: number | null };
};

const ratio = (a: number, b: number) => (b ? a / b : null);

/** The lower median of a histogram of whole days (the value at place ⌈n/2⌉). */
export function medianOf(histogram: Map<number, number>): number | null {
	const n = [...histogram.values()].reduce((a, b) => a + b, 0);
	if (!n) return null;
	let seen = 0;
	for (const days of [...histogram.keys()].sort((a, b) => a - b)) {
		seen += histogram.get(days)!;
		if (seen >= Math.ceil(n / 2)) return days;
	}
	return null;
}

export function summarise(counters: Counter[]): Kpis {
	const sum = (metric: string, what: 'count' | 'cents' = 'count') =>
		counters.filter((c) => c.metric === metric).reduce((a, c) => a + c[what], 0);
	const placed = { count: sum('placed'), cents: sum('placed', 'cents') };
	const parts = {
		now: sum('collected_now', 'cents'),
		promise: sum('collected_promise', 'cents'),
		plan: sum('collected_plan', 'cents'),
		outside: sum('collected_outside', 'cents')
	};
	const collectedCents = parts.now + parts.promise + parts.plan + parts.outside;
	const histogram = new Map<number, number>();
	for (const c of counters.filter((c) => c.metric === 'days_to_pay')) histogram.set(c.bucket, (histogram.get(c.bucket) ?? 0) + c.count);
	const funnel = new Map<string, FunnelRow>();
	for (const c of counters.filter((c) => c.metric.startsWith('f_'))) {
		const key = `${c.channel}\u0000${c.step}`;
		const row = funnel.get(key) ?? { channel: c.channel, step: c.step, sent: 0, opened: 0, watched: 0, chose: 0, paid: 0 };
		row[c.metric.slice(2) as FunnelStage] += c.count;
		funnel.set(key, row);
	}
	const settled = sum('settled');
	const settledSelf = sum('settled_self');
	const cohort = sum('v_cohort');
	const watched = sum('v_watched');
	const paidWatched = sum('v_paid_watched');
	const debtors = sum('debtors');
	const disputes = sum('disputes');
	const payers = sum('r_payers');
	const retained = sum('r_retained');
	const costCents = sum('f_sent', 'cents');
	return {
		placed,
		debtors,
		collected: { cents: collectedCents, share: ratio(collectedCents, placed.cents), ...parts },
		chargedBack: { count: sum('charged_back'), cents: sum('charged_back', 'cents') },
		settled,
		settledSelf,
		selfServiceRate: ratio(settledSelf, settled),
		medianDaysToPay: medianOf(histogram),
		plans: { made: sum('plans_made'), kept: sum('plans_kept'), broken: sum('plans_broken') },
		promises: { made: sum('promises_made'), kept: sum('promises_kept'), broken: sum('promises_broken') },
		disputes,
		disputesPer1000: debtors ? (disputes * 1000) / debtors : null,
		complaints: sum('complaints'),
		funnel: [...funnel.values()].sort((a, b) => a.channel.localeCompare(b.channel) || a.step.localeCompare(b.step)),
		video: { watched, paidWatched, notWatched: cohort - watched, paidNotWatched: sum('v_paid') - paidWatched },
		costCents,
		costPerEuro: ratio(costCents, collectedCents),
		retention: { payers, retained, rate: ratio(retained, payers) }
	};
}

/** One point of the trend: what was placed and collected, and settled on one's own, in one day or month. */
export type TrendPoint = { period: string; placedCents: number; collectedCents: number; settled: number; settledSelf: number };

export const TREND_METRICS = [
	'placed',
	'collected_now',
	'collected_promise',
	'collected_plan',
	'collected_outside',
	'settled',
	'settled_self'
];

export function trendOf(rows: { period: string; metric: string; count: number; cents: number }[]): TrendPoint[] {
	const points = new Map<string, TrendPoint>();
	for (const r of rows) {
		const p = points.get(r.period) ?? { period: r.period, placedCents: 0, collectedCents: 0, settled: 0, settledSelf: 0 };
		if (r.metric === 'placed') p.placedCents += r.cents;
		else if (r.metric.startsWith('collected_')) p.collectedCents += r.cents;
		else if (r.metric === 'settled') p.settled += r.count;
		else if (r.metric === 'settled_self') p.settledSelf += r.count;
		points.set(r.period, p);
	}
	return [...points.values()].sort((a, b) => a.period.localeCompare(b.period));
}

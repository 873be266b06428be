import { describe, expect, it } from 'vitest';
import { summarise, type Counter } from './kpi';
import { plainCell, tableOf } from './kpi-tables';

const c = (metric: string, count: number, cents = 0, over: Partial<Counter> = {}): Counter => ({
	metric,
	channel: '',
	step: '',
	bucket: 0,
	count,
	cents,
	...over
});

describe('the results tables', () => {
	const k = summarise([
		c('placed', 4, 40_000),
		c('collected_now', 2, 15_000),
		c('collected_plan', 3, 5_000),
		c('f_sent', 10, 250, { channel: 'sms', step: 'reminder-1' }),
		c('f_opened', 6, 0, { channel: 'sms', step: 'reminder-1' }),
		c('r_payers', 4),
		c('r_retained', 1)
	]);

	it('adds how it was paid to what was collected, and shares of it', () => {
		expect(k.collected).toMatchObject({ cents: 20_000, share: 0.5, now: 15_000, plan: 5_000 });
		expect(k.costPerEuro).toBe(250 / 20_000);
		expect(k.retention.rate).toBe(0.25);
		const rows = tableOf('collected', k, []).rows.map((r) => r.map((x) => plainCell(x, (key) => key)));
		expect(rows).toEqual([
			['how_now', '150.00', '75.00'],
			['how_promise', '0.00', '0.00'],
			['how_plan', '50.00', '25.00'],
			['how_outside', '0.00', '0.00']
		]);
	});

	it('puts the funnel per channel and step, and leaves a share empty when there is nothing to share', () => {
		expect(tableOf('funnel', k, []).rows.map((r) => r.map((x) => plainCell(x, (key) => key)))).toEqual([
			['channel_sms', 'reminder-1', '10', '6', '0', '0', '0']
		]);
		const none = summarise([]);
		expect(tableOf('video', none, []).rows[0].map((x) => plainCell(x, (key) => key))).toEqual(['watched', '0', '0', '']);
	});
});

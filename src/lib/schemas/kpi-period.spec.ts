import { describe, expect, it } from 'vitest';
import { resolvePeriod } from './kpi-period';

const of = (q: string) => resolvePeriod(new URLSearchParams(q), '2026-12-07');

describe('the results period', () => {
	it('is this year by default, and any year, month or range asked for', () => {
		expect(of('')).toMatchObject({ ok: true, from: '2026-01-01', to: '2026-12-31' });
		expect(of('period=year&year=2025')).toMatchObject({ ok: true, from: '2025-01-01', to: '2025-12-31' });
		expect(of('period=month&month=2024-02')).toMatchObject({ ok: true, from: '2024-02-01', to: '2024-02-29' });
		expect(of('period=month')).toMatchObject({ ok: true, from: '2026-12-01', to: '2026-12-31' });
		expect(of('period=custom&from=2026-03-05&to=2026-04-01')).toMatchObject({ ok: true, from: '2026-03-05', to: '2026-04-01' });
	});

	it('names the field that is wrong', () => {
		expect(of('period=custom&from=2026-03-05&to=2026-03-01')).toMatchObject({ ok: false, field: 'to' });
		expect(of('period=custom&to=2026-03-01')).toMatchObject({ ok: false, field: 'from' });
		expect(of('period=custom&from=2026-02-30&to=2026-03-01')).toMatchObject({ ok: false, field: 'from' });
		expect(of('period=month&month=2026-13')).toMatchObject({ ok: false, field: 'month' });
		expect(of('segment=drop table')).toMatchObject({ ok: false, field: 'segment' });
		expect(of('period=custom&from=2020-01-01&to=2026-01-01')).toMatchObject({ ok: false, field: 'to' });
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	FREQUENCIES,
	addDays,
	addMonthsClamped,
	buildSchedule,
	daysBetween,
	daysInMonth,
	dueDates,
	isIsoDay,
	nextDayOfMonth,
	splitEvenly
} from './schedule';

// Date.parse reads a bare yyyy-mm-dd as UTC, so it is an independent yardstick for day counts.
const dayGap = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
const isoDay = fc
	.date({ min: new Date('1901-01-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true })
	.map((d) => d.toISOString().slice(0, 10));
const amounts = (s: { instalments: { amountCents: number }[] }) => s.instalments.map((i) => i.amountCents);

describe('buildSchedule', () => {
	it('puts the odd cents on the first instalments and ends on the round amount', () => {
		const s = buildSchedule({ balanceCents: 10000, currency: 'EUR', terms: 3, frequency: 'monthly', firstDate: '2026-12-01' });
		expect(amounts(s)).toEqual([3334, 3333, 3333]);
		expect(s.total).toEqual({ amountCents: 10000, currency: 'EUR' });
		expect(s.instalments[0]).toEqual({ number: 1, dueOn: '2026-12-01', amountCents: 3334, currency: 'EUR' });
	});

	it('shows a fee as its own line on top of the balance, never inside the instalments', () => {
		const s = buildSchedule({
			balanceCents: 12000,
			currency: 'EUR',
			terms: 4,
			frequency: 'weekly',
			firstDate: '2026-12-01',
			feeCents: 500
		});
		expect(amounts(s)).toEqual([3000, 3000, 3000, 3000]);
		expect(s.fee).toEqual({ amountCents: 500, currency: 'EUR', dueOn: '2026-12-01' });
		expect(s.total.amountCents).toBe(12500);
	});

	it('charges no fee unless one is given', () => {
		const s = buildSchedule({ balanceCents: 5000, currency: 'EUR', terms: 2, frequency: 'monthly', firstDate: '2026-12-01' });
		expect(s.fee.amountCents).toBe(0);
		expect(s.total.amountCents).toBe(5000);
	});

	it('refuses schedules that cannot be paid as stated', () => {
		const base = { balanceCents: 5000, currency: 'EUR', terms: 2, frequency: 'monthly', firstDate: '2026-12-01' } as const;
		expect(() => buildSchedule({ ...base, terms: 0 })).toThrow(RangeError);
		expect(() => buildSchedule({ ...base, terms: 2.5 })).toThrow(RangeError);
		expect(() => buildSchedule({ ...base, balanceCents: 1, terms: 2 })).toThrow(/at least one cent/);
		expect(() => buildSchedule({ ...base, balanceCents: 50.5 })).toThrow(/whole cents/);
		expect(() => buildSchedule({ ...base, feeCents: -1 })).toThrow(RangeError);
		expect(() => buildSchedule({ ...base, firstDate: '2027-02-29' })).toThrow(/calendar day/);
		expect(() => buildSchedule({ ...base, firstDate: '1-12-2026' })).toThrow(/calendar day/);
	});
});

describe('monthly dates', () => {
	const monthly = (firstDate: string, n: number) => dueDates(firstDate, 'monthly', n);

	it('clamps to the month end and returns to the 31st in a leap year', () => {
		expect(monthly('2028-01-31', 4)).toEqual(['2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30']);
	});

	it('clamps to 28 February in a common year', () => {
		expect(monthly('2027-01-31', 3)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
	});

	it('follows the Gregorian century rule', () => {
		expect(monthly('2100-01-29', 2)).toEqual(['2100-01-29', '2100-02-28']);
		expect(monthly('2000-01-30', 2)).toEqual(['2000-01-30', '2000-02-29']);
	});

	it('crosses the year end', () => {
		expect(monthly('2026-11-30', 4)).toEqual(['2026-11-30', '2026-12-30', '2027-01-30', '2027-02-28']);
	});

	it('keeps a leap day start on the last day of February, then the 29th', () => {
		expect(monthly('2028-02-29', 13).slice(-2)).toEqual(['2029-01-29', '2029-02-28']);
	});

	it('lands on the start day-of-month, clamped, in consecutive months', () => {
		fc.assert(
			fc.property(isoDay, fc.integer({ min: 1, max: 36 }), (first, n) => {
				const [y, m, d] = first.split('-').map(Number);
				monthly(first, n).forEach((date, i) => {
					const [yy, mm, dd] = date.split('-').map(Number);
					expect(yy * 12 + mm).toBe(y * 12 + m + i);
					expect(dd).toBe(Math.min(d, daysInMonth(yy, mm)));
				});
			})
		);
	});
});

describe('weekly and biweekly dates', () => {
	it('steps 7 or 14 calendar days across month ends, leap days and daylight saving changes', () => {
		expect(dueDates('2028-02-22', 'weekly', 3)).toEqual(['2028-02-22', '2028-02-29', '2028-03-07']);
		expect(dueDates('2027-03-22', 'weekly', 2)).toEqual(['2027-03-22', '2027-03-29']);
		expect(dueDates('2026-12-24', 'biweekly', 3)).toEqual(['2026-12-24', '2027-01-07', '2027-01-21']);
	});

	it('keeps an exact spacing for any start', () => {
		fc.assert(
			fc.property(isoDay, fc.constantFrom('weekly', 'biweekly'), fc.integer({ min: 1, max: 60 }), (first, f, n) => {
				const dates = dueDates(first, f, n);
				const step = f === 'weekly' ? 7 : 14;
				dates.slice(1).forEach((date, i) => expect(dayGap(dates[i], date)).toBe(step));
			})
		);
	});
});

describe('schedule properties', () => {
	const request = fc
		.record({
			terms: fc.integer({ min: 1, max: 60 }),
			balanceCents: fc.integer({ min: 1, max: 100_000_000 }),
			frequency: fc.constantFrom(...FREQUENCIES),
			firstDate: isoDay,
			feeCents: fc.integer({ min: 0, max: 10_000 })
		})
		.filter((r) => r.balanceCents >= r.terms);

	it('sums to the balance to the cent, every instalment after the first equal, rounding cents in the first', () => {
		fc.assert(
			fc.property(request, (r) => {
				const s = buildSchedule({ ...r, currency: 'EUR' });
				const a = amounts(s);
				expect(a).toHaveLength(r.terms);
				expect(a.reduce((x, y) => x + y, 0)).toBe(r.balanceCents);
				expect(new Set(a.slice(1)).size).toBeLessThanOrEqual(1);
				expect(a[0] - a[a.length - 1]).toBeGreaterThanOrEqual(0);
				expect(a[0] - a[a.length - 1]).toBeLessThan(r.terms);
				expect(a.every((x) => Number.isSafeInteger(x) && x >= 1)).toBe(true);
				expect(s.total.amountCents).toBe(r.balanceCents + r.feeCents);
			})
		);
	});

	it('has strictly increasing dates that start on the chosen day', () => {
		fc.assert(
			fc.property(request, (r) => {
				const dates = buildSchedule({ ...r, currency: 'EUR' }).instalments.map((i) => i.dueOn);
				expect(dates[0]).toBe(r.firstDate);
				dates.slice(1).forEach((date, i) => expect(dayGap(dates[i], date)).toBeGreaterThan(0));
				expect(dates.every(isIsoDay)).toBe(true);
			})
		);
	});
});

describe('splitEvenly', () => {
	it('splits exactly, including nothing', () => {
		expect(splitEvenly(7, 3)).toEqual([3, 2, 2]);
		expect(splitEvenly(1003, 4)).toEqual([253, 250, 250, 250]);
		expect(splitEvenly(0, 2)).toEqual([0, 0]);
		expect(() => splitEvenly(10, 0)).toThrow(RangeError);
		expect(() => splitEvenly(-10, 2)).toThrow(RangeError);
	});
});

describe('calendar days', () => {
	it('knows real days from look-alikes', () => {
		for (const day of ['2028-02-29', '2000-02-29', '2026-12-31', '0001-01-01']) expect(isIsoDay(day)).toBe(true);
		const lookAlikes = ['2027-02-29', '2100-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-1-01'];
		for (const day of [...lookAlikes, '2026-01-01T00:00:00Z', '', 20260101]) expect(isIsoDay(day)).toBe(false);
	});

	it('adds and counts days in UTC calendar days', () => {
		expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
		expect(daysBetween('2026-10-25', '2026-10-26')).toBe(1);
		expect(daysBetween('2027-01-01', '2026-12-01')).toBe(-31);
	});

	it('agrees with Date.parse on day counts for any pair of days', () => {
		fc.assert(
			fc.property(isoDay, fc.integer({ min: -400, max: 400 }), (day, n) => {
				const later = addDays(day, n);
				expect(dayGap(day, later)).toBe(n);
				expect(daysBetween(day, later)).toBe(n);
			})
		);
	});

	it('clamps month arithmetic from the day it was asked for', () => {
		expect(addMonthsClamped('2027-02-28', 1, 31)).toBe('2027-03-31');
		expect(addMonthsClamped('2027-03-31', -1)).toBe('2027-02-28');
		expect(() => addMonthsClamped('2027-03-31', 1, 0)).toThrow(RangeError);
	});
});

describe('nextDayOfMonth', () => {
	it('finds the next payday on or after today, clamped to the month end', () => {
		expect(nextDayOfMonth('2027-02-15', 31)).toBe('2027-02-28');
		expect(nextDayOfMonth('2028-02-15', 31)).toBe('2028-02-29');
		expect(nextDayOfMonth('2027-02-28', 30)).toBe('2027-02-28');
		expect(nextDayOfMonth('2027-03-15', 15)).toBe('2027-03-15');
		expect(nextDayOfMonth('2027-03-20', 15)).toBe('2027-04-15');
		expect(nextDayOfMonth('2027-12-20', 5)).toBe('2028-01-05');
		expect(nextDayOfMonth('2027-01-31', 30)).toBe('2027-02-28');
	});

	it('refuses a day that is not in any month', () => {
		expect(() => nextDayOfMonth('2027-01-01', 0)).toThrow(RangeError);
		expect(() => nextDayOfMonth('2027-01-01', 32)).toThrow(RangeError);
		expect(() => nextDayOfMonth('2027-01-01', 1.5)).toThrow(RangeError);
	});

	it('is the first matching day: none between today and it', () => {
		fc.assert(
			fc.property(isoDay, fc.integer({ min: 1, max: 31 }), (today, dom) => {
				const next = nextDayOfMonth(today, dom);
				const gap = dayGap(today, next);
				expect(gap).toBeGreaterThanOrEqual(0);
				expect(gap).toBeLessThan(31);
				const [y, m, d] = next.split('-').map(Number);
				expect(d).toBe(Math.min(dom, daysInMonth(y, m)));
				for (let i = 0; i < gap; i++) {
					const [yy, mm, dd] = addDays(today, i).split('-').map(Number);
					expect(dd).not.toBe(Math.min(dom, daysInMonth(yy, mm)));
				}
			})
		);
	});
});

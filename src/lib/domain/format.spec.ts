import { describe, expect, it } from 'vitest';
import { dayOfMoment, formatDay, formatMoment, formatWeekdayDay } from './format';

describe('formatDay', () => {
	it('writes the day in Dutch and English', () => {
		expect(formatDay('2026-10-03', 'nl')).toBe('3 oktober 2026');
		expect(formatDay('2026-10-03', 'en')).toBe('3 October 2026');
	});

	it('keeps leap days', () => {
		expect(formatDay('2028-02-29', 'nl')).toBe('29 februari 2028');
	});
});

describe('formatMoment', () => {
	const iso = '2026-10-03T12:00:00.000Z';

	it("writes the date, or the date and time, on the merchant's clock (Amsterdam by default)", () => {
		expect(formatMoment(iso, 'nl', 'date')).toBe('3 okt 2026');
		// 12:00 UTC is 14:00 in Amsterdam in summer time, 13:00 in winter, whatever the server's own zone.
		expect(formatMoment(iso, 'nl', 'dateTime')).toContain('14:00');
		expect(formatMoment('2026-12-03T12:00:00.000Z', 'nl', 'dateTime')).toContain('13:00');
		expect(formatMoment(iso, 'en', 'dateTime', 'UTC')).toContain('12:00');
	});

	it('keeps a format per locale and style', () => {
		expect(formatMoment(iso, 'nl', 'date')).toContain('2026');
		expect(formatMoment(iso, 'nl', 'dateTime')).not.toBe(formatMoment(iso, 'nl', 'date'));
		expect(formatMoment(iso, 'en', 'date')).not.toBe(formatMoment(iso, 'nl', 'date'));
	});
});

describe('one English convention', () => {
	it('writes English dates and times the British way, day before month, 24-hour clock', () => {
		expect(formatDay('2026-11-24', 'en')).toBe('24 November 2026');
		expect(formatMoment('2026-11-24T08:30:00.000Z', 'en', 'dateTime')).toBe('24 Nov 2026, 09:30');
	});
	it("tells the day a moment falls on, on the merchant's clock", () => {
		expect(dayOfMoment('2026-12-16T23:30:00.000Z')).toBe('2026-12-17');
		expect(dayOfMoment('2026-12-16T23:30:00.000Z', 'UTC')).toBe('2026-12-16');
	});
});

describe('formatWeekdayDay', () => {
	it('names the weekday and the day, without the year, in the page language (British for English)', () => {
		expect(formatWeekdayDay('2026-12-10', 'nl')).toBe('donderdag 10 december');
		expect(formatWeekdayDay('2026-12-10', 'en')).toBe('Thursday 10 December');
	});
});

import { describe, expect, it } from 'vitest';
import { formatDay, formatMoment } from './format';

describe('formatDay', () => {
	it('writes the day in Dutch and English', () => {
		expect(formatDay('2026-10-03', 'nl')).toBe('3 oktober 2026');
		expect(formatDay('2026-10-03', 'en')).toBe('October 3, 2026');
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

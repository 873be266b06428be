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

	it('writes the date, or the date and time, as Intl does for the locale', () => {
		expect(formatMoment(iso, 'nl', 'date')).toBe(new Intl.DateTimeFormat('nl', { dateStyle: 'medium' }).format(new Date(iso)));
		expect(formatMoment(iso, 'en', 'dateTime')).toBe(new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)));
	});

	it('keeps a format per locale and style', () => {
		expect(formatMoment(iso, 'nl', 'date')).toContain('2026');
		expect(formatMoment(iso, 'nl', 'dateTime')).not.toBe(formatMoment(iso, 'nl', 'date'));
		expect(formatMoment(iso, 'en', 'date')).not.toBe(formatMoment(iso, 'nl', 'date'));
	});
});

import { describe, expect, it } from 'vitest';
import { formatDay } from './format';

describe('formatDay', () => {
	it('writes the day in Dutch and English', () => {
		expect(formatDay('2026-10-03', 'nl')).toBe('3 oktober 2026');
		expect(formatDay('2026-10-03', 'en')).toBe('October 3, 2026');
	});

	it('keeps leap days', () => {
		expect(formatDay('2028-02-29', 'nl')).toBe('29 februari 2028');
	});
});

import { describe, expect, it } from 'vitest';
import { contrastRatio, INK, PAPER, readableOn } from './contrast';

describe('contrast', () => {
	it('matches the WCAG extremes', () => {
		expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
		expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5);
	});

	it('matches a known mid value', () => {
		// #767676 on white is the classic 4.54:1 AA boundary.
		expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
	});

	it('picks white text on dark brands and dark text on light ones', () => {
		expect(readableOn('#1f4e5f')).toBe(PAPER);
		expect(readableOn('#f2b134')).toBe(INK);
		expect(readableOn('#ffff00')).toBe(INK);
	});

	it('rejects what is not a colour', () => {
		expect(() => readableOn('red')).toThrow(/rrggbb/);
	});
});

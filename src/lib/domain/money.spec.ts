import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits, sum } from './money';

// Intl uses non-breaking spaces in Dutch; compare what a reader sees.
const plain = (s: string) => s.replace(/\s/g, ' ');

describe('formatMoney', () => {
	it('formats euros the Dutch way', () => {
		expect(plain(formatMoney({ amountCents: 1234567, currency: 'EUR' }, 'nl'))).toBe('€ 12.345,67');
		expect(plain(formatMoney({ amountCents: 4995, currency: 'EUR' }, 'nl'))).toBe('€ 49,95');
	});

	it('formats euros the English way', () => {
		expect(formatMoney({ amountCents: 1234567, currency: 'EUR' }, 'en')).toBe('€12,345.67');
		expect(formatMoney({ amountCents: 5, currency: 'EUR' }, 'en')).toBe('€0.05');
	});

	it('respects currencies without minor units', () => {
		expect(formatMoney({ amountCents: 1500, currency: 'JPY' }, 'en')).toBe('¥1,500');
	});

	it('refuses fractional cents instead of rounding silently', () => {
		expect(() => formatMoney({ amountCents: 10.5, currency: 'EUR' }, 'nl')).toThrow(/whole cents/);
	});
});

describe('sum', () => {
	it('adds cents exactly where floats would drift', () => {
		const items = Array.from({ length: 10 }, () => ({ amountCents: 10, currency: 'EUR' }));
		expect(sum(items)).toEqual({ amountCents: 100, currency: 'EUR' });
	});

	it('gives zero for nothing', () => {
		expect(sum([], 'EUR')).toEqual({ amountCents: 0, currency: 'EUR' });
	});

	it('refuses to mix currencies', () => {
		expect(() =>
			sum([
				{ amountCents: 100, currency: 'EUR' },
				{ amountCents: 100, currency: 'USD' }
			])
		).toThrow(/USD/);
	});
});

describe('minorDigits', () => {
	it("knows each currency's decimals and refuses what is not a code", () => {
		expect([minorDigits('EUR'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 0, 3]);
		expect([minorDigits('eur'), minorDigits('EURO'), minorDigits('')]).toEqual([null, null, null]);
	});
});

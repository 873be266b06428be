import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_COSTS_CENTS, MIN_COSTS_CENTS, statutoryCollectionCosts } from './collection-costs';

describe('statutoryCollectionCosts', () => {
	// Worked examples as the Besluit's own table gives them.
	it.each([
		[10_000, 4_000], // € 100: 15 % is € 15, so the minimum of € 40
		[26_667, 4_000], // € 266,67 → € 40,00
		[30_000, 4_500], // € 300 → 15 % = € 45
		[250_000, 37_500], // € 2.500 → € 375
		[500_000, 62_500], // € 5.000 → € 375 + € 250
		[1_000_000, 87_500], // € 10.000 → + € 250
		[20_000_000, 277_500], // € 200.000 → + € 1.900
		[100_000_000, 677_500], // € 1.000.000 → capped at € 6.775
		[123_456, 18_518] // € 1.234,56 → € 185,18 (15 %, rounded to the cent)
	])('%i cents principal → %i cents costs', (principal, costs) => {
		expect(statutoryCollectionCosts(principal)).toBe(costs);
	});

	it('is zero when nothing is owed', () => {
		expect(statutoryCollectionCosts(0)).toBe(0);
	});

	it('stays within the legal minimum and maximum, and never falls as the principal grows', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 200_000_000_00 }), fc.integer({ min: 0, max: 1_000_000 }), (p, extra) => {
				const c = statutoryCollectionCosts(p);
				expect(c).toBeGreaterThanOrEqual(MIN_COSTS_CENTS);
				expect(c).toBeLessThanOrEqual(MAX_COSTS_CENTS);
				expect(statutoryCollectionCosts(p + extra)).toBeGreaterThanOrEqual(c);
			})
		);
	});

	it('refuses a principal that is not whole cents', () => {
		expect(() => statutoryCollectionCosts(10.5)).toThrow();
	});
});

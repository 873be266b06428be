import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { armOf, compare, normalCdf } from './experiments';

describe('compare: worked examples of the two-proportion z test', () => {
	it('100 of 1000 against 130 of 1000: b is better, the interval leaves out zero', () => {
		// By hand: p̂ = 230/2000 = 0.115; SE₀ = √(0.115·0.885·(2/1000)) = 0.014267; z = 0.03 / 0.014267 = 2.1027;
		// p = 2·(1 − Φ(2.1027)) = 0.0355. SE = √(0.1·0.9/1000 + 0.13·0.87/1000) = 0.014251; 0.03 ± 1.96·SE = [0.00207, 0.05793].
		const r = compare({ debtors: 1000, successes: 100 }, { debtors: 1000, successes: 130 });
		if (!r.enough) throw new Error('expected enough data');
		expect(r.difference).toBeCloseTo(0.03, 10);
		expect(r.z).toBeCloseTo(2.1027, 3);
		expect(r.p).toBeCloseTo(0.0355, 3);
		expect(r.interval[0]).toBeCloseTo(0.00207, 4);
		expect(r.interval[1]).toBeCloseTo(0.05793, 4);
		expect(r.winner).toBe('b');
	});

	it('45 of 500 against 50 of 500: no difference worth the name, no winner', () => {
		// p̂ = 0.095; SE₀ = √(0.095·0.905·0.004) = 0.018545; z = 0.01 / 0.018545 = 0.5392; p = 0.5898.
		// SE = √(0.09·0.91/500 + 0.1·0.9/500) = 0.018542; 0.01 ± 0.036342 = [−0.02634, 0.04634].
		const r = compare({ debtors: 500, successes: 45 }, { debtors: 500, successes: 50 });
		if (!r.enough) throw new Error('expected enough data');
		expect(r.z).toBeCloseTo(0.5392, 3);
		expect(r.p).toBeCloseTo(0.5898, 3);
		expect(r.interval[0]).toBeCloseTo(-0.02634, 4);
		expect(r.interval[1]).toBeCloseTo(0.04634, 4);
		expect(r.winner).toBeNull();
	});

	it('names arm a when it is the better one', () => {
		const r = compare({ debtors: 400, successes: 120 }, { debtors: 400, successes: 80 });
		expect(r.enough && r.winner).toBe('a');
	});

	it('says "not enough data yet" below 100 debtors an arm, or with fewer than 10 of either outcome', () => {
		expect(compare({ debtors: 40, successes: 3 }, { debtors: 40, successes: 20 })).toEqual({
			enough: false,
			a: 0.075,
			b: 0.5,
			needs: { debtors: 100, eachOutcome: 10 }
		});
		expect(compare({ debtors: 200, successes: 9 }, { debtors: 200, successes: 60 }).enough).toBe(false);
		expect(compare({ debtors: 200, successes: 195 }, { debtors: 200, successes: 150 }).enough).toBe(false);
		expect(compare({ debtors: 0, successes: 0 }, { debtors: 0, successes: 0 })).toMatchObject({ enough: false, a: null, b: null });
		expect(compare({ debtors: 100, successes: 10 }, { debtors: 100, successes: 90 }).enough).toBe(true);
	});

	it('refuses counts that cannot be', () => {
		expect(() => compare({ debtors: 10, successes: 11 }, { debtors: 10, successes: 1 })).toThrow(RangeError);
	});

	it('has an interval around the difference that swaps with the arms', () => {
		const count = fc.nat({ max: 5000 }).chain((n) => fc.record({ debtors: fc.constant(n + 100), successes: fc.nat({ max: n + 100 }) }));
		fc.assert(
			fc.property(count, count, (a, b) => {
				const ab = compare(a, b);
				const ba = compare(b, a);
				if (!ab.enough || !ba.enough) return;
				expect(ab.interval[0]).toBeLessThanOrEqual(ab.difference);
				expect(ab.interval[1]).toBeGreaterThanOrEqual(ab.difference);
				expect(ba.difference).toBeCloseTo(-ab.difference, 12);
				expect(ba.p).toBeCloseTo(ab.p, 12);
			})
		);
	});
});

describe('normalCdf', () => {
	it('matches the table', () => {
		expect(normalCdf(0)).toBeCloseTo(0.5, 7);
		expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
		expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
	});
});

describe('armOf', () => {
	it('is the same arm every time for the same hash, and splits by the share asked', () => {
		expect(armOf('00000000ff')).toBe('b');
		expect(armOf('7fffffff')).toBe('b');
		expect(armOf('80000000')).toBe('a');
		expect(armOf('ffffffff')).toBe('a');
		expect(armOf('40000000', 0.2)).toBe('a');
		expect(() => armOf('xyz')).toThrow(RangeError);
	});
});

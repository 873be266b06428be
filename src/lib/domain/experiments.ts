// A/B tests on a journey step or segment: which arm a debtor is in (from a keyed hash), and whether the difference
// between the arms means something yet (two-proportion z test, 95 % confidence interval of the difference).

export type ArmName = 'a' | 'b';
/** How many debtors an arm had and how many of them did what counts (paid, for instance). */
export type ArmCount = { debtors: number; successes: number };

/**
 * The rule for "not enough data yet": each arm needs at least MIN_DEBTORS debtors, and at least MIN_EACH_OUTCOME
 * successes and as many non-successes — the usual condition (n·p ≥ 10 and n·(1−p) ≥ 10) under which the normal
 * approximation the z test rests on holds. Before that nothing is said about a difference, however large it looks.
 */
export const MIN_DEBTORS = 100;
export const MIN_EACH_OUTCOME = 10;
/** Two-sided, 95 %. */
export const Z_95 = 1.959963984540054;

/**
 * The arm for a debtor, from the first 8 hex digits (32 bits) of a keyed hash of experiment id and debtor id (see
 * server/experiments): the same debtor always lands in the same arm, and nobody can steer which without the key.
 * `shareB` is the share of debtors in arm b (default half).
 */
export function armOf(hashHex: string, shareB = 0.5): ArmName {
	if (!/^[0-9a-f]{8}/i.test(hashHex)) throw new RangeError('need at least 8 hex digits');
	if (!(shareB > 0 && shareB < 1)) throw new RangeError('shareB must be between 0 and 1');
	return parseInt(hashHex.slice(0, 8), 16) / 2 ** 32 < shareB ? 'b' : 'a';
}

export type Comparison =
	| { enough: false; a: number | null; b: number | null; needs: { debtors: number; eachOutcome: number } }
	| {
			enough: true;
			/** The share of successes in each arm. */
			a: number;
			b: number;
			/** b − a, with its 95 % confidence interval (unpooled standard error). */
			difference: number;
			interval: [number, number];
			/** The z statistic (pooled standard error) and its two-sided p-value. */
			z: number;
			p: number;
			/** The better arm when the interval leaves out zero; null while it does not. */
			winner: ArmName | null;
	  };

const rate = (c: ArmCount) => (c.debtors ? c.successes / c.debtors : null);

export function compare(a: ArmCount, b: ArmCount): Comparison {
	for (const c of [a, b]) {
		if (!Number.isInteger(c.debtors) || !Number.isInteger(c.successes) || c.successes < 0 || c.successes > c.debtors)
			throw new RangeError('counts must be whole numbers with successes ≤ debtors');
	}
	const enough = [a, b].every(
		(c) => c.debtors >= MIN_DEBTORS && c.successes >= MIN_EACH_OUTCOME && c.debtors - c.successes >= MIN_EACH_OUTCOME
	);
	if (!enough) return { enough: false, a: rate(a), b: rate(b), needs: { debtors: MIN_DEBTORS, eachOutcome: MIN_EACH_OUTCOME } };
	const pa = a.successes / a.debtors;
	const pb = b.successes / b.debtors;
	const difference = pb - pa;
	const pooled = (a.successes + b.successes) / (a.debtors + b.debtors);
	const z = difference / Math.sqrt(pooled * (1 - pooled) * (1 / a.debtors + 1 / b.debtors));
	const se = Math.sqrt((pa * (1 - pa)) / a.debtors + (pb * (1 - pb)) / b.debtors);
	const interval: [number, number] = [difference - Z_95 * se, difference + Z_95 * se];
	const p = 2 * (1 - normalCdf(Math.abs(z)));
	const winner = interval[0] > 0 ? 'b' : interval[1] < 0 ? 'a' : null;
	return { enough: true, a: pa, b: pb, difference, interval, z, p, winner };
}

/** Φ(x), the standard normal distribution function (Abramowitz & Stegun 7.1.26 for erf, error below 1.5·10⁻⁷). */
export function normalCdf(x: number): number {
	const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
	const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
	const erf = 1 - poly * Math.exp(-(x * x) / 2);
	return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

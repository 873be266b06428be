// The statutory scale for extrajudicial collection costs on a consumer claim (art. 6:96 BW and the Besluit
// vergoeding voor buitengerechtelijke incassokosten, art. 2): a percentage per band of the principal, at least
// € 40 and at most € 6.775. Pure and in cents. VAT is left out: a merchant that can reclaim VAT may not add it.
import { assertCents } from '../money';

type Band = { uptoCents: number; permille: number };

/** Per band of the principal, from the bottom: 15 %, 10 %, 5 %, 1 %, 0,5 %. */
const BANDS: Band[] = [
	{ uptoCents: 250_000, permille: 150 },
	{ uptoCents: 500_000, permille: 100 },
	{ uptoCents: 1_000_000, permille: 50 },
	{ uptoCents: 20_000_000, permille: 10 },
	{ uptoCents: Number.POSITIVE_INFINITY, permille: 5 }
];
export const MIN_COSTS_CENTS = 4_000;
export const MAX_COSTS_CENTS = 677_500;

/** The most the law allows as collection costs on this principal, in cents (rounded to the nearest cent). */
export function statutoryCollectionCosts(principalCents: number): number {
	assertCents(principalCents);
	if (principalCents <= 0) return 0;
	// Tenths of a cent keep every band exact until the one rounding at the end.
	let milliCents = 0;
	let lower = 0;
	for (const band of BANDS) {
		if (principalCents <= lower) break;
		const inBand = Math.min(principalCents, band.uptoCents) - lower;
		milliCents += inBand * band.permille;
		lower = band.uptoCents;
	}
	const cents = Math.round(milliCents / 1000);
	return Math.min(MAX_COSTS_CENTS, Math.max(MIN_COSTS_CENTS, cents));
}

// Money is integer cents plus an ISO 4217 currency; it is only turned into text at the edge.

export type Money = { amountCents: number; currency: string };

export function assertCents(amountCents: number): number {
	if (!Number.isSafeInteger(amountCents)) {
		throw new RangeError(`Amounts are whole cents; got ${amountCents}`);
	}
	return amountCents;
}

/** Sums amounts of one currency; mixing currencies is a programming error, not a rounding question. */
export function sum(items: readonly Money[], currency = items[0]?.currency ?? 'EUR'): Money {
	let total = 0;
	for (const item of items) {
		if (item.currency !== currency) {
			throw new Error(`Cannot add ${item.currency} to ${currency}`);
		}
		total += assertCents(item.amountCents);
	}
	return { amountCents: total, currency };
}

const digitsCache = new Map<string, number | null>();

/** The currency's own number of decimals (2 for EUR, 0 for JPY); null for what is not an ISO 4217 code. */
export function minorDigits(currency: string): number | null {
	if (!/^[A-Z]{3}$/.test(currency)) return null;
	let digits = digitsCache.get(currency);
	if (digits === undefined) {
		try {
			digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
		} catch {
			digits = null;
		}
		// Intl is slow to construct; a CSV of 100 000 rows asks the same question 200 000 times.
		if (digitsCache.size < 1000) digitsCache.set(currency, digits);
	}
	return digits;
}

type CurrencyFormat = { format: (n: number) => string; minorUnit: number };
const formats = new Map<string, CurrencyFormat>();

function currencyFormat(locale: string, currency: string): CurrencyFormat {
	const key = `${locale}|${currency}`;
	let cached = formats.get(key);
	if (!cached) {
		const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
		// Intl takes the code in any case; the number of decimals is the same in every locale.
		cached = { format: (n) => formatter.format(n), minorUnit: 10 ** (minorDigits(currency.toUpperCase()) ?? 2) };
		formats.set(key, cached);
	}
	return cached;
}

export function formatMoney(money: Money, locale: string): string {
	const { format, minorUnit } = currencyFormat(locale, money.currency);
	return format(assertCents(money.amountCents) / minorUnit);
}

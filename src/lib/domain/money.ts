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

const formatters = new Map<string, Intl.NumberFormat>();

export function formatMoney(money: Money, locale: string): string {
	const key = `${locale}|${money.currency}`;
	let formatter = formatters.get(key);
	if (!formatter) {
		formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
		formatters.set(key, formatter);
	}
	const minorDigits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
	return formatter.format(assertCents(money.amountCents) / 10 ** minorDigits);
}

// The results page's words for table columns, figure labels and cells, shared by the page and its CSV downloads.
import { formatMoney } from '$lib/domain/money';
import type { Cell } from '$lib/domain/kpi-tables';
import { m } from '$lib/paraglide/messages';

const messages: Record<string, unknown> = m;
const say = (key: string) => {
	const f = messages[key];
	return typeof f === 'function' ? String(f()) : key;
};

export const labelOf = (key: string) => say(`results_label_${key}`);
export const columnOf = (key: string) => say(`results_col_${key}`);
export const sectionOf = (chart: string) => say(`results_section_${chart}`);

/** A cell as the page shows it, in the reader's language. */
export function shownCell(c: Cell, locale: string): string {
	switch (c.kind) {
		case 'money':
			return formatMoney({ amountCents: c.cents, currency: 'EUR' }, locale);
		case 'count':
			return new Intl.NumberFormat(locale).format(c.value);
		case 'share':
			return c.value === null ? '—' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(c.value);
		case 'days':
			return c.value === null ? '—' : new Intl.NumberFormat(locale).format(c.value);
		case 'label':
			return labelOf(c.key);
		case 'text':
			return c.value || '—';
		case 'period':
			return c.value.length === 7
				? new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${c.value}-01`))
				: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(c.value));
	}
}

/** The number a chart draws for a cell (money in euros, shares in percent). */
export function valueOf(c: Cell): number {
	if (c.kind === 'money') return c.cents / 100;
	if (c.kind === 'share') return (c.value ?? 0) * 100;
	if (c.kind === 'count' || c.kind === 'days') return c.value ?? 0;
	return 0;
}

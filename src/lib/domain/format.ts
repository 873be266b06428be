// Locale-aware formatting for dates stored as ISO days (yyyy-mm-dd) and for moments (ISO timestamps).

/**
 * The convention a page's language is written in: English pages read British English ("24 November 2026", "€24.95",
 * 24-hour times), one convention instead of Intl's US default for a bare "en" beside Dutch contact details.
 */
export function writtenLocale(locale: string): string {
	return locale === 'en' ? 'en-GB' : locale;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Formatted days, by locale and day: a page shows a dozen, the same few across many debtors' views. Bounded. */
const formattedDays = new Map<string, string>();

export function formatDay(isoDay: string, locale: string): string {
	const key = `${locale}|${isoDay}`;
	const hit = formattedDays.get(key);
	if (hit !== undefined) return hit;
	let format = dayFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(writtenLocale(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
		dayFormats.set(locale, format);
	}
	// Noon UTC keeps the calendar day stable in every time zone.
	const text = format.format(new Date(`${isoDay}T12:00:00Z`));
	if (formattedDays.size >= 10_000) formattedDays.clear();
	formattedDays.set(key, text);
	return text;
}

const weekdayFormats = new Map<string, Intl.DateTimeFormat>();

/** A day with its weekday and without the year, for choosing a day in the next few weeks: "vrijdag 11 december". */
export function formatWeekdayDay(isoDay: string, locale: string): string {
	let format = weekdayFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(writtenLocale(locale), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
		weekdayFormats.set(locale, format);
	}
	return format.format(new Date(`${isoDay}T12:00:00Z`));
}

const MOMENT_STYLES = {
	date: { dateStyle: 'medium' },
	dateTime: { dateStyle: 'medium', timeStyle: 'short' }
} satisfies Record<string, Intl.DateTimeFormatOptions>;
export type MomentStyle = keyof typeof MOMENT_STYLES;
const momentFormats = new Map<string, Intl.DateTimeFormat>();

/** Merchants keep Dutch time unless they say otherwise: the console reads the same clock on the server and in the browser. */
export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

/** A moment (an ISO timestamp) on the merchant's clock: its date, or its date and time. */
export function formatMoment(iso: string, locale: string, style: MomentStyle, timeZone = DEFAULT_TIME_ZONE): string {
	const key = `${style}|${locale}|${timeZone}`;
	let format = momentFormats.get(key);
	if (!format) {
		format = new Intl.DateTimeFormat(writtenLocale(locale), { ...MOMENT_STYLES[style], timeZone });
		momentFormats.set(key, format);
	}
	return format.format(new Date(iso));
}

/** The calendar day (yyyy-mm-dd) a moment falls on, on the merchant's clock. */
export function dayOfMoment(iso: string, timeZone = DEFAULT_TIME_ZONE): string {
	let format = dayOfMomentFormats.get(timeZone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
		dayOfMomentFormats.set(timeZone, format);
	}
	return format.format(new Date(iso));
}
const dayOfMomentFormats = new Map<string, Intl.DateTimeFormat>();

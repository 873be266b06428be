// Locale-aware formatting for dates stored as ISO days (yyyy-mm-dd).

const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDay(isoDay: string, locale: string): string {
	let format = dayFormats.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
		dayFormats.set(locale, format);
	}
	// Noon UTC keeps the calendar day stable in every time zone.
	return format.format(new Date(`${isoDay}T12:00:00Z`));
}

// Locale-aware formatting for dates stored as ISO days (yyyy-mm-dd).

export function formatDay(isoDay: string, locale: string): string {
	// Noon UTC keeps the calendar day stable in every time zone.
	return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
		new Date(`${isoDay}T12:00:00Z`)
	);
}

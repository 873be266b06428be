// Copy helpers for the settings page, in the browser too.

/** A contrast ratio as people read it: "4,6:1". */
export const ratioText = (ratio: number, locale: string) =>
	`${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.floor(ratio * 10) / 10)}:1`;

// A debtor's postal address: the postcode check per country and the lines a window envelope shows. Pure.

export type PostalAddress = { street: string | null; postcode: string | null; city: string | null; country: string };

/** Postcodes are stored normalised: upper case, no spaces. */
export const normalisePostcode = (v: string) => v.toUpperCase().replace(/\s/g, '');

/**
 * Whether a (normalised) postcode is valid for the country. Dutch ones are 1234AB (PostNL gives out no SA, SD or SS);
 * Belgian and German ones are four and five digits; elsewhere any 3–10 letters, digits and dashes.
 */
export function postcodeFits(country: string, postcode: string): boolean {
	if (country === 'NL') return /^[1-9][0-9]{3}[A-Z]{2}$/.test(postcode) && !/(SA|SD|SS)$/.test(postcode);
	if (country === 'BE') return /^[1-9][0-9]{3}$/.test(postcode);
	if (country === 'DE') return /^[0-9]{5}$/.test(postcode);
	return /^[A-Z0-9-]{3,10}$/.test(postcode);
}

/** How a postcode is written on an envelope: "1234 AB" in the Netherlands, as stored elsewhere. */
export function writtenPostcode(country: string, postcode: string): string {
	return country === 'NL' && /^\d{4}[A-Z]{2}$/.test(postcode) ? `${postcode.slice(0, 4)} ${postcode.slice(4)}` : postcode;
}

const COUNTRY_NAMES: Record<string, string> = {
	BE: 'BELGIË',
	DE: 'DEUTSCHLAND',
	FR: 'FRANCE',
	GB: 'UNITED KINGDOM',
	LU: 'LUXEMBOURG'
};

/**
 * The address lines for the envelope window, or null when the address is not complete enough to post. A letter from
 * the Netherlands to the Netherlands names no country; abroad the last line is the country in capitals (PostNL's rule).
 */
export function addressLines(name: string, a: PostalAddress): string[] | null {
	if (!a.street?.trim() || !a.postcode?.trim() || !a.city?.trim()) return null;
	const place = `${writtenPostcode(a.country, a.postcode)}  ${a.city.trim().toUpperCase()}`;
	const lines = [name.trim(), a.street.trim(), place];
	if (a.country !== 'NL') lines.push(COUNTRY_NAMES[a.country] ?? a.country);
	return lines;
}

// How a merchant presents itself to its debtors.
import { readableOn } from './contrast';

export type Brand = {
	displayName: string;
	brandColor: string;
	accentColor: string;
	logoUrl: string | null;
	contactEmail: string | null;
	contactPhone: string | null;
	contactHours: string | null;
	website: string | null;
};

/** The fields of the console's brand form, in the form's order. */
export const BRAND_FIELDS = [
	'displayName',
	'brandColor',
	'accentColor',
	'contactEmail',
	'contactPhone',
	'contactHours',
	'website',
	'senderName'
] as const;

/** The brand as CSS custom properties, with text colours chosen to stay readable on each. */
export function brandStyle(brand: Pick<Brand, 'brandColor' | 'accentColor'>): string {
	return (
		`--brand:${brand.brandColor};--on-brand:${readableOn(brand.brandColor)};` +
		`--accent:${brand.accentColor};--on-accent:${readableOn(brand.accentColor)}`
	);
}

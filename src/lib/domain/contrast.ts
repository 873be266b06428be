// WCAG 2.x contrast maths, used to keep brand colours readable.

export function parseHex(hex: string): [number, number, number] {
	const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
	if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
	return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}

export function relativeLuminance(hex: string): number {
	const [r, g, b] = parseHex(hex).map((v) => {
		const c = v / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
	const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
	return (hi + 0.05) / (lo + 0.05);
}

export const INK = '#14181c';
export const PAPER = '#ffffff';

/** The text colour (near-black or white) that reads best on a background. */
export function readableOn(background: string): string {
	return contrastRatio(background, INK) >= contrastRatio(background, PAPER) ? INK : PAPER;
}

// WCAG 2.x contrast maths, used to keep brand colours readable.

/** A colour as Coulant stores and takes it: #rrggbb (either case). */
export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

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

/** WCAG AA for normal text: what every text on a brand colour must reach. */
export const MIN_CONTRAST = 4.5;

export type ContrastDecision = { text: typeof INK | typeof PAPER; ratio: number; ok: boolean };

/** Which text colour (near-black or white) goes on a background, its contrast ratio, and whether that is enough. */
export function contrastDecision(background: string): ContrastDecision {
	const onInk = contrastRatio(background, INK);
	const onPaper = contrastRatio(background, PAPER);
	const text = onInk >= onPaper ? INK : PAPER;
	const ratio = Math.max(onInk, onPaper);
	return { text, ratio, ok: ratio >= MIN_CONTRAST };
}

/** The text colour (near-black or white) that reads best on a background. */
export function readableOn(background: string): string {
	return contrastDecision(background).text;
}

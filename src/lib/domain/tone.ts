// A merchant's tone of voice: it picks the page copy and the video script.
export const TONES = ['friendly', 'neutral', 'formal'] as const;
export type Tone = (typeof TONES)[number];

/** Picks the variant of a piece of copy for a tone. */
export function toned<T>(tone: Tone, variants: Record<Tone, T>): T {
	return variants[tone];
}

/** How a debtor is greeted (page, message, video): the first name, or the full name in the formal tone. */
export function greetingName(tone: Tone, name: string): string {
	return tone === 'formal' ? name : name.split(' ')[0];
}

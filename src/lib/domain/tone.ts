// A merchant's tone of voice: it picks the page copy, the messages and the video script.
export const TONES = ['friendly', 'neutral', 'formal'] as const;
export type Tone = (typeof TONES)[number];

const TONE_SUFFIX = /_(friendly|neutral|formal)$/;

/**
 * The one rule for copy in a tone, used by the app (`$lib/copy`) and the video (`video/copy.ts`) alike:
 * a message `key_<tone>` wins, else the plain `key` serves every tone.
 */
export function tonedKey(key: string, tone: Tone, exists: (key: string) => boolean): string {
	const variant = `${key}_${tone}`;
	return exists(variant) ? variant : key;
}

/** The key a tone variant belongs to (`greeting_formal` → `greeting`). */
export function baseKey(key: string): string {
	return key.replace(TONE_SUFFIX, '');
}

/** How a debtor is greeted (page, message, video): the first name, or the full name in the formal tone. */
export function greetingName(tone: Tone, name: string): string {
	return tone === 'formal' ? name : name.split(' ')[0];
}

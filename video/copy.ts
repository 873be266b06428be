// The video's wording, read from the app's own messages/ (one source of truth for copy), tone variants included.
import en from '../messages/en.json' with { type: 'json' };
import nl from '../messages/nl.json' with { type: 'json' };
import type { Tone } from '../src/lib/domain/tone';

const CATALOGUES: Record<string, Record<string, string>> = { nl, en };

/** Every message key the video has read in this process: tests check that the composition version covers them. */
export const KEYS_SAID = new Set<string>();

/** A message by key, with `{name}` placeholders filled in; a tone variant (`key_formal`) wins when it exists. */
export function say(locale: string, key: string, params: Record<string, string | number> = {}, tone?: Tone): string {
	const catalogue = CATALOGUES[locale];
	if (!catalogue) throw new Error(`No messages for locale ${locale}`);
	const used = tone && catalogue[`${key}_${tone}`] !== undefined ? `${key}_${tone}` : key;
	KEYS_SAID.add(used);
	const text = catalogue[used];
	if (text === undefined) throw new Error(`Missing message ${key}${tone ? `(_${tone})` : ''} for ${locale}`);
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

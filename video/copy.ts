// The video's wording, read from the app's own messages/ (one source of truth for copy), tone variants included.
import portalEn from '../messages/portal/en.json' with { type: 'json' };
import portalNl from '../messages/portal/nl.json' with { type: 'json' };
import videoEn from '../messages/video/en.json' with { type: 'json' };
import videoNl from '../messages/video/nl.json' with { type: 'json' };
import { tonedKey, type Tone } from '../src/lib/domain/tone';

// The words the debtor hears are the words they read on their page: the portal's copy and the video's own.
const CATALOGUES: Record<string, Record<string, string>> = {
	nl: { ...portalNl, ...videoNl },
	en: { ...portalEn, ...videoEn }
};

/** Every message key the video has read in this process: tests check that the composition version covers them. */
export const KEYS_SAID = new Set<string>();

/** A message by key, with `{name}` placeholders filled in, in the tone's variant where there is one. */
export function say(locale: string, key: string, params: Record<string, string | number> = {}, tone?: Tone): string {
	const catalogue = CATALOGUES[locale];
	if (!catalogue) throw new Error(`No messages for locale ${locale}`);
	const used = tone ? tonedKey(key, tone, (k) => catalogue[k] !== undefined) : key;
	KEYS_SAID.add(used);
	const text = catalogue[used];
	if (text === undefined) throw new Error(`Missing message ${key}${tone ? `(_${tone})` : ''} for ${locale}`);
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

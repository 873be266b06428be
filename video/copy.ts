// The video's wording, read from the app's own messages/ (one source of truth for copy), tone variants included.
import portalAr from '../messages/portal/ar.json' with { type: 'json' };
import portalDe from '../messages/portal/de.json' with { type: 'json' };
import portalEn from '../messages/portal/en.json' with { type: 'json' };
import portalFr from '../messages/portal/fr.json' with { type: 'json' };
import portalNl from '../messages/portal/nl.json' with { type: 'json' };
import portalPl from '../messages/portal/pl.json' with { type: 'json' };
import portalTr from '../messages/portal/tr.json' with { type: 'json' };
import videoAr from '../messages/video/ar.json' with { type: 'json' };
import videoDe from '../messages/video/de.json' with { type: 'json' };
import videoEn from '../messages/video/en.json' with { type: 'json' };
import videoFr from '../messages/video/fr.json' with { type: 'json' };
import videoNl from '../messages/video/nl.json' with { type: 'json' };
import videoPl from '../messages/video/pl.json' with { type: 'json' };
import videoTr from '../messages/video/tr.json' with { type: 'json' };
import { tonedKey, type Tone } from '../src/lib/domain/tone';

/** A message as the inlang message format stores it: a pattern, or (for plurals) one selector's variants. */
type Variants = { declarations: string[]; selectors: string[]; match: Record<string, string> };
type Stored = string | Variants[];

// The words the debtor hears are the words they read on their page: the portal's copy and the video's own.
const CATALOGUES: Record<string, Record<string, Stored>> = {
	nl: { ...portalNl, ...videoNl },
	en: { ...portalEn, ...videoEn },
	de: { ...portalDe, ...videoDe },
	fr: { ...portalFr, ...videoFr },
	tr: { ...portalTr, ...videoTr },
	pl: { ...portalPl, ...videoPl },
	ar: { ...portalAr, ...videoAr }
};

/** Every message key the video has read in this process: tests check that the composition version covers them. */
export const KEYS_SAID = new Set<string>();

/** The pattern for these inputs: a plural message picks its variant by the language's own plural rules (Intl). */
function patternOf(stored: Stored, locale: string, params: Record<string, string | number>): string {
	if (typeof stored === 'string') return stored;
	const [{ declarations, match }] = stored;
	// "local countPlural = count: plural": the selector names an input, read as a number.
	const input = declarations.map((d) => /^local (\w+) = (\w+): plural$/.exec(d)).find(Boolean);
	if (!input) throw new Error('Only plural selectors are supported in the video');
	const [, selector, name] = input;
	const n = Number(params[name]);
	const category = new Intl.PluralRules(locale).select(n);
	return match[`${selector}=${n}`] ?? match[`${selector}=${category}`] ?? match[`${selector}=*`];
}

/** A message by key, with `{name}` placeholders filled in, in the tone's variant where there is one. */
export function say(locale: string, key: string, params: Record<string, string | number> = {}, tone?: Tone): string {
	const catalogue = CATALOGUES[locale];
	if (!catalogue) throw new Error(`No messages for locale ${locale}`);
	const used = tone ? tonedKey(key, tone, (k) => catalogue[k] !== undefined) : key;
	KEYS_SAID.add(used);
	const stored = catalogue[used];
	if (stored === undefined) throw new Error(`Missing message ${key}${tone ? `(_${tone})` : ''} for ${locale}`);
	return patternOf(stored, locale, params).replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

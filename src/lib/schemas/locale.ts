import { z } from 'zod';

/** Every language a debtor can be addressed in; Dutch is the base. */
export const LOCALES = ['nl', 'en', 'de', 'fr', 'tr', 'pl', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
/** The merchant console speaks Dutch and English only. */
export const CONSOLE_LOCALES = ['nl', 'en'] as const satisfies readonly Locale[];
export type ConsoleLocale = (typeof CONSOLE_LOCALES)[number];

/** Each language in its own name, as the language switch lists them. */
export const ENDONYMS: Record<Locale, string> = {
	nl: 'Nederlands',
	en: 'English',
	de: 'Deutsch',
	fr: 'Français',
	tr: 'Türkçe',
	pl: 'Polski',
	ar: 'العربية'
};

export const isLocale = (l: unknown): l is Locale => typeof l === 'string' && (LOCALES as readonly string[]).includes(l);

/** A language as Coulant speaks it: a known one when asked for, Dutch for anything else (or nothing). */
export const toLocale = (l: string | null | undefined): Locale => (isLocale(l) ? l : 'nl');

/** The console's language for a request in any locale: Dutch stays Dutch, everyone else reads English. */
export const toConsoleLocale = (l: string | null | undefined): ConsoleLocale => (l === 'nl' ? 'nl' : 'en');

/** Which way a language is written. */
export const dirOf = (l: string): 'rtl' | 'ltr' => (l === 'ar' ? 'rtl' : 'ltr');

export const localeChoice = z.object({
	locale: z.enum(LOCALES, { error: `Choose one of: ${LOCALES.map((l) => ENDONYMS[l]).join(', ')}.` })
});

import { z } from 'zod';

export const LOCALES = ['nl', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** A language as Coulant speaks it: English when asked for, Dutch for anything else (or nothing). */
export const toLocale = (l: string | null | undefined): Locale => (l === 'en' ? 'en' : 'nl');
export const localeChoice = z.object({ locale: z.enum(LOCALES, { error: 'Choose Nederlands or English.' }) });

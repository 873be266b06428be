import { z } from 'zod';

export const LOCALES = ['nl', 'en'] as const;
export const localeChoice = z.object({ locale: z.enum(LOCALES, { error: 'Choose Nederlands or English.' }) });

// What the console's brand, tone and privacy forms accept; messages are message keys the page turns into copy.
import { z } from 'zod';
import { contrastDecision, HEX_COLOUR } from '../domain/contrast';
import { RETENTION_MONTHS } from '../domain/privacy';
import { TONES } from '../domain/tone';
import { LOCALES } from './locale';

// The console's colour fields show the decision beside each colour.
export { contrastDecision, MIN_CONTRAST, type ContrastDecision } from '../domain/contrast';

const colour = (invalid: string, unreadable: string) =>
	z
		.string()
		.trim()
		.regex(HEX_COLOUR, { error: invalid })
		.transform((c) => c.toLowerCase())
		.refine((c) => contrastDecision(c).ok, { error: unreadable });

/** Optional text: an empty field means "not shown". */
const optional = <T extends z.ZodType<string | null>>(schema: T) =>
	z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : typeof v === 'string' ? v.trim() : v), schema.nullable());

export const brandForm = z.object({
	displayName: z.string().trim().min(1, { error: 'settings_error_display_name' }).max(80, { error: 'settings_error_display_name' }),
	brandColor: colour('settings_error_colour', 'settings_error_brand_contrast'),
	accentColor: colour('settings_error_colour', 'settings_error_accent_contrast'),
	contactEmail: optional(z.email({ error: 'settings_error_email' }).max(254, { error: 'settings_error_email' })),
	contactPhone: optional(z.string().regex(/^\+?[0-9][0-9 ()-]{5,19}$/, { error: 'settings_error_phone' })),
	contactHours: optional(z.string().max(80, { error: 'settings_error_hours' })),
	website: optional(z.url({ protocol: /^https?$/, error: 'settings_error_website' }).max(200, { error: 'settings_error_website' })),
	senderName: optional(z.string().max(60, { error: 'settings_error_sender_name' }))
});

export type BrandForm = z.output<typeof brandForm>;
export { BRAND_FIELDS } from '../domain/brand';

export const toneForm = z.object({ tone: z.enum(TONES, { error: 'settings_error_tone' }) });

export const PRIVACY_CHECKS = ['none', 'postcode', 'birthdate'] as const;
export type PrivacyCheck = (typeof PRIVACY_CHECKS)[number];
/** The language a debtor is written to when the import or API names none (and their browser tells nothing better). */
export const languageForm = z.object({ defaultLocale: z.enum(LOCALES, { error: 'settings_error_language' }) });

/** Months after settlement before a debtor's personal data is removed (domain/privacy: RETENTION_MONTHS). */
export const retentionForm = z.object({
	retentionMonths: z.coerce
		.number({ error: 'settings_error_retention' })
		.int({ error: 'settings_error_retention' })
		.min(RETENTION_MONTHS.min, { error: 'settings_error_retention' })
		.max(RETENTION_MONTHS.max, { error: 'settings_error_retention' })
});

export const privacyForm = z.object({ privacyCheck: z.enum(PRIVACY_CHECKS, { error: 'settings_error_privacy' }) });

/** One message key per field (the first problem of each), for forms that show the message beside the field. */
export function fieldProblems(error: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = issue.path.map(String).join('.') || '_form';
		out[key] ??= issue.message;
	}
	return out;
}

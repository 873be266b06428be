// Message keys that the settings actions hand back, turned into copy in the current locale.
import { m } from '$lib/paraglide/messages';

const problems: Record<string, () => string> = {
	settings_error_display_name: m.settings_error_display_name,
	settings_error_colour: m.settings_error_colour,
	settings_error_brand_contrast: m.settings_error_brand_contrast,
	settings_error_accent_contrast: m.settings_error_accent_contrast,
	settings_error_email: m.settings_error_email,
	settings_error_phone: m.settings_error_phone,
	settings_error_hours: m.settings_error_hours,
	settings_error_website: m.settings_error_website,
	settings_error_sender_name: m.settings_error_sender_name,
	settings_error_tone: m.settings_error_tone,
	settings_error_privacy: m.settings_error_privacy,
	settings_error_logo_missing: m.settings_error_logo_missing,
	settings_error_logo_size: m.settings_error_logo_size,
	settings_error_logo_type: m.settings_error_logo_type,
	settings_error_logo_svg: m.settings_error_logo_svg
};

export function settingsProblem(key: string | undefined): string | undefined {
	if (!key) return undefined;
	return (problems[key] ?? m.console_error_generic)();
}

/** A contrast ratio as people read it: "4,6:1". */
export const ratioText = (ratio: number, locale: string) =>
	`${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.floor(ratio * 10) / 10)}:1`;

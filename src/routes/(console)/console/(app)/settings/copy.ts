// Copy shared by the settings page's sections; their form problems read through problem() in console/copy.ts.
import { m } from '$lib/paraglide/messages';
import { toned, type Tone } from '$lib/domain/tone';

/** How the debtor page opens in a tone, for a sample debtor: the greeting, then the line that names the merchant. */
export const sampleIntro = (tone: Tone, merchant: string) => ({
	greeting: toned(tone, { friendly: m.greeting_friendly, neutral: m.greeting_neutral, formal: m.greeting_formal })({ name: tone === 'formal' ? 'Sanne de Vries' : 'Sanne' }),
	intro: toned(tone, { friendly: m.intro_friendly, neutral: m.intro_neutral, formal: m.intro_formal })({ merchant })
});

/** A contrast ratio as people read it: "4,6:1". */
export const ratioText = (ratio: number, locale: string) =>
	`${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.floor(ratio * 10) / 10)}:1`;

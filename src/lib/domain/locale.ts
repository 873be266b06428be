// Which language a debtor is addressed in: the one rule, pure, for the pages (and whatever else asks).
import { isLocale, type Locale } from '../schemas/locale';

export type LocaleSources = {
	/** The debtor's language as stored: from the import or the API, replaced by the debtor's own choice on the page. */
	debtor?: string | null;
	/** The choice made in this browser (the language cookie), for pages where the debtor is not known yet. */
	chosen?: string | null;
	/** The browser's Accept-Language header. */
	acceptLanguage?: string | null;
	/** The merchant's default language. */
	merchant?: string | null;
};

/** The first supported language in an Accept-Language header, by weight (`de-AT` counts as `de`); q=0 means "not this". */
export function fromAcceptLanguage(header: string | null | undefined): Locale | undefined {
	if (!header) return undefined;
	const asked = header
		.split(',')
		.map((part, index) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const weight = q ? Number(q.slice(2)) : 1;
			return { language: tag.trim().toLowerCase().split('-')[0], weight: Number.isFinite(weight) ? weight : 0, index };
		})
		.filter((a) => a.weight > 0)
		// A stable sort: equal weights keep the order the browser gave.
		.sort((a, b) => b.weight - a.weight || a.index - b.index);
	return asked.find((a) => isLocale(a.language))?.language as Locale | undefined;
}

/** The debtor's stored language, then this browser's choice, then Accept-Language, then the merchant's default, then Dutch. */
export function chooseLocale(s: LocaleSources): Locale {
	if (isLocale(s.debtor)) return s.debtor;
	if (isLocale(s.chosen)) return s.chosen;
	return fromAcceptLanguage(s.acceptLanguage) ?? (isLocale(s.merchant) ? s.merchant : 'nl');
}

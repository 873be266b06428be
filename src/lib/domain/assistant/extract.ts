// What a debtor's words say besides the intent: a date ("morgen", "op de 25e", "na mijn salaris"), an amount
// ("€ 20", "twintig euro") and a count ("in 3 keer", "three instalments"), in Dutch and English.
import * as chrono from 'chrono-node';
import { addDays, daysInMonth, nextDayOfMonth } from '../schedule';

export type Understood = 'nl' | 'en';
export type DateSaid = { kind: 'day'; date: string } | { kind: 'payday' } | null;

const WORD_NUMBERS: Record<Understood, Record<string, number>> = {
	nl: {
		een: 1,
		één: 1,
		twee: 2,
		drie: 3,
		vier: 4,
		vijf: 5,
		zes: 6,
		zeven: 7,
		acht: 8,
		negen: 9,
		tien: 10,
		elf: 11,
		twaalf: 12,
		dertien: 13,
		veertien: 14,
		vijftien: 15,
		zestien: 16,
		twintig: 20,
		dertig: 30,
		veertig: 40,
		vijftig: 50,
		zestig: 60,
		zeventig: 70,
		tachtig: 80,
		negentig: 90,
		honderd: 100
	},
	en: {
		one: 1,
		two: 2,
		three: 3,
		four: 4,
		five: 5,
		six: 6,
		seven: 7,
		eight: 8,
		nine: 9,
		ten: 10,
		eleven: 11,
		twelve: 12,
		thirteen: 13,
		fourteen: 14,
		fifteen: 15,
		sixteen: 16,
		twenty: 20,
		thirty: 30,
		forty: 40,
		fifty: 50,
		sixty: 60,
		seventy: 70,
		eighty: 80,
		ninety: 90,
		hundred: 100
	}
};

/** "vijfentwintig", "twenty-five", "honderd": a whole number in words, or null. */
export function wordNumber(word: string, locale: Understood): number | null {
	const w = word.toLowerCase();
	const table = WORD_NUMBERS[locale];
	if (w in table) return table[w];
	if (locale === 'nl') {
		// Dutch puts the units first: vijf-en-twintig, drieëntwintig.
		const m =
			/^(een|één|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën)(twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)$/.exec(
				w
			);
		if (m) return table[m[2]] + table[m[1]];
		const h = /^(twee|drie|vier|vijf)honderd$/.exec(w);
		if (h) return table[h[1]] * 100;
	} else {
		const m = /^(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]?(one|two|three|four|five|six|seven|eight|nine)$/.exec(w);
		if (m) return table[m[1]] + table[m[2]];
	}
	return null;
}

const NUMBER = String.raw`\d+(?:[.,]\d{1,2})?`;
const WORD = String.raw`[a-zëé]+(?:-[a-z]+)?`;

function toCents(raw: string): number | null {
	const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(raw);
	if (!m) return null;
	return Number(m[1]) * 100 + (m[2] ? Number(m[2].padEnd(2, '0')) : 0);
}

function numberOrWord(raw: string, locale: Understood): number | null {
	if (/^\d/.test(raw)) return toCents(raw);
	const n = wordNumber(raw, locale);
	return n === null ? null : n * 100;
}

/** An amount of money named in the text, in cents: "€ 20", "20 euro", "€20,50", "twintig euro"; null if none. */
export function amountOf(text: string, locale: Understood): number | null {
	const t = text.toLowerCase();
	const before = new RegExp(String.raw`(?:€|eur\b)\s?(${NUMBER})(?:,-)?`).exec(t);
	if (before) return toCents(before[1]);
	const after = new RegExp(String.raw`\b(${NUMBER}|${WORD})\s?(?:euro|eur|€)`).exec(t);
	if (after) return numberOrWord(after[1], locale);
	// "20 per maand", "50 a month": a bare number with a period is an amount too.
	const per = new RegExp(
		String.raw`\b(${NUMBER}|${WORD})\s(?:per|a|each|every|elke|iedere|in de)\s(?:maand|month|week|twee weken|two weeks|fortnight)`
	).exec(t);
	if (per) return numberOrWord(per[1], locale);
	return null;
}

const COUNT_WORDS: Record<Understood, RegExp> = {
	nl: /\b(?:in\s)?(\d{1,2}|[a-zë]+)\s(?:keer|termijnen|termijn|delen|maanden|betalingen|stukken|x)\b/,
	en: /\b(?:in\s)?(\d{1,2}|[a-z-]+)\s(?:instalments|installments|payments|parts|months|goes|times|chunks|x)\b/
};

/** How many instalments the text asks for ("in 3 keer", "drie termijnen", "in three payments"); null if none. */
export function countOf(text: string, locale: Understood): number | null {
	const t = text.toLowerCase();
	const m = COUNT_WORDS[locale].exec(t) ?? /\b(\d{1,2})\s?x\b/.exec(t);
	if (!m) return null;
	const n = /^\d+$/.test(m[1]) ? Number(m[1]) : wordNumber(m[1], locale);
	// "In één keer" is paying it all at once, not a plan of one.
	return n !== null && n >= 2 && n <= 60 ? n : null;
}

const PAYDAY: Record<Understood, RegExp> = {
	nl: /\b(salaris|loon|uitkering|betaaldag|salarisdag|toeslag|pensioen)\b|\bals ik (?:mijn )?geld (?:heb|krijg)|\bals (?:mijn )?(?:geld|loon|salaris) (?:binnen|er) is/,
	en: /\b(payday|pay day|paycheck|pay check|salary|wages|benefits)\b|\bwhen i get paid|\bonce i(?:'m| am) paid/
};

const DAY_OF_MONTH: Record<Understood, RegExp> = {
	nl: /\b(?:op\s)?de\s(\d{1,2})(?:e|ste|de)\b/,
	en: /\b(?:on\s)?the\s(\d{1,2})(?:st|nd|rd|th)\b/
};

const END_OF_MONTH: Record<Understood, RegExp> = {
	nl: /\b(?:eind|einde|aan het eind|het einde) van (?:de|deze) maand\b/,
	en: /\b(?:end of (?:the|this) month)\b/
};

/** The day a debtor names, relative to `today` (ISO, in the merchant's calendar); "payday" when it hangs on their pay. */
export function dateOf(text: string, locale: Understood, today: string): DateSaid {
	const t = text.toLowerCase();
	if (PAYDAY[locale].test(t)) return { kind: 'payday' };
	if (locale === 'nl' && /\bovermorgen\b/.test(t)) return { kind: 'day', date: addDays(today, 2) };
	const [year, month] = today.split('-').map(Number);
	if (END_OF_MONTH[locale].test(t)) {
		return { kind: 'day', date: `${today.slice(0, 8)}${String(daysInMonth(year, month)).padStart(2, '0')}` };
	}
	const dom = DAY_OF_MONTH[locale].exec(t);
	if (dom && !/\b(maand|month|january|januari|feb|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec)/.test(t.slice(dom.index))) {
		const day = Number(dom[1]);
		if (day >= 1 && day <= 31) return { kind: 'day', date: nextDayOfMonth(today, day) };
	}
	const parser = locale === 'nl' ? chrono.nl : chrono.en;
	// chrono reads "zo" (zondag) and "do" (donderdag) into "prima zo" and "doe maar": a day needs a real word.
	const result = parser.parse(t, new Date(`${today}T12:00:00Z`), { forwardDate: true }).find((r) => r.text.trim().length > 2);
	if (!result) return null;
	const found = result.start.date();
	// chrono builds the day in the process's own time zone; read it back the same way.
	const iso = [found.getFullYear(), found.getMonth() + 1, found.getDate()].map((n) => String(n).padStart(2, '0')).join('-');
	return { kind: 'day', date: iso };
}

/** A day of the month said on its own ("25", "de 25e", "the 25th"): the answer to "on which day are you paid?". */
export function dayNumberOf(text: string): number | null {
	const m = /^\D*?(\d{1,2})(?:e|ste|de|st|nd|rd|th)?\b\D*$/.exec(text.trim().toLowerCase());
	if (!m) return null;
	const n = Number(m[1]);
	return n >= 1 && n <= 31 ? n : null;
}

/** "per week", "elke twee weken", "monthly": how often, when the text says so. */
export function frequencyOf(text: string): 'weekly' | 'biweekly' | 'monthly' | null {
	const t = text.toLowerCase();
	if (/twee weken|2 weken|two weeks|2 weeks|fortnight|biweekly/.test(t)) return 'biweekly';
	if (/\bper week\b|\belke week\b|wekelijks|weekly|\ba week\b|\beach week\b|\bevery week\b/.test(t)) return 'weekly';
	if (/maand|month/.test(t)) return 'monthly';
	return null;
}

const LANGUAGE_NAMES: [RegExp, string][] = [
	[/\b(english|engels|englisch|anglais|ingilizce|angielsku)\b/, 'en'],
	[/\b(nederlands|dutch|niederländisch|néerlandais|hollandaca|niderlandzku)\b/, 'nl'],
	[/\b(deutsch|duits|german|allemand|almanca|niemiecku)\b/, 'de'],
	[/\b(français|francais|frans|french|französisch|fransızca|francusku)\b/, 'fr'],
	[/\b(türkçe|turkce|turks|turkish|türkisch|turc|turecku)\b/, 'tr'],
	[/\b(polski|polsku|pools|polish|polnisch|polonais|lehçe)\b/, 'pl'],
	[/(العربية|بالعربي|\barabisch\b|\barabic\b|\barabe\b|\barapça\b|\barabsku\b)/, 'ar']
];

/** "Can we do this in English?", "Nederlands graag", "auf Deutsch bitte": the language asked for, if any. */
export function languageAsked(text: string): string | null {
	const t = text.toLowerCase();
	if (t.length > 80) return null;
	for (const [pattern, locale] of LANGUAGE_NAMES) if (pattern.test(t)) return locale;
	return null;
}

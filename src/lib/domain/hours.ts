// A merchant's opening hours, typed freely in Dutch ("ma–vr 9:00–17:00, za 10-16"), read into days and times so each
// debtor sees them in their own language's weekday names and clock ("Mon–Fri 09:00–17:00"). What cannot be read is
// shown as typed: a merchant's own words are better than a wrong guess.
import { writtenLocale } from './format';

/** Days as ISO weekday numbers, Monday 1 … Sunday 7. */
export type HoursSegment = { fromDay: number; toDay: number; opens: string; closes: string };

const DAY_WORDS: Record<string, number> = {
	ma: 1, maandag: 1, mon: 1, monday: 1,
	di: 2, dinsdag: 2, tue: 2, tues: 2, tuesday: 2,
	wo: 3, woensdag: 3, wed: 3, wednesday: 3,
	do: 4, donderdag: 4, thu: 4, thurs: 4, thursday: 4,
	vr: 5, vrij: 5, vrijdag: 5, fri: 5, friday: 5,
	za: 6, zaterdag: 6, sat: 6, saturday: 6,
	zo: 7, zondag: 7, sun: 7, sunday: 7
}; // prettier-ignore

const DAY = '([a-z]+)\\.?';
const TO = '\\s*(?:-|–|—|t\\/m|tm|tot en met|to|until)\\s*';
const TIME = '(\\d{1,2})(?:[:.](\\d{2}))?';
const TIME_TO = '\\s*(?:-|–|—|tot|to)\\s*';
const SEGMENT = new RegExp(`^${DAY}(?:${TO}${DAY})?\\s*:?\\s*(?:van\\s+)?${TIME}(?:\\s*uur)?${TIME_TO}${TIME}(?:\\s*uur)?$`);

function day(word: string | undefined): number | null {
	return word === undefined ? null : (DAY_WORDS[word] ?? null);
}

function clock(hours: string, minutes: string | undefined): string | null {
	const h = Number(hours);
	const min = minutes === undefined ? 0 : Number(minutes);
	if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
	return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** The hours as segments, or null when any part of the text is not something this reads with certainty. */
export function readHours(text: string): HoursSegment[] | null {
	const parts = text
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim()
		.split(/\s*[;,]\s*|\s+en\s+(?=[a-z]+\.?\s*\d)/);
	if (parts.length === 0 || parts[0] === '') return null;
	const segments: HoursSegment[] = [];
	for (const part of parts) {
		const match = SEGMENT.exec(part);
		if (!match) return null;
		const [, first, last, oh, om, ch, cm] = match;
		const from = day(first);
		const opens = clock(oh, om);
		const closes = clock(ch, cm);
		if (from === null || opens === null || closes === null || opens >= closes) return null;
		const to = last === undefined ? from : day(last);
		if (to === null || to < from) return null;
		segments.push({ fromDay: from, toDay: to, opens, closes });
	}
	return segments;
}

// Intl formatters are costly to make (a debtor page view made eight of them for "ma–vr 9:00–17:00"): one per locale.
const weekdayFormats = new Map<string, Intl.DateTimeFormat>();
const timeFormats = new Map<string, Intl.DateTimeFormat>();

function formatterFor(cache: Map<string, Intl.DateTimeFormat>, locale: string, options: Intl.DateTimeFormatOptions) {
	let format = cache.get(locale);
	if (!format) {
		format = new Intl.DateTimeFormat(writtenLocale(locale), { ...options, timeZone: 'UTC' });
		cache.set(locale, format);
	}
	return format;
}

// 2024-01-01 was a Monday: weekday n is 2024-01-0n.
const weekday = (locale: string, n: number) =>
	formatterFor(weekdayFormats, locale, { weekday: 'short' }).format(new Date(Date.UTC(2024, 0, n, 12)));

function time(locale: string, hhmm: string): string {
	const [h, min] = hhmm.split(':').map(Number);
	return formatterFor(timeFormats, locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
		new Date(Date.UTC(2024, 0, 1, h, min))
	);
}

/**
 * The same merchant's hours are formatted on every one of its debtors' page views: kept per text and language (a
 * merchant's words, nothing of a debtor's), a bounded number of them.
 */
const formatted = new Map<string, string>();
const MAX_FORMATTED = 2_000;

/** The merchant's hours in the reader's language, or the text as typed when it cannot be read with certainty. */
export function formatHours(text: string, locale: string): string {
	const key = `${locale}\u0000${text}`;
	const hit = formatted.get(key);
	if (hit !== undefined) return hit;
	const result = format(text, locale);
	if (formatted.size >= MAX_FORMATTED) formatted.delete(formatted.keys().next().value!);
	formatted.set(key, result);
	return result;
}

function format(text: string, locale: string): string {
	const segments = readHours(text);
	if (!segments) return text;
	return segments
		.map((s) => {
			const days = s.fromDay === s.toDay ? weekday(locale, s.fromDay) : `${weekday(locale, s.fromDay)}–${weekday(locale, s.toDay)}`;
			return `${days} ${time(locale, s.opens)}–${time(locale, s.closes)}`;
		})
		.join(locale === 'ar' ? '، ' : ', ');
}

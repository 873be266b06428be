// Instalment schedules: exact cents and calendar days (ISO yyyy-mm-dd), with no clock or time zone involved.
import { assertCents, type Money } from './money';

export const FREQUENCIES = ['weekly', 'biweekly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export type Instalment = Money & { number: number; dueOn: string };

export type Schedule = {
	frequency: Frequency;
	/** Sums to the balance exactly; amounts differ by at most one cent, the larger ones first. */
	instalments: Instalment[];
	/** The plan fee as a line of its own, due with the first instalment; zero when the merchant charges none. */
	fee: Money & { dueOn: string };
	/** What the debtor pays in all: the balance plus the fee. */
	total: Money;
};

export type ScheduleRequest = {
	balanceCents: number;
	currency: string;
	terms: number;
	frequency: Frequency;
	firstDate: string;
	feeCents?: number;
};

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month, with month 1 = January. */
export function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real calendar day written as yyyy-mm-dd; '2027-02-29' is not one. */
export function isIsoDay(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const match = ISO_DAY.exec(value);
	if (!match) return false;
	const [year, month, day] = match.slice(1).map(Number);
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

// Midnight UTC stands for the whole calendar day; setUTCFullYear keeps years below 100 literal.
function toUtc(isoDay: string): Date {
	if (!isIsoDay(isoDay)) throw new RangeError(`Not a calendar day (yyyy-mm-dd): ${isoDay}`);
	const [year, month, day] = isoDay.split('-').map(Number);
	const date = new Date(0);
	date.setUTCFullYear(year, month - 1, day);
	return date;
}

/** The calendar day (UTC) of a moment, as yyyy-mm-dd: today is `toIsoDay(new Date())`. */
export function toIsoDay(date: Date): string {
	const year = date.getUTCFullYear();
	if (year < 0 || year > 9999) throw new RangeError(`Year out of range: ${year}`);
	return date.toISOString().slice(0, 10);
}

/** "2026-10-01", or the Dutch "01-10-2026" / "1/10/2026", to an ISO date; null when it is not a real day. */
export function parseDay(text: string): string | null {
	const s = text.trim();
	let y: number, mo: number, d: number;
	let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
	if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(s))) [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
	else return null;
	const date = new Date(Date.UTC(y, mo - 1, d));
	if (y < 1900 || y > 2200 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
	return toIsoDay(date);
}

export function addDays(isoDay: string, days: number): string {
	if (!Number.isInteger(days)) throw new RangeError(`Whole days only; got ${days}`);
	return toIsoDay(new Date(toUtc(isoDay).getTime() + days * DAY_MS));
}

/** Whole days from one calendar day to another; negative when `to` comes first. */
export function daysBetween(from: string, to: string): number {
	return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / DAY_MS);
}

/**
 * The same day-of-month `months` later, clamped to that month's last day. Clamping starts from
 * `dayOfMonth` (by default the start's own day), never from an earlier clamped date, so a plan
 * that starts on 31 January falls on 28/29 February and then on 31 March again.
 */
export function addMonthsClamped(isoDay: string, months: number, dayOfMonth?: number): string {
	toUtc(isoDay);
	if (!Number.isInteger(months)) throw new RangeError(`Whole months only; got ${months}`);
	const [year, month, day] = isoDay.split('-').map(Number);
	const wanted = dayOfMonth ?? day;
	if (!Number.isInteger(wanted) || wanted < 1 || wanted > 31) {
		throw new RangeError(`Day of month is 1–31; got ${wanted}`);
	}
	const index = year * 12 + (month - 1) + months;
	const targetYear = Math.floor(index / 12);
	const targetMonth = index - targetYear * 12 + 1;
	const clamped = Math.min(wanted, daysInMonth(targetYear, targetMonth));
	const date = new Date(0);
	date.setUTCFullYear(targetYear, targetMonth - 1, clamped);
	return toIsoDay(date);
}

/** The first day on or after `today` that falls on `dayOfMonth` (1–31), clamped to the month's end. */
export function nextDayOfMonth(today: string, dayOfMonth: number): string {
	const thisMonth = addMonthsClamped(today, 0, dayOfMonth);
	return thisMonth >= today ? thisMonth : addMonthsClamped(today, 1, dayOfMonth);
}

/**
 * Splits an amount into `parts` whole cents: every part the same, and the leftover cents (fewer than
 * `parts`) all in the first one. That stated first instalment lets one Mollie subscription, which has a
 * single amount, collect every instalment after it.
 */
export function splitEvenly(totalCents: number, parts: number): number[] {
	assertCents(totalCents);
	if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`Parts must be a whole number ≥ 1; got ${parts}`);
	if (totalCents < 0) throw new RangeError(`Cannot split a negative amount: ${totalCents}`);
	const base = Math.floor(totalCents / parts);
	const leftover = totalCents - base * parts;
	return Array.from({ length: parts }, (_, i) => (i === 0 ? base + leftover : base));
}

/** `count` due dates from `firstDate`; they strictly increase for every frequency. */
export function dueDates(firstDate: string, frequency: Frequency, count: number): string[] {
	toUtc(firstDate);
	return Array.from({ length: count }, (_, i) => {
		switch (frequency) {
			case 'weekly':
				return addDays(firstDate, 7 * i);
			case 'biweekly':
				return addDays(firstDate, 14 * i);
			case 'monthly':
				return addMonthsClamped(firstDate, i);
			default:
				throw new RangeError(`Unknown frequency: ${frequency satisfies never}`);
		}
	});
}

/** An exact schedule. It refuses nonsense (a zero-cent instalment, a bad date) rather than bending it. */
export function buildSchedule(request: ScheduleRequest): Schedule {
	const { balanceCents, currency, terms, frequency, firstDate, feeCents = 0 } = request;
	assertCents(balanceCents);
	assertCents(feeCents);
	if (!Number.isInteger(terms) || terms < 1) throw new RangeError(`Terms must be a whole number ≥ 1; got ${terms}`);
	if (balanceCents < terms) {
		throw new RangeError(`Every instalment needs at least one cent: ${balanceCents} over ${terms}`);
	}
	if (feeCents < 0) throw new RangeError(`A fee cannot be negative: ${feeCents}`);
	const dates = dueDates(firstDate, frequency, terms);
	const instalments = splitEvenly(balanceCents, terms).map((amountCents, i) => ({
		number: i + 1,
		dueOn: dates[i],
		amountCents,
		currency
	}));
	return {
		frequency,
		instalments,
		fee: { amountCents: feeCents, currency, dueOn: firstDate },
		total: { amountCents: balanceCents + feeCents, currency }
	};
}

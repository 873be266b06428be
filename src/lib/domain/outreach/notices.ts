// The messages a serious product sends by itself, beside the journey: receipts, confirmations, the SEPA
// pre-notification and its reminders, and a calm word when a promise or an instalment is missed. Pure.
import { addDays, daysBetween, dueDates, type Frequency } from '../schedule';
import { DEFAULT_SEND_WINDOW, type SendWindow } from './send-window';

export const NOTICE_KINDS = [
	'receipt',
	'plan_confirmation',
	'pre_debit_notice',
	'pre_debit_reminder',
	'instalment_reminder',
	'instalment_due',
	'promise_reminder',
	'promise_missed',
	'plan_trouble',
	'support_answered'
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * Notices that the terms of an agreement require or that only confirm what the debtor did: they go even to a debtor
 * who stopped reminders. The others are reminders and respect that choice.
 */
export const REQUIRED_NOTICES: readonly NoticeKind[] = [
	'receipt',
	'plan_confirmation',
	'pre_debit_notice',
	'pre_debit_reminder',
	'support_answered'
];

/** The merchant's rules for reaching debtors. */
export type OutreachPolicy = {
	window: SendWindow;
	/** Journey messages per debtor per week (Monday to Sunday), at most. */
	weeklyCap: number;
	/** The SEPA pre-notification goes at least this many days before the first debit it covers (never under 2). */
	noticeDays: number;
	/** A short reminder this many days before each debit, and before each pay-by-link instalment. */
	reminderDays: number;
	/** Collection costs after the 14-day letter's term (only when the merchant turns them on). */
	collectionCosts: boolean;
	/** The SEPA creditor's name and identifier, as they appear on the debtor's bank statement. */
	creditor: { name: string | null; id: string | null };
	/** What the merchant pays per SMS part and per printed letter, in cents (e-mail costs nothing). */
	costs: { smsCents: number; letterCents: number };
};

/** Notices that answer what the debtor just did: they go at once, not at the next moment of the sending window. */
export const goesAtOnce = (kind: string) => kind === 'receipt' || kind === 'support_answered';

export const MIN_NOTICE_DAYS = 2;
export const DEFAULT_OUTREACH_POLICY: OutreachPolicy = {
	window: DEFAULT_SEND_WINDOW,
	weeklyCap: 2,
	noticeDays: 14,
	reminderDays: 3,
	collectionCosts: false,
	creditor: { name: null, id: null },
	costs: { smsCents: 0, letterCents: 0 }
};

/** Event types on the timeline that bring a notice, and which. */
const FROM_EVENTS: Record<string, NoticeKind> = {
	'payment.paid': 'receipt',
	'plan.direct_debit_set_up': 'pre_debit_notice',
	'promise.broken': 'promise_missed',
	'plan.at_risk': 'plan_trouble',
	'plan.broken': 'plan_trouble',
	'message.answered': 'support_answered'
};

/** The timeline's event types that may bring a notice (see noticeForEvent). */
export const NOTICE_EVENT_TYPES: readonly string[] = [...Object.keys(FROM_EVENTS), 'plan.created'];

/** The notice an event brings, if any. A pay-by-link plan is confirmed when made; a direct debit once it is set up. */
export function noticeForEvent(type: string, payload: Record<string, unknown>): NoticeKind | null {
	if (type === 'plan.created') return payload.collection === 'pay_by_link' ? 'plan_confirmation' : null;
	return FROM_EVENTS[type] ?? null;
}

/**
 * The first day a debit may fall when its notice goes out on `noticeDay`: the notice period after it. No debit may
 * fall on a day that no notice covered in time.
 */
export function earliestDebit(noticeDay: string, noticeDays: number): string {
	return addDays(noticeDay, Math.max(MIN_NOTICE_DAYS, noticeDays));
}

/**
 * The debit dates a direct debit really collects on, from the wanted first date: moved to the earliest day the
 * notice allows when it is too close, the rest following at the plan's frequency (as the subscription will).
 */
export function noticedDebitDates(
	wantedFirst: string,
	frequency: Frequency,
	count: number,
	noticeDay: string,
	noticeDays: number
): string[] {
	const earliest = earliestDebit(noticeDay, noticeDays);
	return dueDates(wantedFirst >= earliest ? wantedFirst : earliest, frequency, count);
}

/** An instalment as the date-driven notices see it. */
export type NoticeInstalment = { id: string; number: number; dueOn: string; status: 'scheduled' | 'pending' | 'paid' | 'missed' };
export type NoticePlan = {
	collection: 'direct_debit' | 'pay_by_link';
	held: boolean;
	debitsRunning: boolean;
	instalments: NoticeInstalment[];
};
export type DueNotice = { kind: NoticeKind; about: string; on: string };

/**
 * The date-driven notices due today for one debtor: a reminder a few days before each debit and each pay-by-link
 * instalment, one on a pay-by-link instalment's day, and one the day before a promised date. Each is due from its
 * day until the moment it is about has passed, so a run that was missed catches up, and `about` keys it once.
 */
export function dueNotices(
	today: string,
	plan: NoticePlan | null,
	promise: { id: string; promisedOn: string } | null,
	policy: Pick<OutreachPolicy, 'reminderDays'>,
	paused: boolean
): DueNotice[] {
	const out: DueNotice[] = [];
	if (paused) return out;
	if (plan && !plan.held) {
		for (const i of plan.instalments) {
			if (i.status !== 'scheduled') continue;
			const before = daysBetween(today, i.dueOn);
			if (plan.collection === 'direct_debit') {
				// The first instalment is paid by iDEAL when the plan is made; the debits are the rest, once running.
				if (i.number > 1 && plan.debitsRunning && before >= 0 && before <= policy.reminderDays)
					out.push({ kind: 'pre_debit_reminder', about: i.id, on: today });
			} else if (before === 0) {
				out.push({ kind: 'instalment_due', about: i.id, on: today });
			} else if (before > 0 && before <= policy.reminderDays) {
				out.push({ kind: 'instalment_reminder', about: i.id, on: today });
			}
		}
	}
	if (promise && daysBetween(today, promise.promisedOn) === 1) out.push({ kind: 'promise_reminder', about: promise.id, on: today });
	return out;
}

/** A SEPA creditor identifier (e.g. NL79ZZZ999999990000): its shape and its ISO 7064 check digits. */
export function isCreditorId(id: string): boolean {
	const s = id.replace(/\s+/g, '').toUpperCase();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/.test(s)) return false;
	// The business code (characters 5–7) is not part of the check; letters count as 10–35.
	const rearranged = s.slice(7) + s.slice(0, 2) + s.slice(2, 4);
	const digits = rearranged.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
	let rest = 0;
	for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
	return rest === 1;
}

export type PolicyProblem = 'weekly_cap' | 'notice_days' | 'reminder_days' | 'creditor_id' | 'hours' | 'time_zone' | 'cost';

/** Where the merchant's outreach rules make no sense, per field. */
export function checkOutreachPolicy(p: OutreachPolicy): { field: string; problem: PolicyProblem }[] {
	const out: { field: string; problem: PolicyProblem }[] = [];
	const whole = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
	if (!whole(p.weeklyCap, 1, 7)) out.push({ field: 'weeklyCap', problem: 'weekly_cap' });
	if (!whole(p.noticeDays, MIN_NOTICE_DAYS, 30)) out.push({ field: 'noticeDays', problem: 'notice_days' });
	if (!whole(p.reminderDays, 1, 14)) out.push({ field: 'reminderDays', problem: 'reminder_days' });
	if (p.creditor.id && !isCreditorId(p.creditor.id)) out.push({ field: 'creditorId', problem: 'creditor_id' });
	if (!whole(p.costs.smsCents, 0, 10_000)) out.push({ field: 'smsCents', problem: 'cost' });
	if (!whole(p.costs.letterCents, 0, 10_000)) out.push({ field: 'letterCents', problem: 'cost' });
	return out;
}

// A merchant's reminder journey: ordered steps, each with when it goes, through which channel, in which tone and
// with which words. Pure: the console checks a journey with it, the planner reads it, the tests prove it.
import type { Tone } from '../tone';
import { carries, type Channel } from './channels';

export const STEP_KINDS = ['link', 'reminder', 'fourteen_day', 'final_notice'] as const;
/**
 * link: the first message, with the personal link · reminder: a friendly nudge · fourteen_day: the formal
 * *14-dagenbrief* the law asks before any collection costs (art. 6:96 BW) · final_notice: the last message before a
 * claim is handed over, only once the 14-day term has ended.
 */
export type StepKind = (typeof STEP_KINDS)[number];
/** A step goes through one channel, or through the debtor's preferred one with a fallback (see channels.ts). */
export const STEP_CHANNELS = ['preferred', 'email', 'sms', 'letter'] as const;
export type StepChannel = Extract<Channel, (typeof STEP_CHANNELS)[number]> | 'preferred';
export const STEP_LOCALES = ['nl', 'en'] as const;
export type StepLocale = (typeof STEP_LOCALES)[number];

/** A step's own words: the e-mail's (and letter's) subject and body, and optionally the text message's. */
export type Words = { subject: string; body: string; sms?: string };

export type Step = {
	/** Stable across edits: it keys what was sent, so reordering or rewording never sends a step twice. */
	id: string;
	kind: StepKind;
	after: { days: number; from: 'due' | 'previous' };
	channel: StepChannel;
	/** 'merchant': the tone of the merchant's settings at the moment of sending. */
	tone: Tone | 'merchant';
	/** The merchant's own words instead of the standard ones, per language; absent languages use the standard. */
	words: Partial<Record<StepLocale, Words>>;
};

export type Journey = { steps: Step[] };

/** A sensible start: the link on the due date, two friendly reminders, the 14-day letter, a last notice. */
export const DEFAULT_JOURNEY: Journey = {
	steps: [
		{ id: 'link', kind: 'link', after: { days: 0, from: 'due' }, channel: 'preferred', tone: 'merchant', words: {} },
		{ id: 'reminder-1', kind: 'reminder', after: { days: 3, from: 'due' }, channel: 'preferred', tone: 'friendly', words: {} },
		{ id: 'reminder-2', kind: 'reminder', after: { days: 10, from: 'due' }, channel: 'preferred', tone: 'merchant', words: {} },
		{ id: 'fourteen-day', kind: 'fourteen_day', after: { days: 17, from: 'due' }, channel: 'preferred', tone: 'formal', words: {} },
		{ id: 'final-notice', kind: 'final_notice', after: { days: 35, from: 'due' }, channel: 'preferred', tone: 'formal', words: {} }
	]
};

/** Variables a merchant may use in a step's words, by step kind; written as {name}. */
export const VARIABLES = ['name', 'merchant', 'amount', 'count', 'link', 'oldestDue', 'sender'] as const;
export const FOURTEEN_DAY_VARIABLES = ['costs', 'termEnds'] as const;
export type Variable = (typeof VARIABLES)[number] | (typeof FOURTEEN_DAY_VARIABLES)[number];

export function variablesFor(kind: StepKind): readonly Variable[] {
	return kind === 'fourteen_day' ? [...VARIABLES, ...FOURTEEN_DAY_VARIABLES] : VARIABLES;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** The names written as {…} in a text. */
export function placeholdersOf(text: string): string[] {
	return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

/** Fills {variables} in; every placeholder must have a value (the journey check makes sure of that). */
export function fill(text: string, values: Partial<Record<Variable, string>>): string {
	return text.replace(PLACEHOLDER, (whole, name: string) => values[name as Variable] ?? whole);
}

export const LIMITS = { steps: 10, days: 365, subject: 150, body: 5000, sms: 480 } as const;

export type JourneyProblem =
	| 'too_many_steps'
	| 'no_steps'
	| 'days'
	| 'order'
	| 'duplicate_id'
	| 'fourteen_day_twice'
	| 'final_before_fourteen_day'
	| 'final_too_soon'
	| 'subject_empty'
	| 'subject_long'
	| 'body_empty'
	| 'body_long'
	| 'unknown_variable'
	| 'body_needs_link'
	| 'fourteen_day_needs_costs'
	| 'channel_cannot_carry'
	| 'sms_long'
	| 'sms_needs_link';

export type JourneyIssue = {
	step: number | null;
	field: 'days' | 'from' | 'kind' | 'channel' | `${StepLocale}.subject` | `${StepLocale}.body` | `${StepLocale}.sms` | null;
	problem: JourneyProblem;
	detail?: string;
};

/** Days after the due date each step goes at the earliest (previous-relative steps add to the one before). */
export function earliestDays(journey: Journey): number[] {
	const out: number[] = [];
	for (const s of journey.steps) out.push(s.after.from === 'due' ? s.after.days : (out.at(-1) ?? 0) + s.after.days);
	return out;
}

/** The 14-day term counts from the day after receipt: an e-mail is received the day it is sent. */
export const FOURTEEN_DAY_TERM = 14;

/** Everything wrong with a journey, each on the field to fix; an empty list means it may be saved. */
export function checkJourney(journey: Journey): JourneyIssue[] {
	const issues: JourneyIssue[] = [];
	const steps = journey.steps;
	if (steps.length === 0) issues.push({ step: null, field: null, problem: 'no_steps' });
	if (steps.length > LIMITS.steps) issues.push({ step: null, field: null, problem: 'too_many_steps' });
	const ids = new Set<string>();
	const days = earliestDays(journey);
	let fourteenAt: number | null = null;
	steps.forEach((s, i) => {
		if (ids.has(s.id)) issues.push({ step: i, field: null, problem: 'duplicate_id' });
		ids.add(s.id);
		if (!Number.isInteger(s.after.days) || s.after.days < 0 || s.after.days > LIMITS.days) {
			issues.push({ step: i, field: 'days', problem: 'days' });
		} else if (i > 0 && days[i] <= days[i - 1]) {
			// Each step goes after the one before it, at least a day later: the once-a-day rule would merge them anyway.
			issues.push({ step: i, field: 'days', problem: 'order' });
		}
		if (s.kind === 'fourteen_day') {
			if (fourteenAt !== null) issues.push({ step: i, field: 'kind', problem: 'fourteen_day_twice' });
			fourteenAt = days[i];
		}
		if (s.kind === 'final_notice') {
			if (fourteenAt === null) issues.push({ step: i, field: 'kind', problem: 'final_before_fourteen_day' });
			else if (days[i] <= fourteenAt + FOURTEEN_DAY_TERM) issues.push({ step: i, field: 'days', problem: 'final_too_soon' });
		}
		// The 14-day letter must be in writing: it cannot be a step that only ever goes as a text message.
		if (!carries(s.channel === 'preferred' ? 'email' : s.channel, s.kind))
			issues.push({ step: i, field: 'channel', problem: 'channel_cannot_carry' });
		for (const locale of Object.keys(s.words) as StepLocale[]) {
			const w = s.words[locale];
			if (!w) continue;
			if (w.sms !== undefined && w.sms.trim()) {
				const sms = w.sms.trim();
				const unknown = placeholdersOf(sms).find((p) => !(VARIABLES as readonly string[]).includes(p));
				if (sms.length > LIMITS.sms) issues.push({ step: i, field: `${locale}.sms`, problem: 'sms_long' });
				else if (unknown !== undefined) issues.push({ step: i, field: `${locale}.sms`, problem: 'unknown_variable', detail: unknown });
				else if (!placeholdersOf(sms).includes('link')) issues.push({ step: i, field: `${locale}.sms`, problem: 'sms_needs_link' });
			}
			// Only a text message of their own: the e-mail keeps the standard words.
			if (!w.subject.trim() && !w.body.trim()) continue;
			if (!w.subject.trim()) issues.push({ step: i, field: `${locale}.subject`, problem: 'subject_empty' });
			else if (w.subject.length > LIMITS.subject) issues.push({ step: i, field: `${locale}.subject`, problem: 'subject_long' });
			if (!w.body.trim()) issues.push({ step: i, field: `${locale}.body`, problem: 'body_empty' });
			else if (w.body.length > LIMITS.body) issues.push({ step: i, field: `${locale}.body`, problem: 'body_long' });
			const allowed: readonly string[] = variablesFor(s.kind);
			for (const [field, text] of [
				[`${locale}.subject`, w.subject],
				[`${locale}.body`, w.body]
			] as const) {
				const unknown = placeholdersOf(text).find((p) => !allowed.includes(p));
				if (unknown !== undefined) issues.push({ step: i, field, problem: 'unknown_variable', detail: unknown });
			}
			// Every message carries the way to the page; the 14-day letter must name the costs and the end of the term.
			if (w.body.trim() && !placeholdersOf(w.body).includes('link'))
				issues.push({ step: i, field: `${locale}.body`, problem: 'body_needs_link' });
			if (
				s.kind === 'fourteen_day' &&
				w.body.trim() &&
				!(placeholdersOf(w.body).includes('costs') && placeholdersOf(w.body).includes('termEnds'))
			) {
				issues.push({ step: i, field: `${locale}.body`, problem: 'fourteen_day_needs_costs' });
			}
		}
	});
	return issues;
}

// What a debtor's journey asks for today, and why not when it may not go. Pure: the daily run feeds it each debtor's
// situation, the sender asks it again at the moment of sending, and the property tests hold it to the rules.
import { addDays } from '../schedule';
import type { Unreachable } from './channels';
import { FOURTEEN_DAY_TERM, type Journey, type Step, type StepChannel } from './journey';

/** An open claim as the journey sees it: what holds it back from being asked for. */
export type JourneyClaim = {
	id: string;
	dueOn: string;
	amountCents: number;
	/** Disputed by the debtor, waiting for support. */
	disputed: boolean;
	/** Covered by a plan that is on track: its instalments are the agreement. */
	inPlanOnTrack: boolean;
	/** Covered by a promise to pay by this day (more time); the journey waits until the day has passed. */
	promisedUntil: string | null;
	/** With a collection agency now: Coulant sends nothing about it until the merchant takes it back. */
	handedOver?: boolean;
};

/** What the journey has done in this episode (from the first step until nothing is owed any more). */
export type Progress = {
	/** Days after which the due-date-relative steps count: the oldest claim's due date when the episode began. */
	anchorDueOn: string;
	/** Steps done, in journey order: sent, or covered by a later step sent the same day. */
	done: { stepId: string; on: string }[];
	/** The 14-day letter, once sent: its term ends on this day. */
	fourteenDay: { sentOn: string; termEndsOn: string } | null;
};

export type Reach = 'ok' | Unreachable;

export type Situation = {
	today: string;
	claims: JourneyClaim[];
	/** Support paused collection out of goodwill. */
	paused: boolean;
	/** Whether an e-mail step reaches the debtor. */
	reach: Reach;
	/** Per step channel, where it differs from `reach` (a "preferred" step may reach by SMS when e-mail cannot). */
	reachBy?: Partial<Record<StepChannel, Reach>>;
	progress: Progress | null;
	/** Journey messages already sent (or on their way) today, and this week (from Monday). */
	sentToday: number;
	sentThisWeek: number;
};

export type Limits = { weeklyCap: number };

export type HoldReason =
	'paused' | 'handed_over' | 'disputed' | 'plan_on_track' | 'promise' | 'already_today' | 'weekly_cap' | Exclude<Reach, 'ok'>;

export type Decision =
	| { kind: 'nothing' }
	/** Nothing is owed any more: the episode is over. */
	| { kind: 'settled' }
	| { kind: 'send'; step: Step; claimIds: string[]; covers: Step[]; progress: Progress }
	| { kind: 'hold'; step: Step; reason: HoldReason };

/** The claims that may be asked for today: open, and held back by nothing. */
export function askable(s: Pick<Situation, 'claims' | 'paused' | 'today'>): JourneyClaim[] {
	if (s.paused) return [];
	return s.claims.filter((c) => !c.handedOver && !c.disputed && !c.inPlanOnTrack && !(c.promisedUntil && c.promisedUntil >= s.today));
}

/** Why the claims may not be asked for today: the first of paused, a promise, a plan, a dispute. */
export function holdReason(s: Pick<Situation, 'claims' | 'paused' | 'today'>): HoldReason {
	if (s.paused) return 'paused';
	if (s.claims.every((c) => c.handedOver)) return 'handed_over';
	if (s.claims.some((c) => c.promisedUntil && c.promisedUntil >= s.today)) return 'promise';
	if (s.claims.some((c) => c.inPlanOnTrack)) return 'plan_on_track';
	return 'disputed';
}

/**
 * The steps due today, earliest first: after the last step done, each one whose day has come. A step counted from
 * the previous one counts from today when that previous one is due today too. The 14-day letter is never folded
 * into a later step, and the last notice waits until the letter's term has ended.
 */
function dueSteps(journey: Journey, anchor: string, progress: Progress | null, today: string): Step[] {
	const done = new Map((progress?.done ?? []).map((d) => [d.stepId, d.on]));
	const due: Step[] = [];
	let previousOn: string | null = null;
	for (const step of journey.steps) {
		const on = done.get(step.id);
		if (on) {
			previousOn = on;
			continue;
		}
		const day = step.after.from === 'due' ? addDays(anchor, step.after.days) : previousOn && addDays(previousOn, step.after.days);
		if (!day || day > today) break;
		if (step.kind === 'final_notice') {
			const letter = progress?.fourteenDay;
			if (!letter || letter.termEndsOn >= today || due.some((d) => d.kind === 'fourteen_day')) break;
		}
		due.push(step);
		previousOn = today;
		if (step.kind === 'fourteen_day') break;
	}
	return due;
}

/** Today's journey message for one debtor, or why there is none. */
export function planJourney(journey: Journey, s: Situation, limits: Limits): Decision {
	if (s.claims.length === 0) return s.progress ? { kind: 'settled' } : { kind: 'nothing' };
	const claims = askable(s);
	const anchor = s.progress?.anchorDueOn ?? [...(claims.length ? claims : s.claims)].map((c) => c.dueOn).sort()[0];
	const due = dueSteps(journey, anchor, s.progress, s.today);
	if (due.length === 0) return { kind: 'nothing' };
	// Several steps due at once become one message: the latest of them, covering the others.
	const step = due[due.length - 1];
	if (claims.length === 0) return { kind: 'hold', step, reason: holdReason(s) };
	const reach = s.reachBy?.[step.channel] ?? s.reach;
	if (reach !== 'ok') return { kind: 'hold', step, reason: reach };
	if (s.sentToday > 0) return { kind: 'hold', step, reason: 'already_today' };
	if (s.sentThisWeek >= limits.weeklyCap) return { kind: 'hold', step, reason: 'weekly_cap' };
	const progress: Progress = {
		anchorDueOn: anchor,
		done: [...(s.progress?.done ?? []), ...due.map((d) => ({ stepId: d.id, on: s.today }))],
		fourteenDay: step.kind === 'fourteen_day' ? { sentOn: s.today, termEndsOn: termEndsOn(s.today) } : (s.progress?.fourteenDay ?? null)
	};
	return { kind: 'send', step, claimIds: claims.map((c) => c.id), covers: due.slice(0, -1), progress };
}

/**
 * The last day of the 14-day term of a letter received on `receivedOn`: the term counts from the day after receipt,
 * so the debtor has all of that day. Collection costs may be asked for from the day after.
 */
export function termEndsOn(receivedOn: string): string {
	return addDays(receivedOn, FOURTEEN_DAY_TERM);
}

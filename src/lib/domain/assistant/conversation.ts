// The assistant's turn: from what was heard, what the debtor's page allows and the conversation so far, the one
// reply to give. Pure; it proposes and never acts: acting is the service's, after the debtor confirms.
import type { Money } from '../money';
import { checkPlanRequest, checkPostponement, paydayFirstDate, planOptions, type Policy } from '../policy';
import type { Frequency, Schedule } from '../schedule';
import type { DateSaid } from './extract';

export const INTENTS = [
	'pay_now',
	'pay_later',
	'split',
	'already_paid',
	'disagree',
	'about',
	'consequences',
	'person',
	'yes',
	'no',
	'none'
] as const;
export type Intent = (typeof INTENTS)[number];
/** What the debtor may tap instead of typing: the intents that start something. */
export const CHOICES = ['pay_now', 'pay_later', 'split', 'already_paid', 'disagree', 'about', 'person'] as const;
export type Choice = (typeof CHOICES)[number];

export type Heard = {
	intent: Intent;
	date: DateSaid;
	amountCents: number | null;
	terms: number | null;
	frequency: Frequency | null;
	/** A bare day number ("de 25e", "25"), the answer to "on which day are you paid?". */
	dayNumber: number | null;
};

export type Facts = {
	today: string;
	merchant: string;
	balance: Money;
	policy: Policy;
	claims: { reference: string; description: string; amountCents: number; currency: string }[];
	promise: { promisedOn: string } | null;
	postponementsUsed: number;
	planRunning: boolean;
	paymentPending: boolean;
	/** What the page itself offers now (a hand-over to an agency may take paying or arranging away). */
	may: { pay: boolean; arrange: boolean };
};

export type Proposal =
	| { kind: 'pay'; amountCents: number; currency: string }
	| { kind: 'promise'; date: string; amountCents: number; currency: string }
	| { kind: 'plan'; terms: number; frequency: Frequency; payday: number; schedule: Schedule };

export type Reply =
	| { kind: 'opening'; balance: Money }
	| { kind: 'propose'; proposal: Proposal }
	| { kind: 'ask_date'; earliest: string; latest: string }
	| { kind: 'ask_payday'; for: 'promise' | 'plan' }
	| { kind: 'ask_terms'; min: number; max: number }
	| { kind: 'date_refused'; reason: 'date_in_past' | 'date_too_late'; earliest: string; latest: string }
	| { kind: 'no_more_time'; promisedOn: string | null }
	| { kind: 'plan_refused'; min: number; max: number }
	| { kind: 'no_plan' }
	| { kind: 'cannot_pay_here' }
	| { kind: 'pending_payment' }
	| { kind: 'nothing_open' }
	| { kind: 'message'; about: 'already_paid' | 'disagree' }
	| { kind: 'about'; claims: Facts['claims']; balance: Money }
	| { kind: 'consequences' }
	| { kind: 'handed_over'; reason: 'asked' | 'misunderstood' }
	| { kind: 'handover_failed' }
	| { kind: 'not_understood' }
	| { kind: 'canceled' }
	| { kind: 'promised'; date: string }
	| { kind: 'refused' }
	| { kind: 'switched' }
	| { kind: 'confirm_with_button'; proposal: Proposal };

/** The conversation so far, as far as the next reply depends on it. */
export type State = {
	pending: Proposal | null;
	/** The last reply asked "on which day are you paid?", and for what. */
	awaitingPayday: 'promise' | 'plan' | null;
	awaitingTerms: boolean;
	payday: number | null;
	/** Misunderstandings in a row. */
	misses: number;
};

export const FRESH: State = { pending: null, awaitingPayday: null, awaitingTerms: false, payday: null, misses: 0 };

/** The state after the assistant gave `reply` (and the debtor's day number, if they named one). */
export function after(state: State, reply: Reply, heard?: Heard): State {
	const payday = state.awaitingPayday && heard?.dayNumber ? heard.dayNumber : state.payday;
	return {
		pending: reply.kind === 'propose' || reply.kind === 'confirm_with_button' ? reply.proposal : null,
		awaitingPayday: reply.kind === 'ask_payday' ? reply.for : null,
		awaitingTerms: reply.kind === 'ask_terms' || reply.kind === 'plan_refused',
		payday,
		misses: reply.kind === 'not_understood' ? state.misses + 1 : 0
	};
}

export type Turn = { reply: Reply; handover: boolean; act: Proposal | null };

/** The one reply to `heard`. Two misunderstandings in a row, or asking for a person, hand over to support. */
export function answer(state: State, heard: Heard, facts: Facts): Turn {
	const say = (reply: Reply): Turn => ({ reply, handover: false, act: null });
	if (heard.intent === 'person') return { reply: { kind: 'handed_over', reason: 'asked' }, handover: true, act: null };
	if (heard.intent === 'yes' && state.pending) {
		return { reply: { kind: 'confirm_with_button', proposal: state.pending }, handover: false, act: state.pending };
	}
	if (heard.intent === 'no' && state.pending) return say({ kind: 'canceled' });
	// An answer to a question the assistant asked: a day of pay, or a number of instalments.
	if (state.awaitingPayday && heard.dayNumber) {
		const payday = heard.dayNumber;
		if (state.awaitingPayday === 'plan') return say(planReply({ ...heard, terms: null }, facts, payday));
		return say(promiseReply({ kind: 'day', date: paydayFirstDate(facts.policy, facts.today, payday).date }, facts));
	}
	const terms = heard.terms ?? heard.dayNumber;
	if (state.awaitingTerms && terms && (heard.intent === 'none' || heard.intent === 'split')) {
		return say(planReply({ ...heard, terms }, facts, state.payday));
	}
	if (facts.balance.amountCents === 0 && ['pay_now', 'pay_later', 'split'].includes(heard.intent)) return say({ kind: 'nothing_open' });
	switch (heard.intent) {
		case 'pay_now':
			if (facts.paymentPending) return say({ kind: 'pending_payment' });
			if (!facts.may.pay || !facts.policy.offers.payNow) return say({ kind: 'cannot_pay_here' });
			return say({ kind: 'propose', proposal: { kind: 'pay', ...facts.balance } });
		case 'pay_later':
			if (heard.date?.kind === 'payday') {
				if (state.payday)
					return say(promiseReply({ kind: 'day', date: paydayFirstDate(facts.policy, facts.today, state.payday).date }, facts));
				return say(moreTimeBlocked(facts) ?? { kind: 'ask_payday', for: 'promise' });
			}
			return say(promiseReply(heard.date, facts));
		case 'split':
			if (heard.date?.kind === 'payday' && !state.payday) {
				const blocked = planBlocked(facts);
				if (blocked) return say(blocked);
				return say({ kind: 'ask_payday', for: 'plan' });
			}
			return say(planReply(heard, facts, state.payday));
		case 'already_paid':
		case 'disagree':
			return say({ kind: 'message', about: heard.intent });
		case 'about':
			return say({ kind: 'about', claims: facts.claims, balance: facts.balance });
		case 'consequences':
			return say({ kind: 'consequences' });
		default:
			if (state.misses >= 1) return { reply: { kind: 'handed_over', reason: 'misunderstood' }, handover: true, act: null };
			return say({ kind: 'not_understood' });
	}
}

function moreTimeBlocked(facts: Facts): Reply | null {
	if (!facts.may.arrange || !facts.policy.offers.moreTime) return { kind: 'no_more_time', promisedOn: null };
	if (facts.promise) return { kind: 'no_more_time', promisedOn: facts.promise.promisedOn };
	if (facts.postponementsUsed >= facts.policy.moreTime.maxPostponements) return { kind: 'no_more_time', promisedOn: null };
	return null;
}

function promiseReply(date: DateSaid, facts: Facts): Reply {
	const blocked = moreTimeBlocked(facts);
	if (blocked) return blocked;
	const check = date?.kind === 'day' ? checkPostponement(facts.policy, facts.today, date.date, facts.postponementsUsed) : null;
	const window = { earliest: addDay(facts.today), latest: latestDay(facts) };
	if (!check) return { kind: 'ask_date', ...window };
	if (check.ok) return { kind: 'propose', proposal: { kind: 'promise', date: check.date, ...facts.balance } };
	if (check.reason === 'date_in_past' || check.reason === 'date_too_late') return { kind: 'date_refused', reason: check.reason, ...window };
	return { kind: 'ask_date', ...window };
}

function planBlocked(facts: Facts): Reply | null {
	if (!facts.may.arrange || facts.planRunning) return { kind: 'no_plan' };
	const options = planOptions(facts.policy, facts.balance, facts.today);
	return options.offered ? null : { kind: 'no_plan' };
}

function planReply(heard: Heard, facts: Facts, payday: number | null): Reply {
	const blocked = planBlocked(facts);
	if (blocked) return blocked;
	const options = planOptions(facts.policy, facts.balance, facts.today);
	if (!options.offered) return { kind: 'no_plan' };
	const min = options.terms[0];
	const max = options.terms[options.terms.length - 1];
	const frequency = heard.frequency && options.frequencies.includes(heard.frequency) ? heard.frequency : preferred(options.frequencies);
	// "€ 20 per maand": as many terms as it takes, never more than the amount asked for each.
	const terms = heard.terms ?? (heard.amountCents ? Math.ceil(facts.balance.amountCents / heard.amountCents) : null);
	if (!terms) return { kind: 'ask_terms', min, max };
	const day = payday ?? Math.min(28, Number(facts.today.slice(8, 10)));
	const first = paydayFirstDate(facts.policy, facts.today, day).date;
	const check = checkPlanRequest(facts.policy, facts.balance, facts.today, { terms, frequency, firstDate: first });
	if (!check.ok) return { kind: 'plan_refused', min, max };
	return { kind: 'propose', proposal: { kind: 'plan', terms, frequency, payday: day, schedule: check.schedule } };
}

const preferred = (frequencies: Frequency[]): Frequency => (frequencies.includes('monthly') ? 'monthly' : frequencies[0]);

function addDay(today: string): string {
	const d = new Date(`${today}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

function latestDay(facts: Facts): string {
	const d = new Date(`${facts.today}T12:00:00Z`);
	d.setUTCDate(d.getUTCDate() + facts.policy.moreTime.maxDays);
	return d.toISOString().slice(0, 10);
}

/** The opening: what matters for this debtor, before anything is asked. */
export function opening(facts: Facts): Reply {
	return { kind: 'opening', balance: facts.balance };
}

/** The buttons under a reply: only what the merchant's policy and the page really allow now. */
export function choicesFor(facts: Facts): Choice[] {
	if (facts.balance.amountCents === 0) return ['about', 'person'];
	const out: Choice[] = [];
	if (facts.may.pay && facts.policy.offers.payNow && !facts.paymentPending) out.push('pay_now');
	if (!moreTimeBlocked(facts)) out.push('pay_later');
	if (!planBlocked(facts)) out.push('split');
	out.push('already_paid', 'disagree', 'about', 'person');
	return out;
}

/**
 * What the words' own facts say, where the model heard nothing stronger: a day (or payday) to pay on means
 * paying later, a number of terms or an amount per period means paying in instalments.
 */
export function refine(intent: Intent, heard: Omit<Heard, 'intent'>, today: string): Intent {
	if (intent !== 'none' && intent !== 'pay_now' && intent !== 'yes') return intent;
	if (heard.terms || (heard.amountCents && heard.frequency)) return 'split';
	if (heard.date?.kind === 'payday' || (heard.date?.kind === 'day' && heard.date.date > today)) return 'pay_later';
	return intent;
}

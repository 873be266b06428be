// The assistant's verbs: hear a turn, answer it, and act on a proposal only once the debtor confirms it — through
// the same services and policy checks as the page's own forms (promises, payments, the plan form, support).
import type { Choice, Facts, Proposal, Reply, State } from '../../domain/assistant/conversation';
import { FRESH, after, answer } from '../../domain/assistant/conversation';
import { languageAsked } from '../../domain/assistant/extract';
import { toIsoDay } from '../../domain/schedule';
import type { Locale } from '../../schemas/locale';
import type { Db } from '../db/client';
import * as handover from '../handover/service';
import type { LinkHolder } from '../links/holder';
import * as payments from '../payments/service';
import type { PortalView } from '../portal/service';
import * as promiseQueries from '../promises/queries';
import * as promises from '../promises/service';
import * as messages from '../support/messages';
import * as throttle from '../throttle';
import * as timeline from '../timeline/queries';
import { hear, understands } from './nlu';
import * as q from './queries';

/** Plenty for a conversation; a cap for a script that found a link. Counted before the work. */
export const TURNS_PER_DAY: throttle.Limit = { scope: 'assistant-turns', limit: 150, windowSeconds: 24 * 3600 };

/** Typed words, or a button: one of the choices, or "no" under a proposal. */
export type Said = { text: string } | { choice: Choice | 'no'; words: string };
export type SayOutcome =
	{ kind: 'replied' } | { kind: 'switch'; locale: string } | { kind: 'act'; proposal: Proposal } | { kind: 'too_many' };

/** What the assistant knows of this debtor now: the page's view, what may be paid, and what the page allows. */
export async function factsOf(db: Db, who: LinkHolder, view: PortalView, now = new Date()): Promise<Facts> {
	return {
		today: toIsoDay(now),
		merchant: view.brand.displayName,
		balance: await payments.payableTotal(db, who.debtorId),
		policy: who.policy,
		claims: view.balance.open.map((c) => ({
			reference: c.reference,
			description: c.description,
			amountCents: c.amountCents,
			currency: c.currency
		})),
		promise: view.promise,
		postponementsUsed: await promiseQueries.madeBy(db, who.debtorId),
		planRunning: !!view.plan,
		paymentPending: view.paymentPending,
		may: await handover.mayOnPage(db, who.debtorId)
	};
}

export async function conversation(db: Db, debtorId: string, now = new Date()) {
	return q.recent(db, debtorId, now);
}

const stateOf = (turns: q.TurnRow[]): State => [...turns].reverse().find((t) => t.state)?.state ?? FRESH;

/** One turn: the debtor's words stored, understood, answered; a person asked for means a question for support. */
export async function say(db: Db, who: LinkHolder, view: PortalView, said: Said, locale: Locale, now = new Date()): Promise<SayOutcome> {
	if (!(await throttle.take(db, TURNS_PER_DAY, who.debtorId, now)).allowed) return { kind: 'too_many' };
	const turns = await q.recent(db, who.debtorId, now);
	const words = ('text' in said ? said.text : said.words).trim().slice(0, 500);
	if (turns.length === 0) await started(db, who, locale, now);
	await q.add(db, { merchantId: who.merchantId, debtorId: who.debtorId, author: 'debtor', text: words, locale, createdAt: now });
	const facts = await factsOf(db, who, view, now);
	const state = stateOf(turns);
	if ('text' in said) {
		const asked = languageAsked(words);
		if (asked && asked !== locale) {
			// The conversation carries on where it was, in the language asked for.
			await record(db, who, { kind: 'switched' }, state, asked, new Date(now.getTime() + 1));
			return { kind: 'switch', locale: asked };
		}
	}
	const heard =
		'choice' in said
			? { intent: said.choice, date: null, amountCents: null, terms: null, frequency: null, dayNumber: null }
			: understands(locale)
				? await hear(words, locale, facts.today)
				: { intent: 'none' as const, date: null, amountCents: null, terms: null, frequency: null, dayNumber: null };
	const turn = answer(state, heard, facts);
	if (turn.act) return { kind: 'act', proposal: turn.act };
	let reply = turn.reply;
	if (turn.handover) reply = await handOver(db, who, [...turns, { author: 'debtor', text: words } as q.TurnRow], reply, locale, now);
	await record(db, who, reply, after(state, reply, heard), locale, new Date(now.getTime() + 1));
	return { kind: 'replied' };
}

async function record(db: Db, who: LinkHolder, reply: Reply, state: State, locale: string, at: Date) {
	await q.add(db, { merchantId: who.merchantId, debtorId: who.debtorId, author: 'assistant', reply, state, locale, createdAt: at });
}

async function started(db: Db, who: LinkHolder, locale: string, now: Date) {
	await timeline.append(db, {
		merchantId: who.merchantId,
		debtorId: who.debtorId,
		type: 'assistant.started',
		actor: 'debtor',
		occurredAt: now,
		payload: { locale }
	});
}

/** Support gets the conversation as a question; the timeline shows it too (within its size limit). */
async function handOver(db: Db, who: LinkHolder, turns: q.TurnRow[], reply: Reply, locale: string, now: Date): Promise<Reply> {
	const transcript = transcriptOf(turns);
	const sent = await messages.send(db, who, { kind: 'question', claimId: null, body: transcript.slice(-2000), attachment: null }, now);
	if (!sent.ok) return { kind: 'handover_failed' };
	await timeline.append(db, {
		merchantId: who.merchantId,
		debtorId: who.debtorId,
		type: 'assistant.handed_over',
		actor: 'debtor',
		occurredAt: now,
		payload: {
			messageId: sent.messageId,
			locale,
			reason: reply.kind === 'handed_over' ? reply.reason : 'asked',
			transcript: transcript.slice(-1500)
		}
	});
	return reply;
}

/** The transcript for support: what the debtor said, and what the assistant answered in short. */
export function transcriptOf(turns: Pick<q.TurnRow, 'author' | 'text' | 'reply'>[]): string {
	return turns
		.map((t) => (t.author === 'debtor' ? `> ${t.text}` : `  [${summary(t.reply!)}]`))
		.join('\n')
		.slice(-2000);
}

function summary(reply: Reply): string {
	if (reply.kind !== 'propose') return reply.kind;
	const p = reply.proposal;
	if (p.kind === 'promise') return `propose promise ${p.date}`;
	if (p.kind === 'pay') return `propose pay ${(p.amountCents / 100).toFixed(2)} ${p.currency}`;
	return `propose plan ${p.terms} × ${p.frequency}`;
}

export type Confirmed = {
	kind: Proposal['kind'];
	date?: string;
	amountCents?: number;
	terms?: number;
	frequency?: string;
	payday?: number;
};

export type ConfirmOutcome =
	| { kind: 'promised'; date: string }
	| { kind: 'checkout'; url: string }
	| { kind: 'plan_form'; terms: number; frequency: string; payday: number }
	| { kind: 'refused' }
	| { kind: 'failed'; reason: 'in_progress' | 'unavailable' | 'nothing_to_pay' };

/** Whether the posted confirmation is exactly what the assistant proposed: anything else was tampered with. */
export function matches(posted: Confirmed, proposal: Proposal): boolean {
	if (posted.kind !== proposal.kind) return false;
	switch (proposal.kind) {
		case 'promise':
			return posted.date === proposal.date && posted.amountCents === proposal.amountCents;
		case 'pay':
			return posted.amountCents === proposal.amountCents;
		case 'plan':
			return posted.terms === proposal.terms && posted.frequency === proposal.frequency && posted.payday === proposal.payday;
	}
}

/**
 * Acts on the proposal the debtor confirmed (a form, or a typed "ja"): only the one the assistant made last,
 * and then through the same service the page uses, which checks the policy again.
 */
export async function confirm(
	db: Db,
	who: LinkHolder,
	posted: Confirmed | 'as_proposed',
	ctx: { origin: string; locale: Locale; now?: Date }
): Promise<ConfirmOutcome> {
	const now = ctx.now ?? new Date();
	const turns = await q.recent(db, who.debtorId, now);
	const pending = stateOf(turns).pending;
	const reply = async (r: Reply) => record(db, who, r, after(stateOf(turns), r), ctx.locale, now);
	if (!pending || (posted !== 'as_proposed' && !matches(posted, pending))) {
		await reply({ kind: 'refused' });
		return { kind: 'refused' };
	}
	switch (pending.kind) {
		case 'promise': {
			const made = await promises.make(db, who, pending.date, now);
			if (made.ok) {
				await reply({ kind: 'promised', date: made.promisedOn });
				return { kind: 'promised', date: made.promisedOn };
			}
			await reply({ kind: 'refused' });
			return { kind: 'refused' };
		}
		case 'pay': {
			const total = await payments.payableTotal(db, who.debtorId);
			const allowed = (await handover.mayOnPage(db, who.debtorId)).pay && who.policy.offers.payNow;
			if (!allowed || total.amountCents !== pending.amountCents || total.currency !== pending.currency) {
				await reply({ kind: 'refused' });
				return { kind: 'refused' };
			}
			const methods = payments.methodsOf('primary', await payments.offer(db, who.merchantId, total.amountCents, total.currency));
			const started = methods.length > 0 ? await payments.start(db, who, methods, ctx) : ({ kind: 'refused' } as const);
			if (started.kind === 'checkout') return started;
			if (started.kind === 'in_progress' || started.kind === 'unavailable' || started.kind === 'nothing_to_pay') {
				return { kind: 'failed', reason: started.kind };
			}
			await reply({ kind: 'refused' });
			return { kind: 'refused' };
		}
		case 'plan':
			// The plan form shows the same schedule and asks how to pay; plans.confirm checks the policy there.
			return { kind: 'plan_form', terms: pending.terms, frequency: pending.frequency, payday: pending.payday };
	}
}

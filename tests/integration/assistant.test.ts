// The assistant through its service: it proposes, acts only on the debtor's confirmation of exactly what it
// proposed, through the same services as the page, and hands over to support with the conversation.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client';
import { assistantTurns, debtorMessages, payments, promises as promiseTable, timelineEvents } from '../../src/lib/server/db/schema';
import * as assistant from '../../src/lib/server/assistant/service';
import * as linkService from '../../src/lib/server/links/service';
import * as portal from '../../src/lib/server/portal/service';
import * as make from '../helpers/fixtures';
import { APP_ORIGIN, useStandinDatabase } from '../helpers/standin';

const env = useStandinDatabase();
let db: Db;
beforeAll(() => {
	({ db } = env);
});

const NOW = new Date('2026-11-23T10:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

async function debtor(amountCents = 8450) {
	const m = await make.merchant(db, { displayName: 'De Groene Fiets' });
	const d = await make.debtor(db, m.id);
	await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents });
	const { token } = await linkService.issue(db, d.id, 90, NOW);
	const who = (await portal.holder(db, token, NOW))!;
	const view = async () => (await portal.viewOfDebtor(db, d.id, NOW))!.view;
	let step = 0;
	const say = async (text: string, locale: 'nl' | 'en' = 'nl') =>
		assistant.say(db, who, await view(), { text }, locale, later(++step * 1000));
	const lastReply = async () => {
		const turns = await assistant.conversation(db, d.id, later(step * 1000 + 10));
		return turns.filter((t) => t.author === 'assistant').at(-1)!.reply!;
	};
	const confirm = (posted: assistant.Confirmed) =>
		assistant.confirm(db, who, posted, { origin: APP_ORIGIN, locale: 'nl', now: later(++step * 1000) });
	return { who, debtorId: d.id, say, lastReply, confirm };
}

const count = async (table: typeof promiseTable | typeof payments | typeof debtorMessages, debtorId: string) =>
	(await db.select().from(table).where(eq(table.debtorId, debtorId))).length;

describe('the assistant', () => {
	it('"kan ik morgen betalen?" proposes tomorrow, and a promise is made only once confirmed', async () => {
		const t = await debtor();
		expect(await t.say('kan ik morgen betalen?')).toEqual({ kind: 'replied' });
		expect(await t.lastReply()).toEqual({
			kind: 'propose',
			proposal: { kind: 'promise', date: '2026-11-24', amountCents: 8450, currency: 'EUR' }
		});
		expect(await count(promiseTable, t.debtorId)).toBe(0);
		expect(await t.confirm({ kind: 'promise', date: '2026-11-24', amountCents: 8450 })).toEqual({ kind: 'promised', date: '2026-11-24' });
		expect(await count(promiseTable, t.debtorId)).toBe(1);
		const made = await db
			.select()
			.from(timelineEvents)
			.where(and(eq(timelineEvents.debtorId, t.debtorId), eq(timelineEvents.type, 'promise.made')));
		expect(made).toHaveLength(1);
		expect(await t.lastReply()).toEqual({ kind: 'promised', date: '2026-11-24' });
	});

	it('refuses a confirmation that is not what it proposed, or that the policy does not allow', async () => {
		const t = await debtor();
		await t.say('ik wil nu betalen');
		expect(await t.lastReply()).toMatchObject({ kind: 'propose', proposal: { kind: 'pay', amountCents: 8450 } });
		expect(await t.confirm({ kind: 'pay', amountCents: 100 })).toEqual({ kind: 'refused' });
		expect(await count(payments, t.debtorId)).toBe(0);
		// A date the policy does not allow, posted without any proposal for it.
		await t.say('kan ik vrijdag betalen');
		expect(await t.confirm({ kind: 'promise', date: '2027-03-01', amountCents: 8450 })).toEqual({ kind: 'refused' });
		expect(await count(promiseTable, t.debtorId)).toBe(0);
		expect(await t.lastReply()).toEqual({ kind: 'refused' });
	});

	it('says so when a date is beyond what the merchant allows, and offers the window', async () => {
		const t = await debtor();
		await t.say('kan ik op 1 maart betalen?');
		expect(await t.lastReply()).toEqual({ kind: 'date_refused', reason: 'date_too_late', earliest: '2026-11-24', latest: '2026-12-23' });
	});

	it('pays now through the payments service once confirmed', async () => {
		const t = await debtor();
		await t.say('ik wil nu betalen');
		const outcome = await t.confirm({ kind: 'pay', amountCents: 8450 });
		expect(outcome.kind).toBe('checkout');
		expect(await count(payments, t.debtorId)).toBe(1);
	});

	it('"in 3 keer" shows the exact schedule and leads to the plan form with three terms', async () => {
		const t = await debtor();
		await t.say('kan ik in 3 keer betalen?');
		const reply = await t.lastReply();
		expect(reply.kind).toBe('propose');
		if (reply.kind !== 'propose' || reply.proposal.kind !== 'plan') throw new Error('no plan proposed');
		expect(reply.proposal.terms).toBe(3);
		expect(reply.proposal.schedule.instalments.map((i) => i.amountCents)).toEqual([2818, 2816, 2816]);
		const { terms, frequency, payday } = reply.proposal;
		expect(await t.confirm({ kind: 'plan', terms, frequency, payday })).toEqual({
			kind: 'plan_form',
			terms: 3,
			frequency: 'monthly',
			payday
		});
	});

	it('"€ 20 per maand" becomes as many terms as that takes', async () => {
		const t = await debtor();
		await t.say('ik kan € 20 per maand betalen');
		expect(await t.lastReply()).toMatchObject({ kind: 'propose', proposal: { kind: 'plan', terms: 5, frequency: 'monthly' } });
	});

	it('asks the payday once for "na mijn salaris", then proposes that day', async () => {
		const t = await debtor();
		await t.say('ik betaal na mijn salaris');
		expect(await t.lastReply()).toEqual({ kind: 'ask_payday', for: 'promise' });
		await t.say('de 25e');
		expect(await t.lastReply()).toMatchObject({ kind: 'propose', proposal: { kind: 'promise', date: '2026-11-25' } });
	});

	it('"ik wil iemand spreken" sends support a question with the conversation', async () => {
		const t = await debtor();
		await t.say('waar gaat dit over?');
		await t.say('ik wil iemand spreken');
		expect(await t.lastReply()).toEqual({ kind: 'handed_over', reason: 'asked' });
		const [question] = await db.select().from(debtorMessages).where(eq(debtorMessages.debtorId, t.debtorId));
		expect(question.kind).toBe('question');
		expect(question.body).toContain('> waar gaat dit over?');
		expect(question.body).toContain('> ik wil iemand spreken');
		const events = await db.select().from(timelineEvents).where(eq(timelineEvents.debtorId, t.debtorId));
		expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['assistant.started', 'assistant.handed_over', 'message.received']));
	});

	it('hands over after two misunderstandings in a row', async () => {
		const t = await debtor();
		await t.say('blub blub');
		expect(await t.lastReply()).toEqual({ kind: 'not_understood' });
		await t.say('qwerty zxcv');
		expect(await t.lastReply()).toEqual({ kind: 'handed_over', reason: 'misunderstood' });
		expect(await count(debtorMessages, t.debtorId)).toBe(1);
	});

	it('switches language when asked and carries on with what was proposed', async () => {
		const t = await debtor();
		await t.say('kan ik morgen betalen?');
		expect(await t.say('can we do this in English please')).toEqual({ kind: 'switch', locale: 'en' });
		const turns = await db.select().from(assistantTurns).where(eq(assistantTurns.debtorId, t.debtorId));
		expect(turns.filter((x) => x.author === 'assistant').map((x) => x.reply!.kind)).toEqual(['propose', 'switched']);
		expect(await t.say('yes', 'en')).toMatchObject({ kind: 'act', proposal: { kind: 'promise', date: '2026-11-24' } });
	});
});

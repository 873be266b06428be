// Support's answers and holds, end to end through the services and the official Mollie client against the
// stand-in: a debtor's dispute (with proof) holds its claim until an agent answers; a goodwill pause holds
// everything, including a running plan; an agent adjusts a plan within policy and resends a link.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client';
import { claims, debtorMessages, instalments, standinSubscriptions, timelineEvents } from '../../src/lib/server/db/schema';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy';
import * as consoleService from '../../src/lib/server/console/service';
import * as linkService from '../../src/lib/server/links/service';
import * as pay from '../../src/lib/server/payments/service';
import * as plans from '../../src/lib/server/plans/service';
import * as paylinks from '../../src/lib/server/plans/paylinks';
import * as pq from '../../src/lib/server/payments/queries';
import * as plansQ from '../../src/lib/server/plans/queries';
import * as portal from '../../src/lib/server/portal/service';
import * as support from '../../src/lib/server/support/actions';
import * as attachments from '../../src/lib/server/support/attachments';
import * as messages from '../../src/lib/server/support/messages';
import * as make from '../helpers/fixtures';
import { directDebitPlan } from '../helpers/plans';
import { APP_ORIGIN, useStandinDatabase, type Standin } from '../helpers/standin';

const env = useStandinDatabase();
let db: Db;
let standin: Standin;
beforeAll(() => {
	({ db, standin } = env);
});

const ctx = { origin: APP_ORIGIN, locale: 'nl' as const };
const today = () => new Date().toISOString().slice(0, 10);
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function setup(amounts = [6000, 4000]) {
	const m = await make.merchant(db);
	const d = await make.debtor(db, m.id);
	const cs = [];
	for (const [i, amountCents] of amounts.entries()) {
		cs.push(await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents, dueOn: `2026-10-0${i + 1}` }));
	}
	const { token } = await linkService.issue(db, d.id, 30);
	const scope = { merchantId: m.id, userId: (await make.user(db, m.id)).id, role: 'agent' as const };
	const who = { debtorId: d.id, merchantId: m.id, merchantName: m.displayName, policy: DEFAULT_POLICY, debtorName: d.name };
	return { m, d, claims: cs, token, scope, who };
}

async function typesOf(debtorId: string) {
	return db
		.select({ type: timelineEvents.type, actor: timelineEvents.actor, payload: timelineEvents.payload })
		.from(timelineEvents)
		.where(eq(timelineEvents.debtorId, debtorId));
}

const view = async (token: string) => (await portal.open(db, token, { locale: 'nl' }))!;

describe('a dispute from the debtor', () => {
	it('holds that claim (not the others) until an agent answers, and the answer reaches the debtor page', async () => {
		const {
			d,
			claims: [first, second],
			token,
			scope,
			who
		} = await setup();
		const proof = await attachments.check('afschrift.pdf', PDF);
		expect(proof.ok).toBe(true);
		const sent = await messages.send(db, who, {
			kind: 'already_paid',
			claimId: first.id,
			body: 'Betaald op 3 oktober via de bank.',
			attachment: proof.ok ? proof.file : null
		});
		expect(sent).toMatchObject({ ok: true, held: true });

		// The page: the disputed claim is on hold and out of the amount to pay; the message waits for an answer.
		let page = await view(token);
		expect(page.balance.total.amountCents).toBe(4000);
		expect(page.balance.onHold.amountCents).toBe(6000);
		expect(page.balance.open.find((c) => c.id === first.id)?.disputed).toBe(true);
		expect(page.messages).toMatchObject([{ kind: 'already_paid', status: 'open', answer: null, reference: first.reference }]);

		// Payments: only the other claim can be paid; a checkout started now covers 40 euros, not 100.
		const started = await pay.start(db, who, ['ideal'], ctx);
		expect(started.kind).toBe('checkout');
		const [payment] = await pq.liveOf(db, d.id);
		expect(payment.payment.amountCents).toBe(4000);
		expect(payment.claimIds).toEqual([second.id]);

		// The timeline has the dispute with the file's name, type and size, never its bytes.
		const dispute = (await typesOf(d.id)).find((e) => e.type === 'dispute.opened')!;
		expect(dispute).toMatchObject({
			actor: 'debtor',
			payload: {
				kind: 'already_paid',
				reference: first.reference,
				attachment: { name: 'afschrift.pdf', type: 'application/pdf', size: PDF.length }
			}
		});

		// The agent sees the message with its attachment and rejects it with an explanation.
		const [inbox] = await messages.forConsole(db, scope.merchantId, d.id);
		expect(inbox.attachment).toMatchObject({ name: 'afschrift.pdf', type: 'application/pdf' });
		const file = await messages.attachment(db, scope.merchantId, d.id, inbox.attachment!.id);
		expect(Buffer.from(file!.body as Uint8Array).equals(Buffer.from(PDF))).toBe(true);
		expect(
			await messages.answer(db, scope, d.id, inbox.id, { outcome: 'rejected', text: 'We hebben geen betaling op 3 oktober ontvangen.' })
		).toBe(true);
		expect(await messages.answer(db, scope, d.id, inbox.id, { outcome: 'resolved', text: 'twice' })).toBe(false);

		page = await view(token);
		expect(page.messages[0]).toMatchObject({ status: 'rejected', answer: 'We hebben geen betaling op 3 oktober ontvangen.' });
		expect(page.balance.onHold.amountCents).toBe(0);
		expect(page.balance.total.amountCents).toBe(10_000);
		const answered = (await typesOf(d.id)).find((e) => e.type === 'message.answered')!;
		expect(answered).toMatchObject({ actor: `user:${scope.userId}`, payload: { outcome: 'rejected', released: true } });
	});

	it('keeps a claim on hold while another dispute about it is still open', async () => {
		const {
			d,
			claims: [c],
			scope,
			who
		} = await setup([6000]);
		const a = await messages.send(db, who, { kind: 'disagree', claimId: c.id, body: 'Nooit ontvangen', attachment: null });
		const b = await messages.send(db, who, { kind: 'already_paid', claimId: c.id, body: 'En ik heb toch betaald', attachment: null });
		expect(a.ok && b.ok).toBe(true);
		await messages.answer(db, scope, d.id, (a as { messageId: string }).messageId, {
			outcome: 'resolved',
			text: 'Klopt, pakket kwam retour.'
		});
		const [row] = await db.select().from(claims).where(eq(claims.id, c.id));
		expect(row.disputedAt).not.toBeNull();
		expect(await pay.start(db, who, ['ideal'], ctx)).toEqual({ kind: 'nothing_to_pay' });
	});

	it('does not hold anything for a question, and refuses a dispute about nothing or about someone else’s claim', async () => {
		const { d, token, who } = await setup([6000]);
		expect(
			await messages.send(db, who, { kind: 'question', claimId: null, body: 'Kan ik ook per giro betalen?', attachment: null })
		).toMatchObject({ ok: true, held: false });
		expect((await view(token)).balance.total.amountCents).toBe(6000);
		expect(await messages.send(db, who, { kind: 'disagree', claimId: null, body: 'Niet eens', attachment: null })).toEqual({
			ok: false,
			problem: 'claim_required'
		});
		const other = await setup([1000]);
		expect(await messages.send(db, who, { kind: 'disagree', claimId: other.claims[0].id, body: 'Niet eens', attachment: null })).toEqual({
			ok: false,
			problem: 'claim_unknown'
		});
		expect(await db.select().from(debtorMessages).where(eq(debtorMessages.debtorId, d.id))).toHaveLength(1);
		expect((await db.select().from(claims).where(eq(claims.id, other.claims[0].id)))[0].disputedAt).toBeNull();
	});

	it('lets only the debtor’s own merchant read the attachment or answer', async () => {
		const {
			d,
			claims: [c],
			scope,
			who
		} = await setup([6000]);
		const proof = await attachments.check('bon.pdf', PDF);
		await messages.send(db, who, {
			kind: 'already_paid',
			claimId: c.id,
			body: 'Hier is mijn bon',
			attachment: proof.ok ? proof.file : null
		});
		const [msg] = await messages.forConsole(db, scope.merchantId, d.id);
		const stranger = await setup([1000]);
		expect(await messages.forConsole(db, stranger.scope.merchantId, d.id)).toEqual([]);
		expect(await messages.attachment(db, stranger.scope.merchantId, d.id, msg.attachment!.id)).toBeUndefined();
		expect(await messages.answer(db, stranger.scope, d.id, msg.id, { outcome: 'resolved', text: 'not mine to answer' })).toBe(false);
		expect((await messages.forConsole(db, scope.merchantId, d.id))[0].status).toBe('open');
	});
});

describe('messages from one link', () => {
	it('are capped at ten a day, so a leaked link cannot fill the inbox', async () => {
		const { d, who } = await setup([6000]);
		const now = new Date('2026-11-22T10:00:00Z');
		for (let i = 0; i < 10; i++) {
			expect((await messages.send(db, who, { kind: 'question', claimId: null, body: `Vraag ${i}`, attachment: null }, now)).ok).toBe(true);
		}
		expect(await messages.send(db, who, { kind: 'question', claimId: null, body: 'Nog een', attachment: null }, now)).toEqual({
			ok: false,
			problem: 'too_many'
		});
		expect(await db.select().from(debtorMessages).where(eq(debtorMessages.debtorId, d.id))).toHaveLength(10);
		const tomorrow = new Date('2026-11-23T10:00:00Z');
		expect((await messages.send(db, who, { kind: 'question', claimId: null, body: 'Nieuwe dag', attachment: null }, tomorrow)).ok).toBe(
			true
		);
	});
});

describe('a goodwill pause', () => {
	it('stops payment prompts: an old checkout is not offered again, and the page says there is nothing to do', async () => {
		const { d, token, scope, who } = await setup([6000]);
		const before = (await pay.start(db, who, ['ideal'], ctx)) as { kind: 'checkout'; url: string };
		expect(before.kind).toBe('checkout');
		// A second tap would normally reuse that checkout.
		expect(await pay.start(db, who, ['ideal'], ctx)).toEqual(before);

		expect(await support.pauseCollection(db, (await setup([1000])).scope, d.id, 'not mine')).toBe(false);
		expect((await view(token)).paused).toBe(false);
		expect(await support.pauseCollection(db, scope, d.id, 'Klant is ziek, even rust')).toBe(true);
		expect(await support.pauseCollection(db, scope, d.id, 'again')).toBe(false);
		expect(await pay.start(db, who, ['ideal'], ctx)).toEqual({ kind: 'nothing_to_pay' });
		const page = await view(token);
		expect(page).toMatchObject({ paused: true, planOffer: null, moreTime: null });
		expect(page.balance.total.amountCents).toBe(0);
		expect(page.balance.onHold.amountCents).toBe(6000);

		// Another merchant can neither resume it nor touch it otherwise.
		const stranger = (await setup([1000])).scope;
		expect(await support.resumeCollection(db, stranger, d.id, 'not mine')).toBe(false);
		expect((await view(token)).paused).toBe(true);

		expect(await support.resumeCollection(db, scope, d.id, 'Klant is weer beter')).toBe(true);
		expect((await view(token)).balance.total.amountCents).toBe(6000);
		expect((await pay.start(db, who, ['ideal'], ctx)).kind).toBe('checkout');
		const trail = (await typesOf(d.id)).filter((e) => e.type.startsWith('collection.'));
		expect(trail).toMatchObject([
			{ type: 'collection.paused', actor: `user:${scope.userId}`, payload: { reason: 'Klant is ziek, even rust' } },
			{ type: 'collection.resumed', payload: { reason: 'Klant is weer beter' } }
		]);
	});

	it('holds a pay-by-link plan: no instalment by the page or a reminder’s pay link, none counted as missed', async () => {
		const { d, scope, who } = await setup([9000]);
		expect((await plans.confirm(db, who, { terms: 3, frequency: 'weekly', firstDate: today(), collection: 'pay_by_link' }, ctx)).kind).toBe(
			'active'
		);
		const plan = (await plansQ.liveOf(db, d.id))!;
		const [first] = await plansQ.instalmentsOf(db, plan.id);
		const linkToken = await paylinks.issue(db, first.id);
		await support.pauseCollection(db, scope, d.id, 'Betalingsregeling met schuldhulp loopt');

		expect(await plans.payInstalment(db, who, 1, ctx)).toEqual({ kind: 'on_hold' });
		const viaLink = (await paylinks.resolve(db, linkToken))!;
		expect(await plans.payInstalment(db, viaLink.holder, 1, ctx)).toEqual({ kind: 'on_hold' });
		await plans.review(db, new Date(Date.now() + 30 * 86_400_000));
		expect((await plansQ.instalmentsOf(db, plan.id)).map((i) => i.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);

		await support.resumeCollection(db, scope, d.id, 'Schuldhulp akkoord');
		expect((await plans.payInstalment(db, who, 1, ctx)).kind).toBe('checkout');
	});

	it('stops a direct debit while paused and sets up a new one for the unpaid rest on resume', async () => {
		const { d, scope, who } = await setup([9000]);
		const { subscriptionId: first } = await directDebitPlan(db, standin, who, ctx);
		await support.pauseCollection(db, scope, d.id, 'Ziekenhuisopname');
		const [old] = await db.select().from(standinSubscriptions).where(eq(standinSubscriptions.id, first!));
		expect(old.status).toBe('canceled');
		expect((await plansQ.liveOf(db, d.id))!.mollieSubscriptionId).toBeNull();

		await support.resumeCollection(db, scope, d.id, 'Weer thuis');
		const again = (await plansQ.liveOf(db, d.id))!.mollieSubscriptionId;
		expect(again).toBeTruthy();
		expect(again).not.toBe(first);
		const [fresh] = await db.select().from(standinSubscriptions).where(eq(standinSubscriptions.id, again!));
		expect(fresh).toMatchObject({ status: 'active', times: 2, amountValue: '30.00' });
	});
});

describe('a dispute about a claim in a direct-debit plan', () => {
	it('stops the direct debit until the last hold on the plan lifts', async () => {
		const {
			d,
			claims: [c],
			scope,
			who
		} = await setup([9000]);
		const { subscriptionId: first } = await directDebitPlan(db, standin, who, ctx);
		const statusOf = async (id: string) => (await db.select().from(standinSubscriptions).where(eq(standinSubscriptions.id, id)))[0].status;

		const sent = (await messages.send(db, who, {
			kind: 'disagree',
			claimId: c.id,
			body: 'Fiets was kapot geleverd',
			attachment: null
		})) as { messageId: string };
		expect(await statusOf(first)).toBe('canceled');
		expect((await plansQ.liveOf(db, d.id))!.mollieSubscriptionId).toBeNull();

		// A pause on top: resuming it while the dispute is open starts nothing.
		await support.pauseCollection(db, scope, d.id, 'Rust tijdens het geschil');
		await support.resumeCollection(db, scope, d.id, 'Pauze voorbij');
		expect((await plansQ.liveOf(db, d.id))!.mollieSubscriptionId).toBeNull();

		// The answer lifts the last hold: a new subscription collects the two unpaid instalments.
		await messages.answer(db, scope, d.id, sent.messageId, { outcome: 'rejected', text: 'Foto’s tonen een hele fiets bij levering.' });
		const again = (await plansQ.liveOf(db, d.id))!.mollieSubscriptionId;
		expect(again).toBeTruthy();
		expect(await statusOf(again!)).toBe('active');
	});
});

describe('adjusting a plan', () => {
	it('spreads the unpaid rest over a new number of instalments within policy, on the timeline with the reason', async () => {
		const { d, scope, who } = await setup([12_000]);
		await plans.confirm(db, who, { terms: 3, frequency: 'monthly', firstDate: today(), collection: 'pay_by_link' }, ctx);
		const plan = (await plansQ.liveOf(db, d.id))!;
		const next = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

		expect(await support.adjustPlan(db, scope, d.id, { remaining: 13, nextDate: next }, 'te veel')).toEqual({
			ok: false,
			field: 'remaining',
			reason: 'terms_not_allowed'
		});
		expect(await support.adjustPlan(db, scope, d.id, { remaining: 4, nextDate: '2099-01-01' }, 'te laat')).toMatchObject({
			ok: false,
			reason: 'date_too_late'
		});
		expect(await support.adjustPlan(db, scope, d.id, { remaining: 5, nextDate: next }, 'Klant verloor baan, kleinere termijnen')).toEqual({
			ok: true
		});

		const after = await plansQ.instalmentsOf(db, plan.id);
		expect(after.map((i) => i.amountCents)).toEqual([2400, 2400, 2400, 2400, 2400]);
		expect(after[0].dueOn).toBe(next);
		expect((await plansQ.byId(db, plan.id)).terms).toBe(5);
		const [event] = (await typesOf(d.id)).filter((e) => e.type === 'plan.adjusted');
		expect(event).toMatchObject({
			actor: `user:${scope.userId}`,
			payload: { remaining: 5, reason: 'Klant verloor baan, kleinere termijnen', before: 3 }
		});

		// Fewer instalments again: the surplus rows go, the amounts still add up.
		expect(await support.adjustPlan(db, scope, d.id, { remaining: 2, nextDate: next }, 'Toch sneller')).toEqual({ ok: true });
		expect((await plansQ.instalmentsOf(db, plan.id)).map((i) => i.amountCents)).toEqual([6000, 6000]);

		const stranger = await setup([1000]);
		expect(await support.adjustPlan(db, stranger.scope, d.id, { remaining: 3, nextDate: next }, 'not mine')).toBeNull();
	});

	it('replaces the direct debit with one for the new schedule', async () => {
		const { d, scope, who } = await setup([9000]);
		const { subscriptionId: first } = await directDebitPlan(db, standin, who, ctx);
		const next = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
		expect(await support.adjustPlan(db, scope, d.id, { remaining: 3, nextDate: next }, 'Drie kleinere termijnen')).toEqual({ ok: true });
		const plan = (await plansQ.liveOf(db, d.id))!;
		expect(plan.mollieSubscriptionId).not.toBe(first);
		const [old] = await db.select().from(standinSubscriptions).where(eq(standinSubscriptions.id, first!));
		const [fresh] = await db.select().from(standinSubscriptions).where(eq(standinSubscriptions.id, plan.mollieSubscriptionId!));
		expect(old.status).toBe('canceled');
		// The first of the three new instalments is number 2; the mandate collects all three.
		const rows = await db
			.select()
			.from(instalments)
			.where(and(eq(instalments.planId, plan.id)));
		expect(rows.filter((i) => i.status !== 'paid').map((i) => i.amountCents)).toEqual([2000, 2000, 2000]);
		expect(fresh).toMatchObject({ status: 'active', times: 3, amountValue: '20.00', startDate: next });
	});
});

describe('resending a link', () => {
	it('makes a new token with the reason on the timeline; the old link stops working', async () => {
		const { d, token, scope } = await setup([6000]);
		const issued = await consoleService.newLink(db, scope, d.id, 30, { reason: 'Klant had de mail verwijderd' });
		expect(issued!.token).not.toBe(token);
		expect(await portal.open(db, token, { locale: 'nl' })).toBeNull();
		expect((await portal.open(db, issued!.token, { locale: 'nl' }))?.debtorId).toBe(d.id);
		const [event] = (await typesOf(d.id)).filter((e) => e.type === 'link.issued');
		expect(event).toMatchObject({ actor: `user:${scope.userId}`, payload: { reason: 'Klant had de mail verwijderd', revoked: 1 } });
		const stranger = await setup([1000]);
		expect(await consoleService.newLink(db, stranger.scope, d.id, 30, { reason: 'not mine' })).toBeUndefined();
	});
});

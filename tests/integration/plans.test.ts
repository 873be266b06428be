// The whole life of an instalment plan through the official Mollie client against the stand-in:
// first payment and mandate, subscription collections, a bounce paid by hand, chargebacks, broken,
// paid off early, cancelled by support, and the pay-by-link path.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client';
import {
	claims,
	payments as paymentsTable,
	plans as plansTable,
	standinSubscriptions,
	timelineEvents
} from '../../src/lib/server/db/schema';
import { DEFAULT_POLICY, type Policy } from '../../src/lib/domain/policy';
import * as controls from '../../src/lib/server/mollie-standin/controls';
import * as pay from '../../src/lib/server/payments/service';
import * as plans from '../../src/lib/server/plans/service';
import * as paylinks from '../../src/lib/server/plans/paylinks';
import * as pq from '../../src/lib/server/plans/queries';
import * as make from '../helpers/fixtures';
import { directDebitPlan as startDirectDebit } from '../helpers/plans';
import { APP_ORIGIN, eventually, useStandinDatabase, type Standin } from '../helpers/standin';

const env = useStandinDatabase();
let db: Db;
let standin: Standin;
beforeAll(() => {
	({ db, standin } = env);
});

const ctx = { origin: APP_ORIGIN, locale: 'nl' as const };
const today = () => standin.clock.now.toISOString().slice(0, 10);
const idOf = (url: string) => url.split('/').pop()!;

async function planner(amounts: number[], policy: Policy = DEFAULT_POLICY) {
	const m = await make.merchant(db, { policy });
	const d = await make.debtor(db, m.id);
	for (const amountCents of amounts) await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents });
	return { debtorId: d.id, merchantId: m.id, merchantName: m.displayName, policy, debtorName: d.name };
}

async function events(debtorId: string, type: string) {
	const [r] = await db
		.select({ n: count() })
		.from(timelineEvents)
		.where(and(eq(timelineEvents.debtorId, debtorId), eq(timelineEvents.type, type)));
	return r.n;
}

async function plan(debtorId: string) {
	const p = await pq.liveOf(db, debtorId);
	const [latest] = p ? [p] : await db.select().from(plansTable).where(eq(plansTable.debtorId, debtorId));
	return { plan: latest, instalments: await pq.instalmentsOf(db, latest.id) };
}

async function remaining(debtorId: string) {
	const rows = await db.select().from(claims).where(eq(claims.debtorId, debtorId));
	return rows.reduce((s, c) => s + c.amountCents - c.amountPaidCents, 0);
}

/** Confirms a monthly direct-debit plan and pays its first instalment at the stand-in's checkout. */
async function directDebitPlan(who: Awaited<ReturnType<typeof planner>>, terms = 3) {
	const { outcome } = await startDirectDebit(db, standin, who, ctx, terms);
	expect(outcome.kind).toBe('checkout');
	return plan(who.debtorId);
}

async function collectNext(who: { debtorId: string }, number: number) {
	const { instalments } = await plan(who.debtorId);
	const due = instalments.find((i) => i.number === number)!;
	const days = Math.ceil((Date.parse(`${due.dueOn}T12:00:00Z`) - standin.clock.now.getTime()) / 86_400_000) + 1;
	await controls.advanceClock(standin.ctx, Math.max(days, 1));
	await eventually(
		async () => (await plan(who.debtorId)).instalments[number - 1].status,
		(s) => s !== 'scheduled'
	);
}

describe('a direct-debit plan', () => {
	it('starts with an iDEAL first payment, gets a mandate and a subscription, and is collected to the end', async () => {
		const who = await planner([6000, 3000]);
		const { plan: p, instalments } = await directDebitPlan(who);
		expect(p.status).toBe('active');
		expect(instalments.map((i) => [i.amountCents, i.status])).toEqual([
			[3000, 'paid'],
			[3000, 'scheduled'],
			[3000, 'scheduled']
		]);
		expect(p.mandateAccount).toBe('NL55INGB0000000000');
		const [sub] = await db.select().from(standinSubscriptions).where(eq(standinSubscriptions.id, p.mollieSubscriptionId!));
		expect(sub).toMatchObject({ amountValue: '30.00', interval: '1 month', times: 2, startDate: instalments[1].dueOn, status: 'active' });
		expect(await remaining(who.debtorId)).toBe(6000);

		await collectNext(who, 2);
		await collectNext(who, 3);
		const end = await plan(who.debtorId);
		expect(end.instalments.map((i) => i.status)).toEqual(['paid', 'paid', 'paid']);
		expect(end.plan.status).toBe('completed');
		expect(await remaining(who.debtorId)).toBe(0);
		expect(await events(who.debtorId, 'instalment.paid')).toBe(3);
		expect(await events(who.debtorId, 'plan.completed')).toBe(1);
	});

	it('marks a bounced collection, puts the plan at risk, and lets the debtor pay it by hand', async () => {
		const who = await planner([9000]);
		const { plan: p } = await directDebitPlan(who);
		await controls.bounceNextCollection(db, p.mollieCustomerId!);
		await collectNext(who, 2);
		expect((await plan(who.debtorId)).plan.status).toBe('at_risk');
		expect(await events(who.debtorId, 'instalment.failed')).toBe(1);
		const manual = (await plans.payInstalment(db, who, 2, ctx)) as { url: string };
		await controls.decide(db, idOf(manual.url), 'paid', standin.clock.now);
		await eventually(
			async () => (await plan(who.debtorId)).plan.status,
			(s) => s === 'active'
		);
		expect(await remaining(who.debtorId)).toBe(3000);
	});

	it('breaks after the misses the policy allows, stops the subscription, and the rest is open again', async () => {
		const who = await planner([9000], { ...DEFAULT_POLICY, instalments: { ...DEFAULT_POLICY.instalments, brokenAfterMisses: 2 } });
		const { plan: p } = await directDebitPlan(who, 4);
		await controls.bounceNextCollection(db, p.mollieCustomerId!, 2);
		await collectNext(who, 2);
		await collectNext(who, 3);
		await eventually(
			async () => (await plan(who.debtorId)).plan.status,
			(s) => s === 'broken'
		);
		expect(await events(who.debtorId, 'plan.broken')).toBe(1);
		await eventually(
			async () => (await db.select().from(standinSubscriptions).where(eq(standinSubscriptions.id, p.mollieSubscriptionId!)))[0].status,
			(s) => s === 'canceled'
		);
		expect(await remaining(who.debtorId)).toBe(9000 - 2250);
	});

	it('takes a charged-back instalment off the claims again', async () => {
		const who = await planner([9000]);
		await directDebitPlan(who);
		await collectNext(who, 2);
		const collected = (await plan(who.debtorId)).instalments[1];
		expect(collected.status).toBe('paid');
		const [row] = await db.select().from(paymentsTable).where(eq(paymentsTable.instalmentId, collected.id));
		await controls.chargeback(standin.ctx, row.molliePaymentId!);
		await eventually(
			async () => (await plan(who.debtorId)).instalments[1].status,
			(s) => s === 'missed'
		);
		expect((await plan(who.debtorId)).plan.status).toBe('at_risk');
		expect(await remaining(who.debtorId)).toBe(6000);
		expect(await events(who.debtorId, 'instalment.charged_back')).toBe(1);
	});

	it('can be paid off early: the plan completes and collecting stops', async () => {
		const who = await planner([9000]);
		const { plan: p } = await directDebitPlan(who);
		const rest = (await pay.start(db, who, ['ideal'], ctx)) as { url: string };
		expect((await controls.payment(db, idOf(rest.url)))!.amountValue).toBe('60.00');
		await controls.decide(db, idOf(rest.url), 'paid', standin.clock.now);
		await eventually(
			async () => (await plan(who.debtorId)).plan.status,
			(s) => s === 'completed'
		);
		expect(await remaining(who.debtorId)).toBe(0);
		await eventually(
			async () => (await db.select().from(standinSubscriptions).where(eq(standinSubscriptions.id, p.mollieSubscriptionId!)))[0].status,
			(s) => s === 'canceled'
		);
	});

	it('can be cancelled by support, with the reason on the timeline', async () => {
		const who = await planner([9000]);
		const { plan: p } = await directDebitPlan(who);
		expect(await plans.cancel(db, p.id, 'agent:test', 'debtor asked to stop')).toBe(true);
		expect((await plan(who.debtorId)).plan.status).toBe('canceled');
		const [sub] = await db.select().from(standinSubscriptions).where(eq(standinSubscriptions.id, p.mollieSubscriptionId!));
		expect(sub.status).toBe('canceled');
		expect(await events(who.debtorId, 'plan.canceled')).toBe(1);
	});
});

describe('a pay-by-link plan', () => {
	it('starts at once, is paid instalment by instalment, and a forgotten one is marked missed', async () => {
		const who = await planner([6000]);
		expect(await plans.confirm(db, who, { terms: 2, frequency: 'weekly', firstDate: today(), collection: 'pay_by_link' }, ctx)).toEqual({
			kind: 'active'
		});
		const first = (await plans.payInstalment(db, who, 1, ctx)) as { url: string };
		await controls.decide(db, idOf(first.url), 'paid', standin.clock.now);
		await eventually(
			async () => (await plan(who.debtorId)).instalments[0].status,
			(s) => s === 'paid'
		);
		expect(await remaining(who.debtorId)).toBe(3000);
		await plans.review(db, new Date(Date.now() + 11 * 86_400_000));
		expect((await plan(who.debtorId)).instalments[1].status).toBe('missed');
		expect((await plan(who.debtorId)).plan.status).toBe('at_risk');
	});
});

describe('checking plans on the server', () => {
	it('refuses what the policy does not allow, whatever the form said', async () => {
		const who = await planner([9000]);
		expect(
			await plans.confirm(db, who, { terms: 24, frequency: 'monthly', firstDate: today(), collection: 'pay_by_link' }, ctx)
		).toMatchObject({ kind: 'not_allowed', field: 'terms' });
		expect(
			await plans.confirm(db, who, { terms: 3, frequency: 'monthly', firstDate: '2099-01-01', collection: 'pay_by_link' }, ctx)
		).toMatchObject({ kind: 'not_allowed', field: 'firstDate', reason: 'first_date_too_late' });
		expect(
			(await plans.confirm(db, who, { terms: 3, frequency: 'monthly', firstDate: today(), collection: 'pay_by_link' }, ctx)).kind
		).toBe('active');
		expect(
			await plans.confirm(db, who, { terms: 3, frequency: 'monthly', firstDate: today(), collection: 'pay_by_link' }, ctx)
		).toMatchObject({ reason: 'plan_exists' });
	});
});

describe('pay links per instalment', () => {
	it('open one instalment, pay it, and reveal nothing for a wrong or expired link', async () => {
		const who = await planner([6000]);
		expect(
			(await plans.confirm(db, who, { terms: 2, frequency: 'monthly', firstDate: today(), collection: 'pay_by_link' }, ctx)).kind
		).toBe('active');
		const { instalments } = await plan(who.debtorId);
		const token = await paylinks.issue(db, instalments[1].id);
		const found = await paylinks.resolve(db, token);
		expect(found).toMatchObject({ instalment: { number: 2, amountCents: 3000 }, holder: { debtorId: who.debtorId } });
		const started = (await plans.payInstalment(db, found!.holder, 2, ctx)) as { url: string };
		await controls.decide(db, idOf(started.url), 'paid', standin.clock.now);
		await eventually(
			async () => (await plan(who.debtorId)).instalments[1].status,
			(s) => s === 'paid'
		);
		expect(await paylinks.resolve(db, 'x'.repeat(27))).toBeNull();
		const old = await paylinks.issue(db, instalments[0].id, 1, new Date(Date.now() - 3 * 86_400_000));
		expect(await paylinks.resolve(db, old)).toBeNull();
	});
});

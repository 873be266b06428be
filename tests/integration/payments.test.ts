// Paying the balance through the official Mollie client against the stand-in: the happy path and
// every way the news can arrive (twice, late, concurrently, never) or the provider can fail.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, count, eq, ne } from 'drizzle-orm';
import { createMollieClient } from '@mollie/api-client';
import type { Db } from '../../src/lib/server/db/client';
import { claims, payments, standinPayments, timelineEvents } from '../../src/lib/server/db/schema';
import * as controls from '../../src/lib/server/mollie-standin/controls';
import { MOLLIE_STANDIN } from '../../src/lib/server/config';
import * as mollie from '../../src/lib/server/payments/mollie';
import * as pay from '../../src/lib/server/payments/service';
import * as settlement from '../../src/lib/server/settlement/service';
import * as q from '../../src/lib/server/payments/queries';
import * as make from '../helpers/fixtures';
import { APP_ORIGIN, eventually, useStandinDatabase, type Standin } from '../helpers/standin';

const env = useStandinDatabase();
let db: Db;
let standin: Standin;
beforeAll(() => {
	({ db, standin } = env);
});
beforeEach(async () => {
	await controls.clearFaults(db);
});

async function debtorOwing(...amounts: number[]) {
	const m = await make.merchant(db, { displayName: 'De Groene Fiets' });
	const d = await make.debtor(db, m.id);
	for (const amountCents of amounts) await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents });
	return { debtorId: d.id, merchantId: m.id, merchantName: m.displayName };
}

const ctx = { origin: APP_ORIGIN, locale: 'nl' as const };
const idOf = (checkoutUrl: string) => checkoutUrl.split('/').pop()!;

async function eventsOf(debtorId: string, type: string) {
	const [row] = await db
		.select({ n: count() })
		.from(timelineEvents)
		.where(and(eq(timelineEvents.debtorId, debtorId), eq(timelineEvents.type, type)));
	return row.n;
}

async function openClaims(debtorId: string) {
	return (await q.openClaimsOf(db, debtorId)).length;
}

describe('paying the whole balance', () => {
	it('creates one Mollie payment for the balance and sends the debtor to its checkout', async () => {
		const payer = await debtorOwing(2495, 6450);
		const outcome = await pay.start(db, payer, ['ideal'], ctx);
		expect(outcome.kind).toBe('checkout');
		const url = (outcome as { url: string }).url;
		expect(url).toMatch(new RegExp(`^${APP_ORIGIN}/standin/mollie/checkout/tr_\\w{10}$`));
		const standinRow = await controls.payment(db, idOf(url));
		expect(standinRow).toMatchObject({ amountValue: '89.45', currency: 'EUR', method: 'ideal', status: 'open' });
		expect(standinRow!.redirectUrl).toMatch(new RegExp(`^${APP_ORIGIN}/p/[\\w-]{27}$`));
		expect(standinRow!.webhookUrl).toBe(`${APP_ORIGIN}/api/webhooks/mollie`);
		expect(await eventsOf(payer.debtorId, 'payment.started')).toBe(1);
	});

	it('settles the claims once the debtor pays and the webhook arrives', async () => {
		const payer = await debtorOwing(2495, 6450);
		const { url } = (await pay.start(db, payer, ['ideal'], ctx)) as { url: string };
		await controls.decide(db, idOf(url), 'paid');
		expect(
			await eventually(
				() => openClaims(payer.debtorId),
				(n) => n === 0
			)
		).toBe(0);
		expect(await eventsOf(payer.debtorId, 'payment.paid')).toBe(1);
		const [row] = await db.select().from(payments).where(eq(payments.debtorId, payer.debtorId));
		expect(row).toMatchObject({ status: 'paid', method: 'ideal' });
		expect(row.paidAt).toBeInstanceOf(Date);
		expect(await pay.start(db, payer, ['ideal'], ctx)).toEqual({ kind: 'nothing_to_pay' });
	});

	it('never opens a second payment on a double tap or in two tabs', async () => {
		const payer = await debtorOwing(4995);
		const outcomes = await Promise.all(Array.from({ length: 6 }, () => pay.start(db, payer, ['ideal'], ctx)));
		const urls = new Set(outcomes.map((o) => (o as { url: string }).url));
		expect(urls.size).toBe(1);
		const live = await db
			.select()
			.from(payments)
			.where(and(eq(payments.debtorId, payer.debtorId), ne(payments.status, 'abandoned')));
		expect(live).toHaveLength(1);
		const [{ n }] = await db.select({ n: count() }).from(standinPayments).where(eq(standinPayments.id, live[0].molliePaymentId!));
		expect(n).toBe(1);
		// And a later tap (a retry after coming back) reuses it too.
		expect(await pay.start(db, payer, ['ideal'], ctx)).toEqual({ kind: 'checkout', url: [...urls][0] });
	});

	it('applies the same news once, however often and however concurrently it arrives', async () => {
		const payer = await debtorOwing(1500);
		const { url } = (await pay.start(db, payer, ['ideal'], ctx)) as { url: string };
		const id = idOf(url);
		await controls.setStatus(db, id, 'paid'); // no webhook yet
		const statuses = await Promise.all(Array.from({ length: 5 }, () => controls.resendWebhook(db, id)));
		expect(statuses).toEqual([200, 200, 200, 200, 200]);
		await controls.resendWebhook(db, id);
		expect(await eventsOf(payer.debtorId, 'payment.paid')).toBe(1);
		expect(await openClaims(payer.debtorId)).toBe(0);
	});

	it('ignores a late, older report and never undoes a final state', async () => {
		const payer = await debtorOwing(1500);
		const { url } = (await pay.start(db, payer, ['ideal'], ctx)) as { url: string };
		const [row] = await db.select().from(payments).where(eq(payments.debtorId, payer.debtorId));
		const observed = { id: idOf(url), method: 'ideal', checkoutUrl: null, expiresAt: null, paidAt: new Date() };
		expect(await settlement.apply(db, row.id, { ...observed, status: 'paid' })).toBe(true);
		expect(await settlement.apply(db, row.id, { ...observed, status: 'pending' })).toBe(false);
		expect(await settlement.apply(db, row.id, { ...observed, status: 'failed' })).toBe(false);
		const [after] = await db.select().from(payments).where(eq(payments.id, row.id));
		expect(after.status).toBe('paid');
		expect(await eventsOf(payer.debtorId, 'payment.failed')).toBe(0);
	});

	it('changes nothing for a webhook about a payment we do not know', async () => {
		const before = await db.select({ n: count() }).from(timelineEvents);
		expect(await settlement.onWebhook(db, 'tr_DoesNotExi')).toBe('unknown');
		expect(await db.select({ n: count() }).from(timelineEvents)).toEqual(before);
	});

	it('still ends correctly when the webhook is lost: the result page asks Mollie itself', async () => {
		const payer = await debtorOwing(3000);
		const { url } = (await pay.start(db, payer, ['ideal'], ctx)) as { url: string };
		await controls.webhookMode(db, idOf(url), { drop: true });
		await controls.decide(db, idOf(url), 'paid');
		await new Promise((r) => setTimeout(r, 100));
		expect(standin.webhooks).not.toContain(idOf(url));
		const [row] = await db.select().from(payments).where(eq(payments.debtorId, payer.debtorId));
		expect(row.status).toBe('open');
		expect((await settlement.refresh(db, row)).status).toBe('paid');
		expect(await openClaims(payer.debtorId)).toBe(0);
	});

	it('handles a webhook that arrives late, after the debtor already returned', async () => {
		const payer = await debtorOwing(3000);
		const { url } = (await pay.start(db, payer, ['ideal'], ctx)) as { url: string };
		await controls.webhookMode(db, idOf(url), { delayMs: 300 });
		await controls.decide(db, idOf(url), 'paid');
		const [row] = await db.select().from(payments).where(eq(payments.debtorId, payer.debtorId));
		expect((await settlement.refresh(db, row)).status).toBe('paid'); // the debtor's return
		await eventually(async () => standin.webhooks.includes(idOf(url)), Boolean);
		await new Promise((r) => setTimeout(r, 100));
		expect(await eventsOf(payer.debtorId, 'payment.paid')).toBe(1);
	});

	it('lets the debtor try again after a failed payment', async () => {
		const payer = await debtorOwing(2000);
		const first = (await pay.start(db, payer, ['ideal'], ctx)) as { url: string };
		await controls.decide(db, idOf(first.url), 'failed');
		await eventually(
			() => eventsOf(payer.debtorId, 'payment.failed'),
			(n) => n === 1
		);
		expect(await openClaims(payer.debtorId)).toBe(1);
		const second = (await pay.start(db, payer, ['ideal'], ctx)) as { url: string };
		expect(second.url).not.toBe(first.url);
		await controls.decide(db, idOf(second.url), 'paid');
		expect(
			await eventually(
				() => openClaims(payer.debtorId),
				(n) => n === 0
			)
		).toBe(0);
	});

	it('treats an iDEAL payment left open for 15 minutes as expired', async () => {
		const payer = await debtorOwing(2000);
		const { url } = (await pay.start(db, payer, ['ideal'], ctx)) as { url: string };
		standin.clock.now = new Date(Date.now() + 16 * 60_000);
		const [row] = await db.select().from(payments).where(eq(payments.debtorId, payer.debtorId));
		expect((await settlement.refresh(db, row)).status).toBe('expired');
		expect(await eventsOf(payer.debtorId, 'payment.expired')).toBe(1);
		// The next tap makes a new payment rather than sending the debtor to a dead checkout.
		const again = (await pay.start(db, payer, ['ideal'], { ...ctx, now: standin.clock.now })) as { url: string };
		expect(again.url).not.toBe(url);
	});
});

describe('when Mollie is in trouble', () => {
	it('answers a 5xx calmly, keeps nothing half-made, and works on the next try', async () => {
		const payer = await debtorOwing(2500);
		await controls.failNext(db, { status: 503, times: 3 }); // the client retries twice by itself
		expect(await pay.start(db, payer, ['ideal'], ctx)).toEqual({ kind: 'unavailable' });
		const rows = await db.select().from(payments).where(eq(payments.debtorId, payer.debtorId));
		expect(rows.map((r) => r.status)).toEqual(['abandoned']);
		expect(await eventsOf(payer.debtorId, 'payment.started')).toBe(0);
		expect((await pay.start(db, payer, ['ideal'], ctx)).kind).toBe('checkout');
	});

	it('gives up after the timeout instead of leaving the debtor waiting', async () => {
		const payer = await debtorOwing(2500);
		await controls.failNext(db, { delayMs: 1500 });
		const started = Date.now();
		expect(await pay.start(db, payer, ['ideal'], ctx)).toEqual({ kind: 'unavailable' });
		expect(Date.now() - started).toBeLessThan(1400);
		const retry = await pay.start(db, payer, ['ideal'], ctx);
		expect(retry.kind).toBe('checkout');
		const live = await db
			.select()
			.from(payments)
			.where(and(eq(payments.debtorId, payer.debtorId), ne(payments.status, 'abandoned')));
		expect(live).toHaveLength(1);
	});

	it('keeps webhooks retryable while Mollie cannot be asked', async () => {
		const payer = await debtorOwing(2500);
		const { url } = (await pay.start(db, payer, ['ideal'], ctx)) as { url: string };
		await controls.setStatus(db, idOf(url), 'paid');
		await controls.failNext(db, { status: 502, times: 3 });
		expect(await settlement.onWebhook(db, idOf(url))).toBe('retry');
		expect(await openClaims(payer.debtorId)).toBe(1);
		expect(await settlement.onWebhook(db, idOf(url))).toBe('applied');
		expect(await openClaims(payer.debtorId)).toBe(0);
	});
});

describe('the stand-in speaks Mollie', () => {
	const client = createMollieClient(MOLLIE_STANDIN);

	it('lists the activated methods, iDEAL first', async () => {
		const methods = await mollie.methodsFor({ db, merchantId: null }, 'EUR');
		expect(methods.map((m) => m.id)).toEqual(['ideal', 'bancontact', 'creditcard']);
	});

	it('refuses bad requests with Mollie problem JSON naming the field', async () => {
		await expect(
			client.payments.create({ amount: { value: '10.5', currency: 'EUR' }, description: 'x', redirectUrl: 'https://a.example/' })
		).rejects.toMatchObject({ statusCode: 422, field: 'amount.value' });
		await expect(client.payments.create({ amount: { value: '10.00', currency: 'EUR' }, description: 'x' })).rejects.toMatchObject({
			statusCode: 422,
			field: 'redirectUrl'
		});
		await expect(
			client.payments.create({
				amount: { value: '90000.00', currency: 'EUR' },
				description: 'x',
				redirectUrl: 'https://a.example/',
				method: 'ideal' as never
			})
		).rejects.toMatchObject({ statusCode: 422, field: 'amount' });
		await expect(client.payments.get('tr_unknown1234')).rejects.toMatchObject({ statusCode: 404 });
	});

	it('answers a repeated Idempotency-Key with the first payment', async () => {
		const params = {
			amount: { value: '12.34', currency: 'EUR' },
			description: 'once',
			redirectUrl: 'https://a.example/',
			idempotencyKey: 'same-key-1'
		};
		const a = await client.payments.create(params);
		const b = await client.payments.create(params);
		expect(b.id).toBe(a.id);
		expect(a.id).toMatch(/^tr_\w{10}$/);
		expect(a.amount).toEqual({ value: '12.34', currency: 'EUR' });
	});

	it('keeps claims of other debtors untouched', async () => {
		const mine = await debtorOwing(1000);
		const theirs = await debtorOwing(1000);
		const { url } = (await pay.start(db, mine, ['ideal'], ctx)) as { url: string };
		await controls.decide(db, idOf(url), 'paid');
		await eventually(
			() => openClaims(mine.debtorId),
			(n) => n === 0
		);
		expect(await openClaims(theirs.debtorId)).toBe(1);
		const [{ n }] = await db
			.select({ n: count() })
			.from(claims)
			.where(and(eq(claims.debtorId, theirs.debtorId), eq(claims.status, 'paid')));
		expect(n).toBe(0);
	});
});

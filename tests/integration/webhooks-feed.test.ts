// GET /api/v1/events: cursor paging, one merchant's events only, and every event type — in the feed and as a
// webhook — as the OpenAPI document describes it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS } from '../../src/lib/domain/webhooks';
import { getEvents } from '../../src/lib/server/api/events';
import type { ApiContext } from '../../src/lib/server/api/handlers';
import * as keys from '../../src/lib/server/api/keys';
import { openapi } from '../../src/lib/server/api/openapi';
import type { Database, Db } from '../../src/lib/server/db/client';
import { instalments, paymentClaims, payments, planClaims, plans } from '../../src/lib/server/db/schema';
import * as settlement from '../../src/lib/server/settlement/service';
import * as support from '../../src/lib/server/support/actions';
import * as timeline from '../../src/lib/server/timeline/queries';
import { deliver } from '../../src/lib/server/webhooks/deliver';
import * as endpoints from '../../src/lib/server/webhooks/endpoints';
import { follow } from '../../src/lib/server/webhooks/follow';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { checkResponse, checkValue } from '../helpers/json-schema';
import { startReceiver } from '../helpers/receiver';

let database: Database;
let db: Db;
let ctx: ApiContext;
beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	ctx = { db, origin: 'http://app.test', ttlDays: 30 };
});
afterAll(async () => {
	await database?.close();
});

const doc = openapi as never;

async function tenant() {
	const m = await make.merchant(db);
	const owner = await make.user(db, m.id, { role: 'owner' });
	const d = await make.debtor(db, m.id);
	const { key } = await keys.create(db, { merchantId: m.id, userId: owner.id }, 'Boekhouding');
	return { merchantId: m.id, debtorId: d.id, key, scope: { merchantId: m.id, userId: owner.id, role: 'owner' as const } };
}

type Page = { events: { id: string; type: string; data: Record<string, unknown> }[]; next_cursor: string; has_more: boolean };
async function feed(key: string | null, query: string) {
	const request = new Request(`http://app.test/api/v1/events${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
	const response = await getEvents(ctx, request);
	expect(await checkResponse(doc, 'GET', '/events', response)).toEqual([]);
	return { status: response.status, body: (await response.json()) as Page & { invalid_params?: { name: string }[] } };
}

async function paidOutside(t: Awaited<ReturnType<typeof tenant>>, n: number) {
	const refs: string[] = [];
	for (let i = 0; i < n; i++) {
		const c = await make.claim(db, t);
		await support.closeClaim(db, t.scope, t.debtorId, c.id, 'paid_outside', 'bank');
		refs.push(c.reference);
	}
	return refs;
}

describe('GET /api/v1/events', () => {
	it('pages by cursor through one merchant’s events only, and picks up what comes later', async () => {
		const a = await tenant();
		const b = await tenant();
		const refsA = await paidOutside(a, 5);
		const refsB = await paidOutside(b, 3);
		await follow(db);
		const seen: string[] = [];
		let cursor = '0';
		let pages = 0;
		for (;;) {
			const { status, body } = await feed(a.key, `?after=${cursor}&limit=2`);
			expect(status).toBe(200);
			seen.push(...body.events.map((e) => (e.data.claims as { reference: string }[])[0].reference));
			cursor = body.next_cursor;
			pages++;
			if (!body.has_more) break;
		}
		expect(pages).toBe(3);
		expect(seen).toEqual(refsA);
		expect(seen.some((r) => refsB.includes(r))).toBe(false);
		// Nothing new: the same cursor back.
		expect((await feed(a.key, `?after=${cursor}`)).body).toEqual({ events: [], next_cursor: cursor, has_more: false });
		const later = await paidOutside(a, 1);
		await follow(db);
		const next = await feed(a.key, `?after=${cursor}`);
		expect(next.body.events.map((e) => (e.data.claims as { reference: string }[])[0].reference)).toEqual(later);
		// B sees its own three.
		expect((await feed(b.key, '')).body.events).toHaveLength(3);
	});

	it('answers bad parameters and a missing key with documented problem documents', async () => {
		const a = await tenant();
		const bad = await feed(a.key, '?after=abc&limit=9999');
		expect(bad.status).toBe(400);
		expect(bad.body.invalid_params!.map((p) => p.name).sort()).toEqual(['after', 'limit']);
		expect((await feed(a.key, '?limit=0')).status).toBe(400);
		expect((await feed(null, '')).status).toBe(401);
	});

	it('has every event type, in the feed and as a webhook, as the OpenAPI document describes it', async () => {
		const t = await tenant();
		const receiver = await startReceiver();
		try {
			await endpoints.create(db, t.scope, { url: receiver.url, events: [...WEBHOOK_EVENTS] });
			const c = await make.claim(db, t);
			const on = { merchantId: t.merchantId, debtorId: t.debtorId, actor: 'system' };
			const planId = '00000000-0000-4000-8000-000000000001';
			const promiseId = '00000000-0000-4000-8000-000000000002';
			const entries: [string, Record<string, unknown>][] = [
				['claim.handed_over', { reference: c.reference, agency: 'Incasso BV' }],
				['claim.taken_back', { reference: c.reference }],
				['payment.failed', { paymentId: '00000000-0000-4000-8000-000000000003', amountCents: 2495, currency: 'EUR', method: 'ideal' }],
				['plan.created', { planId, terms: 3 }],
				['plan.at_risk', { planId }],
				['plan.broken', { planId }],
				['plan.completed', { planId }],
				['promise.made', { promiseId, promisedOn: '2026-12-20', amountCents: 2495, currency: 'EUR' }],
				['promise.kept', { promiseId, promisedOn: '2026-12-20' }],
				['promise.missed', { promiseId, promisedOn: '2026-12-20' }],
				['dispute.opened', { messageId: 'm1', kind: 'disagree', reference: c.reference, preview: 'Ik ben het er niet mee eens' }],
				['message.answered', { messageId: 'm1', kind: 'disagree', outcome: 'resolved', reason: 'Klopt, sorry' }],
				['message.answered', { messageId: 'm2', kind: 'question', outcome: 'resolved', reason: 'Not a dispute' }],
				['outreach.sent', { messageId: 'm3', kind: 'reminder', channel: 'email', subject: 'Herinnering' }],
				['outreach.bounced', { messageId: 'm4', kind: 'reminder', channel: 'email', reason: '550 no such user' }],
				['debtor.contact_changed', { email: 'nieuw@example.test', phone: '+31612345678' }]
			];
			for (const [type, payload] of entries)
				await timeline.append(db, { ...on, claimId: type.startsWith('claim.') ? c.id : null, type, payload });
			await support.closeClaim(db, t.scope, t.debtorId, c.id, 'recalled', 'goodwill');
			const c2 = await make.claim(db, t);
			await support.closeClaim(db, t.scope, t.debtorId, c2.id, 'paid_outside', 'bank');
			await follow(db);
			const { body } = await feed(t.key, '?limit=500');
			// payment.paid comes from a real settled payment (the next test); every other type is here.
			expect(new Set(body.events.map((e) => e.type))).toEqual(new Set(WEBHOOK_EVENTS.filter((e) => e !== 'payment.paid')));
			expect(body.events).toHaveLength(entries.length - 1 + 2);
			for (const e of body.events) expect(checkValue(doc, `#/components/schemas/Event_${e.type.replace('.', '_')}`, e), e.type).toEqual([]);
			const contact = body.events.find((e) => e.type === 'debtor.contact_changed')!;
			expect(contact.data.contact).toEqual({ email: 'nieuw@example.test', phone: '+31612345678' });
			// Contact details only there; never the debtor's words or the bounce's text.
			const others = JSON.stringify(body.events.filter((e) => e !== contact));
			expect(others).not.toMatch(/nieuw@example|niet mee eens|Klopt, sorry|550 no such/);

			await deliver(db, { allowLoopback: true, timeoutMs: 2000 });
			expect(receiver.arrivals).toHaveLength(body.events.length);
			for (const a of receiver.arrivals) expect(checkValue(doc, '#/components/schemas/Event', a.body), a.type).toEqual([]);
			expect(receiver.arrivals.map((a) => a.body)).toEqual(body.events);
		} finally {
			await receiver.close();
		}
	});

	it('turns a payment Mollie reports paid into payment.paid and claim.paid with the claims it covered', async () => {
		const t = await tenant();
		const c1 = await make.claim(db, t, { amountCents: 1500 });
		const c2 = await make.claim(db, t, { amountCents: 2500 });
		const [p] = await db
			.insert(payments)
			.values({
				merchantId: t.merchantId,
				debtorId: t.debtorId,
				status: 'open',
				amountCents: 4000,
				currency: 'EUR',
				molliePaymentId: 'tr_webhooks1'
			})
			.returning();
		await db.insert(paymentClaims).values([c1, c2].map((c) => ({ paymentId: p.id, claimId: c.id })));
		const observed = {
			id: 'tr_webhooks1',
			method: 'ideal',
			checkoutUrl: null,
			expiresAt: null,
			paidAt: new Date(),
			status: 'paid' as const
		};
		expect(await settlement.apply(db, p.id, observed)).toBe(true);
		await follow(db);
		const { body } = await feed(t.key, '');
		expect(body.events.map((e) => e.type)).toEqual(['payment.paid', 'claim.paid']);
		const refs = [c1.reference, c2.reference].sort();
		for (const e of body.events) expect((e.data.claims as { reference: string }[]).map((c) => c.reference).sort()).toEqual(refs);
		expect(body.events[0].data.payment).toEqual({ id: p.id, amount_cents: 4000, currency: 'EUR', method: 'ideal' });
		expect(body.events[1].data).toMatchObject({ via: 'coulant', paid_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
		for (const e of body.events) expect(checkValue(doc, '#/components/schemas/Event', e), e.type).toEqual([]);
	});

	it('gives an instalment’s payment the plan and its claims, and no claim.paid (the plan says when they are paid)', async () => {
		const t = await tenant();
		const c = await make.claim(db, t, { amountCents: 9000 });
		const [plan] = await db
			.insert(plans)
			.values({
				merchantId: t.merchantId,
				debtorId: t.debtorId,
				status: 'active',
				collection: 'pay_by_link',
				frequency: 'monthly',
				terms: 3,
				totalCents: 9000,
				currency: 'EUR'
			})
			.returning();
		await db.insert(planClaims).values({ planId: plan.id, claimId: c.id });
		const [inst] = await db.insert(instalments).values({ planId: plan.id, number: 1, dueOn: '2026-12-10', amountCents: 3000 }).returning();
		const [p] = await db
			.insert(payments)
			.values({
				merchantId: t.merchantId,
				debtorId: t.debtorId,
				status: 'paid',
				amountCents: 3000,
				currency: 'EUR',
				purpose: 'instalment',
				instalmentId: inst.id
			})
			.returning();
		await timeline.append(db, {
			merchantId: t.merchantId,
			debtorId: t.debtorId,
			type: 'payment.paid',
			actor: 'mollie',
			payload: { paymentId: p.id, amountCents: 3000, currency: 'EUR', method: 'ideal' }
		});
		await follow(db);
		const { body } = await feed(t.key, '');
		expect(body.events.map((e) => e.type)).toEqual(['payment.paid']);
		expect(body.events[0].data).toMatchObject({
			claims: [{ reference: c.reference, amount_cents: 9000 }],
			payment: { amount_cents: 3000 }
		});
	});
});

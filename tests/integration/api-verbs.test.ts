// The API's verbs: paid outside Coulant, recall, contact changes; a claim's payments and plans — each answer held against the OpenAPI document.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../src/lib/server/db/client';
import { claims, debtors, instalments, paymentClaims, payments, planClaims, plans, timelineEvents } from '../../src/lib/server/db/schema';
import * as keys from '../../src/lib/server/api/keys';
import { openapi } from '../../src/lib/server/api/openapi';
import type { ApiContext } from '../../src/lib/server/api/handlers';
import { getPayments, getPlans, patchDebtor, postPaid, postRecall } from '../../src/lib/server/api/verbs';
import { planAll } from '../../src/lib/server/outreach/plan';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { checkResponse } from '../helpers/json-schema';

let database: Database;
let ctx: ApiContext;
beforeAll(async () => {
	database = await testDatabase();
	ctx = { db: database.db, origin: 'http://app.test', ttlDays: 30 };
});
afterAll(async () => {
	await database?.close();
});

const doc = openapi as never;

async function tenant(db: Db) {
	const m = await make.merchant(db);
	const user = await make.user(db, m.id, { role: 'owner' });
	const { key, id } = await keys.create(db, { merchantId: m.id, userId: user.id }, 'Boekhouding');
	const d = await make.debtor(db, m.id, { customerRef: 'K-7', name: 'Sanne de Vries', email: 'sanne@example.nl', locale: 'nl' });
	const c = await make.claim(db, { merchantId: m.id, debtorId: d.id }, { reference: 'F-100', amountCents: 5000, dueOn: '2026-11-20' });
	return { merchantId: m.id, key, keyId: id, d, c };
}

function req(method: string, path: string, key: string | null, body?: unknown, headers: Record<string, string> = {}) {
	const withBody = body !== undefined;
	return new Request(`http://app.test/api/v1${path}`, {
		method,
		headers: {
			...(withBody ? { 'content-type': 'application/json' } : {}),
			...(key ? { authorization: `Bearer ${key}` } : {}),
			...headers
		},
		body: withBody ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined
	});
}
async function documented(method: string, template: string, response: Response) {
	expect(await checkResponse(doc, method, template, response)).toEqual([]);
	return {
		status: response.status,
		type: response.headers.get('content-type'),
		replayed: response.headers.get('idempotent-replayed'),
		body: await response.json()
	};
}
const paid = async (key: string | null, ref: string, body?: unknown, headers?: Record<string, string>) =>
	documented('POST', '/claims/{reference}/paid', await postPaid(ctx, req('POST', `/claims/${ref}/paid`, key, body, headers), ref));
const recall = async (key: string, ref: string, body?: unknown, headers?: Record<string, string>) =>
	documented('POST', '/claims/{reference}/recall', await postRecall(ctx, req('POST', `/claims/${ref}/recall`, key, body, headers), ref));
const patch = async (key: string, ref: string, body: unknown, headers?: Record<string, string>) =>
	documented('PATCH', '/debtors/{customer_ref}', await patchDebtor(ctx, req('PATCH', `/debtors/${ref}`, key, body, headers), ref));
const events = (debtorId: string, type: string) =>
	database.db
		.select()
		.from(timelineEvents)
		.where(and(eq(timelineEvents.debtorId, debtorId), eq(timelineEvents.type, type)));
const claimStatus = async (id: string) => (await database.db.select().from(claims).where(eq(claims.id, id)))[0];

describe('POST /api/v1/claims/{reference}/paid', () => {
	it('marks the claim paid outside Coulant, puts it on the timeline, and the journey asks for it no more', async () => {
		const { db } = database;
		const t = await tenant(db);
		const r = await paid(
			t.key,
			'F-100',
			{ paid_on: '2026-12-01', reason: 'Contant betaald in de winkel' },
			{ 'idempotency-key': 'k-paid-1' }
		);
		expect(r).toMatchObject({ status: 200, body: { reference: 'F-100', status: 'paid', open_cents: 0 } });
		const [ev] = await events(t.d.id, 'claim.paid_outside');
		expect(ev).toMatchObject({ actor: `api:${t.keyId}`, claimId: t.c.id });
		expect(ev.payload).toMatchObject({
			reference: 'F-100',
			reason: 'Contant betaald in de winkel',
			source: 'api',
			paidOn: '2026-12-01',
			amountCents: 5000
		});
		// The same key and body: the first answer, nothing done twice.
		const again = await paid(
			t.key,
			'F-100',
			{ paid_on: '2026-12-01', reason: 'Contant betaald in de winkel' },
			{ 'idempotency-key': 'k-paid-1' }
		);
		expect(again).toMatchObject({ status: 200, replayed: 'true', body: { status: 'paid' } });
		expect(await events(t.d.id, 'claim.paid_outside')).toHaveLength(1);
		// Another body under the same key is refused; without a key, a closed claim is a 409.
		expect((await paid(t.key, 'F-100', { reason: 'anders' }, { 'idempotency-key': 'k-paid-1' })).status).toBe(422);
		const closed = await paid(t.key, 'F-100');
		expect(closed).toMatchObject({
			status: 409,
			type: 'application/problem+json',
			body: { type: 'http://app.test/api/v1/problems/not_open' }
		});
		const r2 = await planAll(db, { origin: 'http://app.test', mailDomain: 'coulant.test' }, new Date('2026-12-02T09:00:00Z'));
		expect(r2.queued).toBe(0);
	});

	it('takes no body at all, and records less than is open as a part payment that leaves the claim open', async () => {
		const { db } = database;
		const t = await tenant(db);
		const part = await paid(t.key, 'F-100', { amount_cents: 2000 });
		expect(part).toMatchObject({ status: 200, body: { status: 'open', amount_paid_cents: 2000, open_cents: 3000 } });
		expect(await events(t.d.id, 'claim.part_paid_outside')).toHaveLength(1);
		const rest = await paid(t.key, 'F-100');
		expect(rest).toMatchObject({ status: 200, body: { status: 'paid' } });
	});

	it('answers bad input, unknown claims, other merchants’ claims and missing keys with problem documents', async () => {
		const { db } = database;
		const a = await tenant(db);
		const b = await tenant(db);
		const bad = await paid(a.key, 'F-100', { paid_on: '2026-02-30', amount_cents: 12.5 });
		expect(bad).toMatchObject({ status: 400, body: { type: 'http://app.test/api/v1/problems/validation' } });
		expect(bad.body.invalid_params.map((p: { name: string }) => p.name).sort()).toEqual(['amount_cents', 'paid_on']);
		expect((await paid(a.key, 'F-100', '{nope')).status).toBe(400);
		expect((await paid(a.key, 'F-404')).status).toBe(404);
		expect((await paid(null, 'F-100')).status).toBe(401);
		expect((await paid(a.key, 'F-100', {}, { 'idempotency-key': 'é' })).status).toBe(400);
		// b's key does not reach a's claim of the same reference.
		await paid(b.key, 'F-100');
		expect((await claimStatus(a.c.id)).status).toBe('open');
		expect((await claimStatus(b.c.id)).status).toBe('paid');
	});

	it('refuses a part payment while the debtor has a running plan', async () => {
		const { db } = database;
		const t = await tenant(db);
		await db.insert(plans).values({
			merchantId: t.merchantId,
			debtorId: t.d.id,
			status: 'active',
			collection: 'pay_by_link',
			frequency: 'monthly',
			terms: 2,
			totalCents: 5000,
			currency: 'EUR'
		});
		const r = await paid(t.key, 'F-100', { amount_cents: 1000 });
		expect(r).toMatchObject({ status: 409, body: { type: 'http://app.test/api/v1/problems/has_plan' } });
		expect((await claimStatus(t.c.id)).amountPaidCents).toBe(0);
	});
});

describe('POST /api/v1/claims/{reference}/recall', () => {
	it('takes the claim back with its reason; a reason is required', async () => {
		const { db } = database;
		const t = await tenant(db);
		const none = await recall(t.key, 'F-100', {});
		expect(none).toMatchObject({ status: 400, body: { invalid_params: [{ name: 'reason', pointer: '/reason', reason: 'is required' }] } });
		const r = await recall(t.key, 'F-100', { reason: 'Klant is failliet' }, { 'idempotency-key': 'rc-1' });
		expect(r).toMatchObject({ status: 200, body: { status: 'recalled' } });
		expect((await recall(t.key, 'F-100', { reason: 'Klant is failliet' }, { 'idempotency-key': 'rc-1' })).replayed).toBe('true');
		const [ev] = await events(t.d.id, 'claim.recalled');
		expect(ev.payload).toMatchObject({ reason: 'Klant is failliet', source: 'api' });
		expect((await recall(t.key, 'F-100', { reason: 'nogmaals' })).status).toBe(409);
	});
});

describe('PATCH /api/v1/debtors/{customer_ref}', () => {
	it('changes only what is sent, with the existing checks, and puts debtor.contact_changed and language.changed on the timeline', async () => {
		const { db } = database;
		const t = await tenant(db);
		await db.update(debtors).set({ emailBouncedAt: new Date() }).where(eq(debtors.id, t.d.id));
		const r = await patch(
			t.key,
			'K-7',
			{
				email: 'sanne.nieuw@example.nl',
				phone: '06 12345678',
				street: 'Kerkstraat 12a',
				postcode: '1234 ab',
				city: 'Utrecht',
				locale: 'en',
				preferred_channel: 'sms'
			},
			{ 'idempotency-key': 'p-1' }
		);
		expect(r).toMatchObject({
			status: 200,
			body: {
				email: 'sanne.nieuw@example.nl',
				phone: '+31612345678',
				postcode: '1234AB',
				locale: 'en',
				preferred_channel: 'sms',
				changed: ['email', 'phone', 'street', 'postcode', 'city', 'locale', 'preferred_channel']
			}
		});
		const [row] = await db.select().from(debtors).where(eq(debtors.id, t.d.id));
		expect(row.emailBouncedAt).toBeNull();
		const [changed] = await events(t.d.id, 'debtor.contact_changed');
		expect(changed.payload).toEqual({ fields: ['email', 'phone', 'street', 'postcode', 'city', 'preferred_channel'], source: 'api' });
		const [lang] = await events(t.d.id, 'language.changed');
		expect(lang.payload).toEqual({ from: 'nl', to: 'en' });
		expect((await patch(t.key, 'K-7', { email: 'x@example.nl' }, { 'idempotency-key': 'p-1' })).status).toBe(422);
		// The same again changes nothing and adds nothing.
		const same = await patch(t.key, 'K-7', { email: 'sanne.nieuw@example.nl' });
		expect(same.body.changed).toEqual([]);
		expect(await events(t.d.id, 'debtor.contact_changed')).toHaveLength(1);
	});

	it('refuses a landline, an incomplete address, a channel without its address, and an empty change', async () => {
		const { db } = database;
		const t = await tenant(db);
		const phone = await patch(t.key, 'K-7', { phone: '020 123 4567' });
		expect(phone).toMatchObject({
			status: 400,
			body: { invalid_params: [{ name: 'phone', reason: 'is not a mobile number (text messages need one)' }] }
		});
		const address = await patch(t.key, 'K-7', { street: 'Kerkstraat 1' });
		expect(address.status).toBe(400);
		expect(address.body.invalid_params.map((p: { name: string }) => p.name).sort()).toEqual(['city', 'postcode']);
		const channel = await patch(t.key, 'K-7', { preferred_channel: 'letter' });
		expect(channel.body.invalid_params).toEqual([
			{ name: 'preferred_channel', pointer: '/preferred_channel', reason: expect.stringMatching(/postal address/) }
		]);
		expect((await patch(t.key, 'K-7', { email: null, preferred_channel: 'email' })).status).toBe(400);
		expect((await patch(t.key, 'K-7', {})).status).toBe(400);
		expect((await patch(t.key, 'K-404', { locale: 'de' })).status).toBe(404);
		const [row] = await db.select().from(debtors).where(eq(debtors.id, t.d.id));
		expect(row).toMatchObject({ phone: null, street: null, preferredChannel: null, email: 'sanne@example.nl' });
	});
});

describe('GET /api/v1/claims/{reference}/payments and /plans', () => {
	it('lists the claim’s payments and its plans with instalments, only the merchant’s', async () => {
		const { db } = database;
		const t = await tenant(db);
		const other = await tenant(db);
		const [p] = await db
			.insert(payments)
			.values({
				merchantId: t.merchantId,
				debtorId: t.d.id,
				status: 'paid',
				amountCents: 5000,
				currency: 'EUR',
				method: 'ideal',
				paidAt: new Date('2026-12-01T10:00:00Z')
			})
			.returning();
		await db.insert(paymentClaims).values({ paymentId: p.id, claimId: t.c.id });
		await db
			.insert(payments)
			.values({ merchantId: t.merchantId, debtorId: t.d.id, status: 'creating', amountCents: 5000, currency: 'EUR' });
		const [plan] = await db
			.insert(plans)
			.values({
				merchantId: t.merchantId,
				debtorId: t.d.id,
				status: 'active',
				collection: 'pay_by_link',
				frequency: 'monthly',
				terms: 2,
				totalCents: 5000,
				currency: 'EUR'
			})
			.returning();
		await db.insert(planClaims).values({ planId: plan.id, claimId: t.c.id });
		await db.insert(instalments).values([
			{ planId: plan.id, number: 1, dueOn: '2026-12-01', amountCents: 2500, status: 'paid', paidAt: new Date('2026-12-01T10:00:00Z') },
			{ planId: plan.id, number: 2, dueOn: '2027-01-01', amountCents: 2500 }
		]);
		const pays = await documented(
			'GET',
			'/claims/{reference}/payments',
			await getPayments(ctx, req('GET', '/claims/F-100/payments', t.key), 'F-100')
		);
		expect(pays.body.payments).toEqual([
			expect.objectContaining({ status: 'paid', amount_cents: 5000, method: 'ideal', paid_at: '2026-12-01T10:00:00.000Z' })
		]);
		const pl = await documented('GET', '/claims/{reference}/plans', await getPlans(ctx, req('GET', '/claims/F-100/plans', t.key), 'F-100'));
		expect(pl.body.plans).toEqual([
			expect.objectContaining({
				status: 'active',
				terms: 2,
				instalments: [
					expect.objectContaining({ number: 1, status: 'paid' }),
					expect.objectContaining({ number: 2, status: 'scheduled', paid_at: null })
				]
			})
		]);
		const theirs = await documented(
			'GET',
			'/claims/{reference}/plans',
			await getPlans(ctx, req('GET', '/claims/F-100/plans', other.key), 'F-100')
		);
		expect(theirs.body.plans).toEqual([]);
		expect(
			(await documented('GET', '/claims/{reference}/payments', await getPayments(ctx, req('GET', '/claims/F-9/payments', t.key), 'F-9')))
				.status
		).toBe(404);
	});
});

// The REST API: keys, problem documents, idempotency, tenant isolation — every answer checked against the OpenAPI document.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../src/lib/server/db/client';
import { claims, debtors, timelineEvents } from '../../src/lib/server/db/schema';
import { getClaim, getDebtor, postClaims, type ApiContext } from '../../src/lib/server/api/handlers';
import * as keys from '../../src/lib/server/api/keys';
import { openapi } from '../../src/lib/server/api/openapi';
import * as portal from '../../src/lib/server/portal/service';
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
	return { merchantId: m.id, key, keyId: id };
}

function post(key: string | null, body: unknown, headers: Record<string, string> = {}) {
	return new Request('http://app.test/api/v1/claims', {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
}
const get = (key: string, path: string) => new Request(`http://app.test/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } });

/** Every answer must be one the OpenAPI document describes. */
async function documented(method: string, template: string, response: Response) {
	expect(await checkResponse(doc, method, template, response)).toEqual([]);
	return { status: response.status, type: response.headers.get('content-type'), body: await response.json() };
}
const create = async (key: string | null, body: unknown, headers: Record<string, string> = {}) =>
	documented('POST', '/claims', await postClaims(ctx, post(key, body, headers)));

const body = (over: Record<string, unknown> = {}) => ({
	debtor: { customer_ref: 'K-1', name: 'Sanne de Vries', email: 'sanne@example.test', locale: 'nl' },
	claims: [
		{ reference: 'F-1', description: 'Abonnement oktober', amount_cents: 2495, issued_on: '2026-10-01', due_on: '2026-10-15' },
		{
			reference: 'F-2',
			description: 'Abonnement november',
			amount_cents: 2495,
			currency: 'EUR',
			issued_on: '2026-11-01',
			due_on: '2026-11-15'
		}
	],
	...over
});

describe('POST /api/v1/claims', () => {
	it('creates the debtor and claims and returns the personal link once; sending it again changes nothing', async () => {
		const { db } = database;
		const a = await tenant(db);
		const first = await create(a.key, body());
		expect(first.status).toBe(201);
		expect(first.body).toMatchObject({
			debtor: { customer_ref: 'K-1', created: true },
			claims: [
				{ reference: 'F-1', created: true },
				{ reference: 'F-2', created: true }
			]
		});
		const token = first.body.link.url.replace('http://app.test/d/', '');
		expect(await portal.open(db, token, { locale: 'nl' })).not.toBeNull();
		const events = await db
			.select()
			.from(timelineEvents)
			.where(and(eq(timelineEvents.merchantId, a.merchantId), eq(timelineEvents.type, 'claim.received')));
		expect(events.map((e) => e.payload).sort((x, y) => String(x.reference).localeCompare(String(y.reference)))).toEqual([
			{ source: 'api', reference: 'F-1' },
			{ source: 'api', reference: 'F-2' }
		]);
		expect(events[0].actor).toBe(`api:${a.keyId}`);

		const again = await create(a.key, body());
		expect(again).toMatchObject({
			status: 200,
			body: { debtor: { created: false }, claims: [{ created: false }, { created: false }], link: null }
		});
		const more = await create(
			a.key,
			body({ claims: [{ reference: 'F-3', description: 'December', amount_cents: 100, issued_on: '2026-12-01', due_on: '2026-12-15' }] })
		);
		expect(more).toMatchObject({
			status: 201,
			body: { debtor: { created: false }, claims: [{ reference: 'F-3', created: true }], link: null }
		});
		const [n] = await db.select({ n: count() }).from(claims).where(eq(claims.merchantId, a.merchantId));
		expect(n.n).toBe(3);
	});

	it('answers invalid input with a problem document that names every field by its path', async () => {
		const { db } = database;
		const a = await tenant(db);
		const bad = await create(a.key, {
			debtor: { customer_ref: '', name: 'X', email: 'nope', locale: 'es' },
			claims: [
				{ reference: 'F-1', description: 'x', amount_cents: 12.5, issued_on: '2026-13-01', due_on: '2026-10-15' },
				{ reference: 'F-2' }
			]
		});
		expect(bad.status).toBe(400);
		expect(bad.type).toBe('application/problem+json');
		expect(bad.body).toMatchObject({
			type: 'http://app.test/api/v1/problems/validation',
			title: expect.any(String),
			status: 400,
			detail: expect.any(String)
		});
		expect(bad.body.invalid_params.map((p: { pointer: string }) => p.pointer).sort()).toEqual([
			'/claims/0/amount_cents',
			'/claims/0/issued_on',
			'/claims/1/amount_cents',
			'/claims/1/description',
			'/claims/1/due_on',
			'/claims/1/issued_on',
			'/debtor/customer_ref',
			'/debtor/email',
			'/debtor/locale'
		]);
		expect((await create(a.key, '{"debtor":')).body).toMatchObject({ status: 400, type: 'http://app.test/api/v1/problems/bad_json' });
		const twice = await create(a.key, body({ claims: [body().claims[0], body().claims[0]] }));
		expect(twice.body.invalid_params).toEqual([
			{ name: 'claims.1.reference', pointer: '/claims/1/reference', reason: expect.stringContaining('claims.0') }
		]);
		const [n] = await db.select({ n: count() }).from(debtors).where(eq(debtors.merchantId, a.merchantId));
		expect(n.n).toBe(0);
	});

	it('creates nothing when one reference is already used with other details (409)', async () => {
		const { db } = database;
		const a = await tenant(db);
		await create(a.key, body({ claims: [body().claims[0]] }));
		const clash = await create(a.key, {
			debtor: { customer_ref: 'K-2', name: 'Tom' },
			claims: [
				{ ...body().claims[1], reference: 'F-9' },
				{ ...body().claims[0], amount_cents: 999 }
			]
		});
		expect(clash).toMatchObject({ status: 409, body: { invalid_params: [{ pointer: '/claims/1/reference' }] } });
		const rows = await db.select().from(debtors).where(eq(debtors.merchantId, a.merchantId));
		expect(rows.map((d) => d.customerRef)).toEqual(['K-1']);
	});

	it('honours an Idempotency-Key: the same request gets the same answer, another request with it a 422', async () => {
		const { db } = database;
		const a = await tenant(db);
		const key = { 'idempotency-key': 'order-7781' };
		const [x, y] = await Promise.all([create(a.key, body(), key), create(a.key, body(), key)]);
		const [first, replay] = x.body.link.url ? [x, y] : [y, x];
		expect(first.status).toBe(201);
		expect(replay.status).toBe(201);
		// The link's token is never stored, so a replay carries everything but the URL.
		expect(replay.body).toEqual({ ...first.body, link: { ...first.body.link, url: null } });
		const reordered = {
			claims: body().claims,
			debtor: { locale: 'nl', email: 'sanne@example.test', name: 'Sanne de Vries', customer_ref: 'K-1' }
		};
		expect((await create(a.key, reordered, key)).body).toEqual(replay.body);
		const other = await create(a.key, body({ claims: [body().claims[0]] }), key);
		expect(other).toMatchObject({
			status: 422,
			type: 'application/problem+json',
			body: { type: 'http://app.test/api/v1/problems/idempotency_key_reused' }
		});
		const [n] = await db.select({ n: count() }).from(claims).where(eq(claims.merchantId, a.merchantId));
		expect(n.n).toBe(2);
		// Keys belong to one merchant: another merchant may use the same key for their own request.
		const b = await tenant(db);
		expect((await create(b.key, body({ claims: [body().claims[0]] }), key)).status).toBe(201);
	});
});

describe('keys and tenants', () => {
	it('refuses a missing, malformed, unknown or revoked key with 401 and a problem document', async () => {
		const { db } = database;
		const a = await tenant(db);
		for (const key of [null, 'nonsense', `clt_${'A'.repeat(43)}`]) {
			const r = await postClaims(ctx, post(key, body()));
			expect(r.headers.get('www-authenticate')).toContain('Bearer');
			expect((await documented('POST', '/claims', r)).body).toMatchObject({
				status: 401,
				type: 'http://app.test/api/v1/problems/unauthorized'
			});
		}
		expect(await keys.revoke(db, a.merchantId, a.keyId)).toBe(true);
		expect((await create(a.key, body())).status).toBe(401);
		expect((await documented('GET', '/claims/{reference}', await getClaim(ctx, get(a.key, '/claims/F-1'), 'F-1'))).status).toBe(401);
	});

	it("lets a key read its own merchant's claims and debtors only, never a link", async () => {
		const { db } = database;
		const a = await tenant(db);
		const b = await tenant(db);
		await create(a.key, body());
		const claim = await documented('GET', '/claims/{reference}', await getClaim(ctx, get(a.key, '/claims/F-1'), 'F-1'));
		expect(claim).toMatchObject({
			status: 200,
			body: { reference: 'F-1', customer_ref: 'K-1', amount_cents: 2495, open_cents: 2495, currency: 'EUR', status: 'open' }
		});
		const debtor = await documented('GET', '/debtors/{customer_ref}', await getDebtor(ctx, get(a.key, '/debtors/K-1'), 'K-1'));
		expect(debtor.body).toMatchObject({ customer_ref: 'K-1', name: 'Sanne de Vries', balance: [{ currency: 'EUR', amount_cents: 4990 }] });
		expect(debtor.body.claims.map((c: { reference: string }) => c.reference)).toEqual(['F-1', 'F-2']);
		expect(JSON.stringify(debtor.body)).not.toMatch(/\/d\//);

		// Merchant B's key: A's claim and debtor are simply not there.
		const theirs = await documented('GET', '/claims/{reference}', await getClaim(ctx, get(b.key, '/claims/F-1'), 'F-1'));
		expect(theirs).toMatchObject({ status: 404, type: 'application/problem+json' });
		expect((await documented('GET', '/debtors/{customer_ref}', await getDebtor(ctx, get(b.key, '/debtors/K-1'), 'K-1'))).status).toBe(404);
		// And B may use the same references for its own claims.
		expect((await create(b.key, body())).status).toBe(201);
		expect((await getClaim(ctx, get(a.key, '/claims/F-1'), 'F-1')).status).toBe(200);
	});
});

describe('rate limits per key', () => {
	// A fixed clock, so the counts and Retry-After are exact. 3 per 60 s: 3 at once, then one more every 20 s.
	const at = (seconds: number) => new Date(Date.UTC(2026, 9, 15, 9, 30, seconds));
	const limited = (now: Date): ApiContext => ({ ...ctx, now, rateLimit: { limit: 3, windowSeconds: 60 } });

	it('answers the request over the limit with 429, a problem document and Retry-After, and does none of it', async () => {
		const { db } = database;
		const a = await tenant(db);
		const remaining: (string | null)[] = [];
		for (let i = 0; i < 3; i++) {
			const r = await getClaim(limited(at(10)), get(a.key, '/claims/F-1'), 'F-1');
			expect((await documented('GET', '/claims/{reference}', r)).status).toBe(404);
			expect(r.headers.get('ratelimit-policy')).toBe('"per-key";q=3;w=60');
			remaining.push(r.headers.get('ratelimit'));
		}
		expect(remaining).toEqual(['"per-key";r=2;t=20', '"per-key";r=1;t=40', '"per-key";r=0;t=60']);

		const refused = await postClaims(limited(at(20)), post(a.key, body()));
		expect(refused.headers.get('retry-after')).toBe('10');
		expect(refused.headers.get('ratelimit')).toBe('"per-key";r=0;t=50');
		const problem = await documented('POST', '/claims', refused);
		expect(problem).toMatchObject({
			status: 429,
			type: 'application/problem+json',
			body: {
				type: 'http://app.test/api/v1/problems/rate_limited',
				status: 429,
				retry_after: 10,
				detail: expect.stringContaining('10 seconds')
			}
		});
		const [n] = await db.select({ n: count() }).from(debtors).where(eq(debtors.merchantId, a.merchantId));
		expect(n.n).toBe(0);

		// Another key, of the same merchant or another, has its own count.
		const user = await make.user(db, a.merchantId, { role: 'owner' });
		const second = await keys.create(db, { merchantId: a.merchantId, userId: user.id }, 'Webshop');
		expect((await postClaims(limited(at(21)), post(second.key, body()))).status).toBe(201);
		const b = await tenant(db);
		expect((await getDebtor(limited(at(22)), get(b.key, '/debtors/K-1'), 'K-1')).status).toBe(404);

		// The count refills as time passes: at 70 s the whole limit is back (this post is the first of three).
		const later = await postClaims(limited(at(70)), post(a.key, body()));
		expect(later.status).toBe(200);
		expect(later.headers.get('ratelimit')).toBe('"per-key";r=2;t=20');
	});

	it('lets exactly the limit through when requests arrive at once', async () => {
		const { db } = database;
		const a = await tenant(db);
		const answers = await Promise.all(Array.from({ length: 7 }, () => getDebtor(limited(at(5)), get(a.key, '/debtors/K-9'), 'K-9')));
		expect(answers.map((r) => r.status).sort()).toEqual([404, 404, 404, 429, 429, 429, 429]);
	});
});

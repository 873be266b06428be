// Issue 23's small findings: each one a request an outsider or a link holder can send, answered without a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../src/lib/server/db/client';
import * as keys from '../../src/lib/server/api/keys';
import type { ApiContext } from '../../src/lib/server/api/handlers';
import { postClaims } from '../../src/lib/server/api/handlers';
import { patchDebtor, postPaid } from '../../src/lib/server/api/verbs';
import { and, eq, like } from 'drizzle-orm';
import { debtors as debtorsTable, timelineEvents } from '../../src/lib/server/db/schema';
import * as plans from '../../src/lib/server/plans/service';
import * as portal from '../../src/lib/server/portal/service';
import { recordWatch } from '../../src/lib/server/video/events';
import { send } from '../../src/lib/server/support/messages';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
let ctx: ApiContext;
beforeAll(async () => {
	database = await testDatabase();
	ctx = { db: database.db, origin: 'http://app.test', ttlDays: 30 };
});
afterAll(async () => {
	await database?.close();
});

async function tenant(db: Db) {
	const m = await make.merchant(db);
	const user = await make.user(db, m.id, { role: 'owner' });
	const { key } = await keys.create(db, { merchantId: m.id, userId: user.id }, 'Boekhouding');
	const d = await make.debtor(db, m.id, { customerRef: 'K-7', name: 'Sanne de Vries', email: 'sanne@example.nl', locale: 'nl' });
	await make.claim(db, { merchantId: m.id, debtorId: d.id }, { reference: 'F-100', amountCents: 5000, dueOn: '2026-11-20' });
	return { key };
}

/** `{"a":{"a":…}}` nested `depth` deep, written as text: JSON.stringify of such an object would itself overflow. */
const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

function req(method: string, path: string, key: string, text: string, idempotencyKey: string) {
	return new Request(`http://app.test/api/v1${path}`, {
		method,
		headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': idempotencyKey },
		body: text
	});
}

describe('Idempotency-Key with a deeply nested JSON body', () => {
	it('hashes what was validated: an unknown deep field neither overflows nor changes the answer', async () => {
		const t = await tenant(database.db);
		const deep = nested(150_000);
		const first = await postPaid(ctx, req('POST', '/claims/F-100/paid', t.key, `{"reason":"Contant","x":${deep}}`, 'deep-1'), 'F-100');
		expect(first.status).toBe(200);
		// The same validated body, with or without the unknown field, is the same request.
		const again = await postPaid(ctx, req('POST', '/claims/F-100/paid', t.key, `{"reason":"Contant"}`, 'deep-1'), 'F-100');
		expect(again.status).toBe(200);
		expect(again.headers.get('idempotent-replayed')).toBe('true');
		const patched = await patchDebtor(
			ctx,
			req('PATCH', '/debtors/K-7', t.key, `{"email":"sanne.nieuw@example.nl","x":${deep}}`, 'deep-2'),
			'K-7'
		);
		expect(patched.status).toBe(200);
	});

	it('answers a problem document, never a 500, when the nesting itself is the body', async () => {
		const t = await tenant(database.db);
		const deep = nested(150_000);
		const claims = await postClaims(ctx, req('POST', '/claims', t.key, deep, 'deep-3'));
		expect(claims.status).toBe(400);
		expect(claims.headers.get('content-type')).toContain('application/problem+json');
		const paid = await postPaid(ctx, req('POST', '/claims/F-100/paid', t.key, `[${deep}]`, 'deep-4'), 'F-100');
		expect(paid.status).toBe(400);
		expect(paid.headers.get('content-type')).toContain('application/problem+json');
	});
});

describe('timeline rows a link holder adds by using the page', () => {
	it('are counted like messages: at most 100 a day per debtor, then nothing is written until the day has passed', async () => {
		const { db } = database;
		const m = await make.merchant(db);
		const d = await make.debtor(db, m.id, { name: 'Piet Lus' });
		await make.claim(db, { merchantId: m.id, debtorId: d.id }, { reference: 'L-1', amountCents: 4000, dueOn: '2026-11-01' });
		const who = { merchantId: m.id, debtorId: d.id };
		const rows = async () =>
			(
				await db
					.select({ id: timelineEvents.id })
					.from(timelineEvents)
					.where(and(eq(timelineEvents.debtorId, d.id), like(timelineEvents.type, 'video.%')))
			).length +
			(
				await db
					.select({ id: timelineEvents.id })
					.from(timelineEvents)
					.where(and(eq(timelineEvents.debtorId, d.id), eq(timelineEvents.type, 'language.changed')))
			).length +
			(
				await db
					.select({ id: timelineEvents.id })
					.from(timelineEvents)
					.where(and(eq(timelineEvents.debtorId, d.id), eq(timelineEvents.type, 'options.viewed')))
			).length;
		const now = new Date('2026-12-01T10:00:00Z');
		const video = 'a'.repeat(40);
		const beacons: boolean[] = [];
		for (let i = 0; i < 60; i++) beacons.push(await recordWatch(db, who, { event: 'started', video }, now));
		for (let i = 0; i < 30; i++) await portal.switchLanguage(db, who, { from: 'nl', to: i % 2 ? 'nl' : 'en', now });
		for (let i = 0; i < 30; i++) await plans.optionsViewed(db, who, true, now);
		for (let i = 0; i < 30; i++) beacons.push(await recordWatch(db, who, { event: 'completed', video }, now));
		expect(await rows()).toBe(100);
		expect(beacons.filter((b) => !b)).toHaveLength(30);
		// A language switch over the limit still switches: only its row is left out.
		await portal.switchLanguage(db, who, { from: 'nl', to: 'de', now });
		expect((await db.select({ locale: debtorsTable.locale }).from(debtorsTable).where(eq(debtorsTable.id, d.id)))[0].locale).toBe('de');
		expect(await rows()).toBe(100);
		// The debtor's own messages have their own count, untouched by this one.
		const sent = await send(db, who, { kind: 'question', claimId: null, body: 'Hoe zit het?', attachment: null }, now);
		expect(sent.ok).toBe(true);
		// A day later the holder may add rows again.
		expect(await recordWatch(db, who, { event: 'started', video }, new Date(now.getTime() + 24 * 3600_000))).toBe(true);
	});
});

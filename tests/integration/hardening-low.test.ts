// Issue 23's small findings: each one a request an outsider or a link holder can send, answered without a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../src/lib/server/db/client';
import * as keys from '../../src/lib/server/api/keys';
import type { ApiContext } from '../../src/lib/server/api/handlers';
import { postClaims } from '../../src/lib/server/api/handlers';
import { patchDebtor, postPaid } from '../../src/lib/server/api/verbs';
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

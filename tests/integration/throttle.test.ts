// Every limit is counted before the work it limits, atomically, so concurrent requests (a connection pool on
// PostgreSQL, several processes) cannot slip past it; and no client gets twice the limit across a clock boundary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client';
import * as accounts from '../../src/lib/server/accounts/service';
import * as linkService from '../../src/lib/server/links/service';
import { wrongLink } from '../../src/lib/server/portal/guard';
import * as privacy from '../../src/lib/server/portal/privacy';
import * as throttle from '../../src/lib/server/throttle';
import { jar } from '../helpers/cookies';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

async function statusOf(promise: Promise<unknown>) {
	try {
		await promise;
		return 200;
	} catch (e) {
		if (isHttpError(e)) return e.status;
		throw e;
	}
}
const tally = (xs: (string | number)[]) => xs.reduce<Record<string, number>>((t, x) => ({ ...t, [x]: (t[x] ?? 0) + 1 }), {});

describe('limits hold under concurrency', () => {
	it('checks no more than the limit of 15 simultaneous wrong passwords for one account', async () => {
		const m = await make.merchant(database.db);
		const email = `race-${crypto.randomUUID().slice(0, 8)}@example.test`;
		await accounts.createUser(database.db, { merchantId: m.id, email, name: 'Anna', role: 'owner', password: 'the right password' });
		const limits = {
			account: { scope: `race-account-${crypto.randomUUID()}`, limit: 10, windowSeconds: 900 },
			client: { scope: `race-client-${crypto.randomUUID()}`, limit: 50, windowSeconds: 900 }
		};
		const now = new Date('2026-11-22T10:00:00Z');
		const results = await Promise.all(
			Array.from({ length: 15 }, (_, i) =>
				accounts.signIn(database.db, { email, password: `wrong ${i}`, client: `198.51.100.${i}` }, limits, now)
			)
		);
		expect(tally(results.map((r) => r.kind))).toEqual({ wrong: 10, throttled: 5 });
	});

	it('checks no more than the limit of simultaneous wrong privacy answers for one link', async () => {
		const { db } = database;
		const m = await make.merchant(db, { privacyCheck: 'postcode' });
		const d = await make.debtor(db, m.id, { postcode: '1234AB' });
		await make.claim(db, { merchantId: m.id, debtorId: d.id });
		const now = new Date('2026-11-22T10:00:00Z');
		const { token } = await linkService.issue(db, d.id, 30, now);
		const results = await Promise.all(
			Array.from({ length: 12 }, (_, i) =>
				privacy.confirm(db, token, `000${i} AA`, { client: `10.9.0.${i}`, cookies: jar(), secure: false }, now)
			)
		);
		expect(tally(results.map((r) => r.outcome))).toEqual({ wrong: privacy.PER_LINK.limit, throttled: 12 - privacy.PER_LINK.limit });
	});

	it('answers exactly the limit of simultaneous wrong links with 404, the rest with 429', async () => {
		const now = new Date('2026-11-22T10:00:00Z');
		const statuses = await Promise.all(Array.from({ length: 30 }, () => statusOf(wrongLink(database.db, '203.0.113.50', now))));
		expect(tally(statuses)).toEqual({ 404: 20, 429: 10 });
	});
});

describe('no double limit across a clock boundary', () => {
	it('lets no more than the limit through in any window, however it lines up with the clock', async () => {
		const limit = { scope: `boundary-${crypto.randomUUID()}`, limit: 20, windowSeconds: 600 };
		const before = await Promise.all(
			Array.from({ length: 20 }, () => throttle.take(database.db, limit, 'c', new Date('2026-11-22T10:09:59Z')))
		);
		expect(before.every((t) => t.allowed)).toBe(true);
		const after = await Promise.all(
			Array.from({ length: 20 }, () => throttle.take(database.db, limit, 'c', new Date('2026-11-22T10:10:00Z')))
		);
		expect(after.filter((t) => t.allowed)).toHaveLength(0);
	});

	it('refuses 20 more wrong links one second after 20 wrong links', async () => {
		const client = '203.0.113.60';
		for (let i = 0; i < 20; i++) expect(await statusOf(wrongLink(database.db, client, new Date('2026-11-22T10:09:59Z')))).toBe(404);
		const next = await Promise.all(
			Array.from({ length: 20 }, () => statusOf(wrongLink(database.db, client, new Date('2026-11-22T10:10:00Z'))))
		);
		expect(tally(next)).toEqual({ 429: 20 });
	});
});

describe('what the store keeps', () => {
	it('keeps no plain SHA-256 of a client address, so a list of addresses cannot be checked against it', async () => {
		const client = '203.0.113.77';
		await statusOf(wrongLink(database.db, client, new Date('2026-11-22T10:00:00Z')));
		const { createHash } = await import('node:crypto');
		const plain = createHash('sha256').update(client).digest('hex').slice(0, 32);
		const rows = await database.db.execute(sql`select * from throttles`).catch(() => database.db.execute(sql`select * from rate_limits`));
		const dump = JSON.stringify(rows);
		expect(dump.length).toBeGreaterThan(10);
		expect(dump).not.toContain(plain);
	});
});

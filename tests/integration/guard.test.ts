// Wrong link guesses are throttled per client, with counts shared through the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import type { Database } from '../../src/lib/server/db/client';
import { wrongLink } from '../../src/lib/server/portal/guard';
import * as throttle from '../../src/lib/server/throttle';
import { testDatabase } from '../helpers/db';

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

describe('link guessing', () => {
	it('answers 404 for each wrong guess, then 429 for that client only', async () => {
		const { db } = database;
		for (let i = 0; i < 20; i++) {
			expect(await statusOf(wrongLink(db, '203.0.113.7'))).toBe(404);
		}
		expect(await statusOf(wrongLink(db, '203.0.113.7'))).toBe(429);
		expect(await statusOf(wrongLink(db, '203.0.113.7'))).toBe(429);
		expect(await statusOf(wrongLink(db, '198.51.100.1'))).toBe(404);
	});

	it('opens up again in the next window', async () => {
		const { db } = database;
		const limit = { scope: 'test', limit: 2, windowSeconds: 60 };
		const t0 = new Date('2026-11-22T10:00:05Z');
		await throttle.recordHit(db, limit, 'client', t0);
		await throttle.recordHit(db, limit, 'client', t0);
		expect(await throttle.isBlocked(db, limit, 'client', t0)).toEqual({ retryAfterSeconds: 55 });
		expect(await throttle.isBlocked(db, limit, 'client', new Date('2026-11-22T10:01:01Z'))).toBeNull();
	});

	it('counts concurrent hits without losing any', async () => {
		const { db } = database;
		const limit = { scope: 'race', limit: 50, windowSeconds: 600 };
		const now = new Date('2026-11-22T10:00:00Z');
		await Promise.all(Array.from({ length: 50 }, () => throttle.recordHit(db, limit, 'burst', now)));
		expect(await throttle.isBlocked(db, limit, 'burst', now)).not.toBeNull();
	});
});

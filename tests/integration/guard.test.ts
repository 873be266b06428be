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
	// A fixed clock: a test that runs across a minute or a window boundary must not change its outcome.
	const now = new Date('2026-11-22T10:09:59.500Z');

	it('answers 404 for each wrong guess, then 429 for that client only', async () => {
		const { db } = database;
		for (let i = 0; i < 20; i++) {
			expect(await statusOf(wrongLink(db, '203.0.113.7', now))).toBe(404);
		}
		expect(await statusOf(wrongLink(db, '203.0.113.7', now))).toBe(429);
		expect(await statusOf(wrongLink(db, '203.0.113.7', now))).toBe(429);
		expect(await statusOf(wrongLink(db, '198.51.100.1', now))).toBe(404);
	});

	it('lets one more through every window / limit, never a whole new limit at once', async () => {
		const { db } = database;
		const limit = { scope: 'test', limit: 2, windowSeconds: 60 };
		const t0 = new Date('2026-11-22T10:00:05Z');
		expect((await throttle.take(db, limit, 'client', t0)).allowed).toBe(true);
		expect((await throttle.take(db, limit, 'client', t0)).allowed).toBe(true);
		const refused = await throttle.take(db, limit, 'client', t0);
		expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 30, resetSeconds: 60 });
		const at = (s: number) => new Date(t0.getTime() + s * 1000);
		expect((await throttle.take(db, limit, 'client', at(29))).allowed).toBe(false);
		expect((await throttle.take(db, limit, 'client', at(30))).allowed).toBe(true);
		expect((await throttle.take(db, limit, 'client', at(31))).allowed).toBe(false);
		// Long enough idle, and the whole limit is there again.
		expect((await throttle.take(db, limit, 'client', at(200))).remaining).toBe(1);
	});

	it('counts concurrent hits without losing any', async () => {
		const { db } = database;
		const limit = { scope: 'race', limit: 50, windowSeconds: 600 };
		const taken = await Promise.all(Array.from({ length: 60 }, () => throttle.take(db, limit, 'burst', now)));
		expect(taken.filter((t) => t.allowed)).toHaveLength(50);
		expect(
			taken
				.map((t) => t.remaining)
				.filter((r) => r > 0)
				.sort((a, b) => a - b)
		).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
	});
});

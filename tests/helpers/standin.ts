// The Mollie stand-in for integration tests: the official client's requests are answered in-process,
// and the stand-in's webhooks reach the payments service as they would reach the app.
import { http, HttpResponse } from 'msw';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database, Db } from '../../src/lib/server/db/client';
import { testDatabase } from './db';
import { installStandin, standinContext, uninstallStandin } from '../../src/lib/server/mollie-standin/install';
import * as settlement from '../../src/lib/server/settlement/service';

export const APP_ORIGIN = 'http://app.test';

export function useStandin(db: Db, clock: { now: Date } = { now: new Date() }) {
	const webhooks: string[] = [];
	installStandin({ db, origin: APP_ORIGIN, now: () => clock.now, advance: (ms) => (clock.now = new Date(clock.now.getTime() + ms)) }, [
		http.post(`${APP_ORIGIN}/api/webhooks/mollie`, async ({ request }) => {
			const id = new URLSearchParams(await request.text()).get('id') ?? '';
			webhooks.push(id);
			const outcome = await settlement.onWebhook(db, id);
			return new HttpResponse(null, { status: outcome === 'retry' ? 503 : 200 });
		})
	]);
	return { webhooks, clock, stop: uninstallStandin, ctx: standinContext()! };
}

/** Waits until a condition holds (webhooks are delivered asynchronously, like Mollie's). */
export async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 5000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (ok(value) || Date.now() > deadline) return value;
		await new Promise((r) => setTimeout(r, 25));
	}
}

export type Standin = ReturnType<typeof useStandin>;

/**
 * For a whole test file: a fresh database with the stand-in in front of it, both gone after the last test.
 * The stand-in's clock starts at the real time again before each test.
 */
export function useStandinDatabase() {
	const env = {} as { database: Database; db: Db; standin: Standin };
	beforeAll(async () => {
		env.database = await testDatabase();
		env.db = env.database.db;
		env.standin = useStandin(env.db);
	});
	beforeEach(() => {
		env.standin.clock.now = new Date();
	});
	afterAll(async () => {
		env.standin?.stop();
		await env.database?.close();
	});
	return env;
}

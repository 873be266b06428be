// The embedded demo: created once, fresh links printed on every start, old links still working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client';
import { claims, debtors, merchants } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import * as portal from '../../src/lib/server/portal/service';
import { testDatabase } from '../helpers/db';

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

describe('demo data', () => {
	it('covers different situations and survives a restart without duplicates', async () => {
		const { db } = database;
		const first = await seedDemo(db, 30);
		const second = await seedDemo(db, 30);
		expect(first).toHaveLength(5);
		const [[m], [d], [c]] = await Promise.all([
			db.select({ n: count() }).from(merchants),
			db.select({ n: count() }).from(debtors),
			db.select({ n: count() }).from(claims)
		]);
		expect({ merchants: m.n, debtors: d.n, claims: c.n }).toEqual({ merchants: 1, debtors: 5, claims: 8 });

		const views = await Promise.all(first.map((l) => portal.open(db, l.token, { locale: 'nl' })));
		const totals = views.map((v) => v?.balance.total.amountCents);
		expect(totals).toEqual([2495, 11440, 1234567, 2495, 0]);
		// Emma asked support a question, once however often the demo starts; it holds nothing.
		expect(views.map((v) => v?.messages.length)).toEqual([0, 0, 0, 1, 0]);
		expect(views[3]?.messages[0]).toMatchObject({ kind: 'question', status: 'open' });
		// Links from the earlier start keep working next to the new ones.
		expect(await portal.open(db, second[0].token, { locale: 'nl' })).not.toBeNull();
		expect(second[0].token).not.toBe(first[0].token);
	});
});

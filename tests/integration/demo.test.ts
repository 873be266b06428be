// The embedded demo: created once, fresh links printed on every start, old links still working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client';
import { claims, debtors, merchants } from '../../src/lib/server/db/schema';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { ensureDemoPlan } from '../../src/lib/server/demo/plan';
import { ensureDemoHandover } from '../../src/lib/server/demo/handover';
import { handovers } from '../../src/lib/server/db/schema';
import { replayDemoOutreach } from '../../src/lib/server/demo/outreach';
import { outboxMessages } from '../../src/lib/server/db/schema';
import { emailChannel } from '../../src/lib/server/outreach/channels';
import { localTransport } from '../../src/lib/server/outreach/transport';
import { useStandin } from '../helpers/standin';
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
		expect(first).toHaveLength(6);
		const [[m], [d], [c]] = await Promise.all([
			db.select({ n: count() }).from(merchants),
			db.select({ n: count() }).from(debtors),
			db.select({ n: count() }).from(claims)
		]);
		expect({ merchants: m.n, debtors: d.n, claims: c.n }).toEqual({ merchants: 1, debtors: 6, claims: 9 });

		const views = await Promise.all(first.map((l) => portal.open(db, l.token, { locale: 'nl' })));
		const totals = views.map((v) => v?.balance.total.amountCents);
		expect(totals).toEqual([2495, 11440, 1234567, 2495, 0, 17985]);
		// Emma asked support a question, once however often the demo starts; it holds nothing.
		expect(views.map((v) => v?.messages.length)).toEqual([0, 0, 0, 1, 0, 0]);
		expect(views[3]?.messages[0]).toMatchObject({ kind: 'question', status: 'open' });
		// Links from the earlier start keep working next to the new ones.
		expect(await portal.open(db, second[0].token, { locale: 'nl' })).not.toBeNull();
		expect(second[0].token).not.toBe(first[0].token);
	});

	it(
		'shows the engine at work: the last weeks of reminders, a receipt and a SEPA pre-notification in the outbox',
		{ timeout: 120_000 },
		async () => {
			const { db } = database;
			const standin = useStandin(db);
			try {
				const links = await seedDemo(db, 30);
				const lotte = links.find((l) => l.plan)!;
				expect(await ensureDemoPlan(db, lotte.token, 'http://app.test')).toBe(true);
				// A restart makes no second plan.
				expect(await ensureDemoPlan(db, lotte.token, 'http://app.test')).toBe(false);
				const channels = { email: emailChannel(localTransport, 'berichten@coulant.test') };
				await replayDemoOutreach(db, {
					origin: 'http://app.test',
					mailDomain: 'coulant.test',
					from: 'berichten@coulant.test',
					linkTtlDays: 30,
					channels
				});
				const rows = await db.select().from(outboxMessages);
				const kinds = new Set(rows.filter((r) => r.status !== 'canceled').map((r) => r.kind));
				for (const kind of ['link', 'reminder', 'receipt', 'pre_debit_notice']) expect(kinds).toContain(kind);
				const receipt = rows.find((r) => r.kind === 'receipt')!;
				expect(receipt.status).toBe('sent');
				expect(rows.find((r) => r.kind === 'pre_debit_notice')!.text).toContain('De Groene Fiets');
			} finally {
				standin.stop();
			}
		}
	);

	it('has a hand-over waiting for a decision, once, however often it starts', async () => {
		const { db } = database;
		await seedDemo(db, 30);
		expect(await ensureDemoHandover(db)).toBe(true);
		expect(await ensureDemoHandover(db)).toBe(true);
		const rows = await db.select().from(handovers);
		expect(rows.map((r) => r.status)).toEqual(['proposed']);
	});
});

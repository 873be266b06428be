// Collection costs after the 14-day letter (art. 6:96 BW), on a real database and a real SMTP server: never before the
// term has ended, only when the merchant turned them on, on what the letter named and is still open, once.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client';
import { claims } from '../../src/lib/server/db/schema';
import { followEvents } from '../../src/lib/server/outreach/events';
import { planAll } from '../../src/lib/server/outreach/plan';
import { sendDue } from '../../src/lib/server/outreach/send';
import { smtpTransport, type Transport } from '../../src/lib/server/outreach/transport';
import * as timeline from '../../src/lib/server/timeline/queries';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

const ORIGIN = 'http://app.test';
const options = { origin: ORIGIN, mailDomain: 'coulant.test' };
const at = (day: string, hour: number) => new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10), hour - 1));
const dayAfter = (n: number) => new Date(Date.UTC(2026, 10, 2 + n)).toISOString().slice(0, 10);

let database: Database;
let smtp: TestSmtp;
let transport: Transport;
beforeAll(async () => {
	database = await testDatabase();
	smtp = await startSmtp();
	transport = smtpTransport(smtp.url, { maxConnections: 2, timeoutMs: 3000 });
});
afterAll(async () => {
	transport?.close();
	await smtp?.close();
	await database?.close();
});
beforeEach(() => {
	smtp.received.length = 0;
});

const day = async (now: Date) => {
	await planAll(database.db, options, now);
	await followEvents(database.db, options, now);
	await sendDue(database.db, { transport, origin: ORIGIN, mailFrom: 'berichten@coulant.test', linkTtlDays: 365 }, () => now);
};

/** Every day at nine (and once more at three) from the due date, 2 November, up to and including `until`. */
async function live(until: string, each: (day: string) => Promise<void> = async () => {}) {
	for (let n = 0; dayAfter(n) <= until; n++) {
		await day(at(dayAfter(n), 9));
		await day(at(dayAfter(n), 15));
		await each(dayAfter(n));
	}
}

async function owing(email: string, amountCents: number, collectionCosts: boolean) {
	const { db } = database;
	const m = await make.merchant(db, {
		displayName: 'De Groene Fiets',
		tone: 'friendly',
		outreach: { policy: { collectionCosts } } as never
	});
	const d = await make.debtor(db, m.id, { name: 'Sanne de Vries', email });
	const c = await make.claim(
		db,
		{ merchantId: m.id, debtorId: d.id },
		{ reference: `F-${email.slice(0, 4)}`, description: 'Fietsonderhoud', amountCents, dueOn: '2026-11-02' }
	);
	return { m, d, c };
}

const costsOf = (debtorId: string) =>
	database.db
		.select()
		.from(claims)
		.where(and(eq(claims.debtorId, debtorId), eq(claims.kind, 'collection_costs')));

describe('collection costs after the 14-day letter', () => {
	it('adds the statutory costs the day after the term ends, once, and the last notice asks for them', async () => {
		const { d, c } = await owing('kost@example.nl', 12_450, true);
		// The letter goes on 19 November; its term ends on 3 December: until then nothing is added.
		await live('2026-12-03', async (today) => {
			expect((await costsOf(d.id)).length, `no costs on ${today}`).toBe(0);
		});
		await live('2026-12-08');
		const added = await costsOf(d.id);
		expect(added).toHaveLength(1);
		// 15 % of € 124,50 is under the minimum: € 40,00, as the letter said.
		expect(added[0]).toMatchObject({ amountCents: 4_000, status: 'open', issuedOn: '2026-12-04' });
		expect(added[0].description).toBe(`Kosten voor het innen van ${c.reference} (incassokosten)`);
		const [event] = (await timeline.forDebtor(database.db, d.id, 200)).filter((e) => e.type === 'claim.collection_costs_added');
		expect(event.payload).toMatchObject({ amountCents: 4_000, principalCents: 12_450 });
		// The last notice (35 days after the due date, after the term) names the principal and the costs together.
		const last = smtp.received.find((r) => r.to.includes('kost@example.nl') && /164,50/.test(r.mail.text ?? ''));
		expect(last?.mail.text).toContain('Kosten voor het innen van');
	});

	it('counts them on what is still open at the end of the term, never more than the letter named', async () => {
		// € 3.000: the letter names 15 % of € 2.500 + 10 % of € 500 = € 425,00.
		const { d, c } = await owing('deel@example.nl', 300_000, true);
		await live('2026-11-25');
		const letter = smtp.received.find((r) => r.to.includes('deel@example.nl') && /425,00/.test(r.mail.text ?? ''));
		expect(letter, 'the 14-day letter names € 425,00').toBeDefined();
		// € 1.000 paid within the term: € 2.000 left, 15 % of it is € 300,00.
		await database.db.update(claims).set({ amountPaidCents: 100_000 }).where(eq(claims.id, c.id));
		await live('2026-12-05');
		expect((await costsOf(d.id)).map((k) => k.amountCents)).toEqual([30_000]);
	});

	it('adds nothing when the merchant has not turned costs on, or when the debtor paid within the term', async () => {
		const off = await owing('uit@example.nl', 12_450, false);
		const paid = await owing('betaald@example.nl', 12_450, true);
		await live('2026-11-30');
		await database.db.update(claims).set({ status: 'paid', amountPaidCents: 12_450 }).where(eq(claims.id, paid.c.id));
		await live('2026-12-08');
		expect(await costsOf(off.d.id)).toHaveLength(0);
		expect(await costsOf(paid.d.id)).toHaveLength(0);
	});
});

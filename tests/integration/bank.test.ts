// Bank matching: CAMT.053 files in, claims paid outside Coulant, the journey stopped; twice is once; wrong files change nothing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../src/lib/server/db/client';
import { bankEntries, bankImports, claims, outboxMessages, timelineEvents } from '../../src/lib/server/db/schema';
import * as bank from '../../src/lib/server/bank/service';
import { planAll } from '../../src/lib/server/outreach/plan';
import type { Scope } from '../../src/lib/server/accounts/scope';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

const file = (name: string) => ({ bytes: readFileSync(resolve(import.meta.dirname, '../fixtures/bank', name)), name });
const at = (day: string) => new Date(`${day}T09:00:00Z`);

/** A shop with the claims the Rabobank fixture pays: one exactly, one by amount and name, one in part. */
async function shop(db: Db) {
	const m = await make.merchant(db, { displayName: 'De Groene Fiets' });
	const u = await make.user(db, m.id, { role: 'owner' });
	const scope: Scope = { merchantId: m.id, userId: u.id, role: 'owner' };
	const sanne = await make.debtor(db, m.id, { name: 'Sanne de Vries', email: 'sanne@example.nl' });
	const jan = await make.debtor(db, m.id, { name: 'Jan Jansen', email: 'jan@example.nl' });
	const piet = await make.debtor(db, m.id, { name: 'Piet Bakker', email: 'piet@example.nl' });
	const paid = await make.claim(
		db,
		{ merchantId: m.id, debtorId: sanne.id },
		{ reference: 'F-2026-0042', amountCents: 2495, dueOn: '2026-11-20' }
	);
	const janClaim = await make.claim(
		db,
		{ merchantId: m.id, debtorId: jan.id },
		{ reference: 'F-2026-0050', amountCents: 6000, dueOn: '2026-11-20' }
	);
	const other = await make.claim(
		db,
		{ merchantId: m.id, debtorId: jan.id },
		{ reference: 'F-2026-0051', amountCents: 6000, dueOn: '2026-11-25' }
	);
	const part = await make.claim(
		db,
		{ merchantId: m.id, debtorId: piet.id },
		{ reference: 'F-2026-0077', amountCents: 4500, dueOn: '2026-11-20' }
	);
	return { m, scope, sanne, jan, piet, paid, janClaim, other, part };
}

const statusOf = async (id: string) =>
	(await database.db.select({ s: claims.status, paid: claims.amountPaidCents }).from(claims).where(eq(claims.id, id)))[0];
const events = (debtorId: string, type: string) =>
	database.db
		.select()
		.from(timelineEvents)
		.where(and(eq(timelineEvents.debtorId, debtorId), eq(timelineEvents.type, type)));
const outboxCount = async (debtorId: string) =>
	(await database.db.select({ n: count() }).from(outboxMessages).where(eq(outboxMessages.debtorId, debtorId)))[0].n;
const planDay = (day: string) => planAll(database.db, { origin: 'http://app.test', mailDomain: 'coulant.test' }, at(day));

describe('a CAMT.053 statement', () => {
	it('books a sure match as paid outside Coulant, with the reason on the timeline, and the journey asks nothing more', async () => {
		const { db } = database;
		const s = await shop(db);
		await planDay('2026-11-20');
		const before = await outboxCount(s.sanne.id);
		expect(before).toBeGreaterThan(0);

		const r = await bank.importStatement(db, s.scope, file('rabobank-camt053-v02.xml'), 'nl', at('2026-12-05'));
		expect(r).toEqual({ ok: true, credits: 4, booked: 1, review: 2, unmatched: 1, duplicates: 0, skipped: 2 });
		expect(await statusOf(s.paid.id)).toEqual({ s: 'paid', paid: 0 });
		const [ev] = await events(s.sanne.id, 'claim.paid_outside');
		expect(ev.claimId).toBe(s.paid.id);
		expect(String(ev.payload.reason).replace(/\s/g, ' ')).toBe(
			'Betaald buiten Coulant: overboeking van S. DE VRIES op 4 december 2026 (€ 24,95)'
		);
		expect(ev.payload).toMatchObject({ source: 'bank', amountCents: 2495, bookedOn: '2026-12-04', account: 'NL91ABNA0417164300' });

		// Days on which the journey would remind: nothing more is queued for the debtor who paid.
		for (const day of ['2026-11-23', '2026-11-30', '2026-12-07', '2026-12-14']) await planDay(day);
		expect(await outboxCount(s.sanne.id)).toBe(before);
		// Jan, who paid nothing the bank is sure of, is still reminded.
		expect(await outboxCount(s.jan.id)).toBeGreaterThan(0);
	});

	it('holds an unsure match for an agent with its candidates, who books it; a partial one becomes a part payment', async () => {
		const { db } = database;
		const s = await shop(db);
		await bank.importStatement(db, s.scope, file('rabobank-camt053-v02.xml'), 'nl', at('2026-12-05'));
		const list = await bank.reviewList(db, s.scope);
		expect(list.map((e) => [e.amountCents, e.verdict, e.candidates.map((c) => c.reference)])).toEqual([
			[6000, 'unsure', ['F-2026-0050', 'F-2026-0051']],
			[1500, 'partial', ['F-2026-0077']]
		]);
		expect(list[0].candidates[0].evidence).toEqual(['amount_claim', 'name']);
		expect(await statusOf(s.janClaim.id)).toEqual({ s: 'open', paid: 0 });

		expect(await bank.bookEntry(db, s.scope, list[0].id, s.janClaim.id, 'en', at('2026-12-05'))).toBe('booked');
		expect(await statusOf(s.janClaim.id)).toEqual({ s: 'paid', paid: 0 });
		expect(await statusOf(s.other.id)).toEqual({ s: 'open', paid: 0 });
		const [ev] = await events(s.jan.id, 'claim.paid_outside');
		expect(ev.actor).toBe(`user:${s.scope.userId}`);
		expect(ev.payload.reason).toMatch(/^Paid outside Coulant: transfer from HR J JANSEN EO on 4 December 2026/);
		// Booked once: a second click does nothing.
		expect(await bank.bookEntry(db, s.scope, list[0].id, s.other.id, 'en')).toBe('gone');
		expect(await statusOf(s.other.id)).toEqual({ s: 'open', paid: 0 });

		expect(await bank.bookEntry(db, s.scope, list[1].id, s.part.id, 'nl')).toBe('part_booked');
		expect(await statusOf(s.part.id)).toEqual({ s: 'open', paid: 1500 });
		expect(await events(s.piet.id, 'claim.part_paid_outside')).toHaveLength(1);
		expect(await bank.reviewList(db, s.scope)).toEqual([]);
	});

	it('“not ours” takes a transfer off the list and books nothing', async () => {
		const { db } = database;
		const s = await shop(db);
		await bank.importStatement(db, s.scope, file('rabobank-camt053-v02.xml'), 'nl');
		const [first] = await bank.reviewList(db, s.scope);
		expect(await bank.dismissEntry(db, s.scope, first.id)).toBe('dismissed');
		expect((await bank.reviewList(db, s.scope)).map((e) => e.id)).not.toContain(first.id);
		expect(await statusOf(s.janClaim.id)).toEqual({ s: 'open', paid: 0 });
	});

	it('books nothing twice: the same file is refused, and a transfer another file brings again is counted, not booked', async () => {
		const { db } = database;
		const s = await shop(db);
		await bank.importStatement(db, s.scope, file('rabobank-camt053-v02.xml'), 'nl');
		const again = await bank.importStatement(db, s.scope, file('rabobank-camt053-v02.xml'), 'nl');
		expect(again).toMatchObject({ ok: false, problem: 'duplicate_file' });
		// The same statement saved again by the bank's export (other bytes, the same transfers).
		const resaved = {
			name: 'copy.xml',
			bytes: Buffer.from(file('rabobank-camt053-v02.xml').bytes.toString('utf8').replace('06:12:44', '07:00:00'))
		};
		const overlap = await bank.importStatement(db, s.scope, resaved, 'nl');
		expect(overlap).toMatchObject({ ok: true, booked: 0, review: 0, duplicates: 4 });
		expect(await events(s.sanne.id, 'claim.paid_outside')).toHaveLength(1);
		const [n] = await db.select({ n: count() }).from(bankEntries).where(eq(bankEntries.merchantId, s.m.id));
		expect(n.n).toBe(4);
	});

	it('refuses what is not a statement with its reason and changes nothing', async () => {
		const { db } = database;
		const s = await shop(db);
		for (const [name, problem] of [
			['camt052-report.xml', 'camt052'],
			['camt054-notification.xml', 'camt054'],
			['empty-statement.xml', 'empty'],
			['pain001-payment-order.xml', 'not_statement'],
			['claims.csv', 'not_xml'],
			['garbage.bin', 'not_xml'],
			['truncated.xml', 'not_xml']
		] as const)
			expect(await bank.importStatement(db, s.scope, file(name), 'nl'), name).toMatchObject({ ok: false, problem });
		const [imports] = await db.select({ n: count() }).from(bankImports).where(eq(bankImports.merchantId, s.m.id));
		expect(imports.n).toBe(0);
		expect(await statusOf(s.paid.id)).toEqual({ s: 'open', paid: 0 });
	});

	it('keeps to the merchant: another shop’s claims are no candidates and its agent cannot book or see a transfer', async () => {
		const { db } = database;
		const a = await shop(db);
		const b = await shop(db);
		await bank.importStatement(db, a.scope, file('rabobank-camt053-v02.xml'), 'nl');
		// The same reference at shop b is untouched by shop a's statement.
		expect(await statusOf(b.paid.id)).toEqual({ s: 'open', paid: 0 });
		const [waiting] = await bank.reviewList(db, a.scope);
		expect(await bank.reviewList(db, b.scope)).toEqual([]);
		expect(await bank.bookEntry(db, b.scope, waiting.id, b.janClaim.id, 'nl')).toBe('gone');
		expect(await bank.bookEntry(db, a.scope, waiting.id, b.janClaim.id, 'nl')).toBe('not_open');
		expect(await bank.dismissEntry(db, b.scope, waiting.id)).toBe('gone');
		expect(await statusOf(b.janClaim.id)).toEqual({ s: 'open', paid: 0 });
		// Shop b may read the same file for its own account.
		expect(await bank.importStatement(db, b.scope, file('rabobank-camt053-v02.xml'), 'nl')).toMatchObject({ ok: true, booked: 1 });
	});

	it('matches an ING camt.053.001.08 by its structured creditor reference and reads a batch as its transfers', async () => {
		const { db } = database;
		const s = await shop(db);
		const d = await make.debtor(db, s.m.id, { name: 'Ayşe Öztürk' });
		const c = await make.claim(db, { merchantId: s.m.id, debtorId: d.id }, { reference: 'INV881', amountCents: 14900 });
		const g = await make.claim(db, { merchantId: s.m.id, debtorId: d.id }, { reference: 'INV-902', amountCents: 5000 });
		const r = await bank.importStatement(db, s.scope, file('ing-camt053-v08.xml'), 'nl');
		expect(r).toMatchObject({ ok: true, credits: 3, booked: 2, unmatched: 1 });
		expect((await statusOf(c.id)).s).toBe('paid');
		expect((await statusOf(g.id)).s).toBe('paid');
	});

	it('reads an MT940 statement the same way: the sure match booked, the unsure one waiting', async () => {
		const { db } = database;
		const s = await shop(db);
		const r = await bank.importStatement(db, s.scope, file('rabobank-mt940.sta'), 'nl');
		expect(r).toEqual({ ok: true, credits: 2, booked: 1, review: 1, unmatched: 0, duplicates: 0, skipped: 1 });
		expect(await statusOf(s.paid.id)).toEqual({ s: 'paid', paid: 0 });
		expect(await bank.importStatement(db, s.scope, file('rabobank-mt940.sta'), 'nl')).toMatchObject({
			ok: false,
			problem: 'duplicate_file'
		});
	});
});

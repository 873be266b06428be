// CSV import into the console: all or nothing, a report that names every bad line, idempotent on references.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../src/lib/server/db/client';
import { claims, debtors, imports, links, timelineEvents } from '../../src/lib/server/db/schema';
import { importCsv } from '../../src/lib/server/claims/service';
import { STAGE_BATCH as BATCH } from '../../src/lib/server/claims/staging';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

async function owner(db: Db) {
	const m = await make.merchant(db);
	const user = await make.user(db, m.id, { role: 'owner' });
	return { merchantId: m.id, userId: user.id };
}

async function* chunks(text: string, size = 4096) {
	const b = Buffer.from(text);
	for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function counts(db: Db, merchantId: string) {
	const n = async (table: typeof debtors | typeof claims | typeof timelineEvents | typeof imports) =>
		(await db.select({ n: count() }).from(table).where(eq(table.merchantId, merchantId)))[0].n;
	const [l] = await db
		.select({ n: count() })
		.from(links)
		.innerJoin(debtors, eq(debtors.id, links.debtorId))
		.where(eq(debtors.merchantId, merchantId));
	return { debtors: await n(debtors), claims: await n(claims), events: await n(timelineEvents), imports: await n(imports), links: l.n };
}

const GOOD =
	'\uFEFFklantnummer;naam;e-mail;kenmerk;omschrijving;bedrag;factuurdatum;vervaldatum\r\n' +
	'K1;Sanne de Vries;sanne@example.test;F1;Abonnement oktober;24,95;01-10-2026;15-10-2026\r\n' +
	'K1;Sanne de Vries;sanne@example.test;F2;Abonnement november;1.024,95;01-11-2026;15-11-2026\r\n' +
	'K2;"Tom ""de"" Bakker";;F3;"Reparatie; wiel";12.50;2026-10-01;2026-10-31\r\n';

describe('a good CSV file', () => {
	it("writes to a debtor without a language in the merchant's default, and marks it as not given", async () => {
		const { db } = database;
		const m = await make.merchant(db, { defaultLocale: 'de' });
		const user = await make.user(db, m.id, { role: 'owner' });
		const csv =
			'klantnummer;naam;kenmerk;omschrijving;bedrag;factuurdatum;vervaldatum;taal\r\n' +
			'D1;Jonas Weber;G1;Abo;10,00;01-10-2026;15-10-2026;\r\n' +
			'D2;Emma Clarke;G2;Abo;10,00;01-10-2026;15-10-2026;en\r\n';
		expect(await importCsv(db, { merchantId: m.id, userId: user.id }, chunks(csv), 30)).toMatchObject({ ok: true, debtorsCreated: 2 });
		const rows = await db.select().from(debtors).where(eq(debtors.merchantId, m.id)).orderBy(debtors.customerRef);
		expect(rows.map((d) => [d.customerRef, d.locale, d.localeGiven])).toEqual([
			['D1', 'de', false],
			['D2', 'en', true]
		]);
	});

	it('creates debtors, claims, a personal link per new debtor and timeline events; the same file again changes nothing', async () => {
		const { db } = database;
		const scope = await owner(db);
		const result = await importCsv(db, scope, chunks(GOOD, 10), 30);
		expect(result).toMatchObject({ ok: true, rows: 3, debtorsCreated: 2, claimsCreated: 3, claimsExisting: 0, importedBefore: null });
		expect(await counts(db, scope.merchantId)).toEqual({ debtors: 2, claims: 3, links: 2, imports: 1, events: 5 });
		const rows = await db.select().from(claims).where(eq(claims.merchantId, scope.merchantId)).orderBy(claims.reference);
		expect(rows.map((c) => [c.reference, c.amountCents, c.dueOn])).toEqual([
			['F1', 2495, '2026-10-15'],
			['F2', 102495, '2026-11-15'],
			['F3', 1250, '2026-10-31']
		]);
		const [tom] = await db
			.select()
			.from(debtors)
			.where(and(eq(debtors.merchantId, scope.merchantId), eq(debtors.customerRef, 'K2')));
		expect(tom.name).toBe('Tom "de" Bakker');
		const events = await db
			.select()
			.from(timelineEvents)
			.where(and(eq(timelineEvents.merchantId, scope.merchantId), eq(timelineEvents.type, 'claim.received')));
		expect(events.map((e) => e.payload).toSorted((a, b) => String(a.reference).localeCompare(String(b.reference)))).toEqual([
			{ source: 'csv', reference: 'F1' },
			{ source: 'csv', reference: 'F2' },
			{ source: 'csv', reference: 'F3' }
		]);
		expect(JSON.stringify(events)).not.toContain('Sanne');

		const again = await importCsv(db, scope, chunks(GOOD), 30);
		expect(again).toMatchObject({ ok: true, rows: 3, debtorsCreated: 0, claimsCreated: 0, claimsExisting: 3 });
		expect(again.ok && again.importedBefore).toBeTruthy();
		expect(await counts(db, scope.merchantId)).toMatchObject({ debtors: 2, claims: 3, links: 2, events: 5 });
	});

	it('adds claims to an existing debtor matched on customer_ref, without a new link or changing their details', async () => {
		const { db } = database;
		const scope = await owner(db);
		const existing = await make.debtor(db, scope.merchantId, { customerRef: 'K1', name: 'Sanne (al bekend)' });
		const result = await importCsv(db, scope, chunks(GOOD), 30);
		expect(result).toMatchObject({ ok: true, debtorsCreated: 1, claimsCreated: 3 });
		const mine = await db.select().from(claims).where(eq(claims.debtorId, existing.id));
		expect(mine.map((c) => c.reference).sort()).toEqual(['F1', 'F2']);
		expect((await db.select().from(debtors).where(eq(debtors.id, existing.id)))[0].name).toBe('Sanne (al bekend)');
		expect(await db.select().from(links).where(eq(links.debtorId, existing.id))).toEqual([]);
	});

	it('keeps tabs, line breaks, backslashes and quotes in a cell exactly as written', async () => {
		const { db } = database;
		const scope = await owner(db);
		const tricky = 'Regel 1\nRegel 2\twith a tab, a \\ backslash, \\N and "quotes"';
		const csv = `customer_ref,name,reference,description,amount,issued_on,due_on\nK1,"Jan \\ de Wit",F1,"${tricky.replaceAll('"', '""')}",10.00,2026-10-01,2026-10-15\n`;
		expect(await importCsv(db, scope, chunks(csv), 30)).toMatchObject({ ok: true, claimsCreated: 1 });
		const [claim] = await db.select().from(claims).where(eq(claims.merchantId, scope.merchantId));
		expect(claim.description).toBe(tricky);
		const [jan] = await db.select().from(debtors).where(eq(debtors.merchantId, scope.merchantId));
		expect(jan.name).toBe('Jan \\ de Wit');
		expect(jan.email).toBeNull();
	});

	it('imports a file of several batches in one go', async () => {
		const { db } = database;
		const scope = await owner(db);
		const lines = ['customer_ref,name,reference,description,amount,issued_on,due_on'];
		const n = BATCH * 10 + 7;
		for (let i = 0; i < n; i++) lines.push(`C${i % 700},Klant ${i % 700},R${i},Abo,${(i % 90) + 10}.00,2026-10-01,2026-10-15`);
		const result = await importCsv(db, scope, chunks(lines.join('\n')), 30);
		expect(result).toMatchObject({ ok: true, rows: n, debtorsCreated: 700, claimsCreated: n });
		expect(await counts(db, scope.merchantId)).toMatchObject({ debtors: 700, claims: n, links: 700, events: n + 700 });
	});
});

describe('a bad CSV file', () => {
	it('imports nothing and names every bad line and field, including duplicates across batches', async () => {
		const { db } = database;
		const scope = await owner(db);
		const lines = ['customer_ref;name;reference;description;amount;currency;issued_on;due_on'];
		for (let i = 0; i < BATCH + 200; i++) lines.push(`C${i};Klant ${i};R${i};Abo;10,00;EUR;2026-10-01;2026-10-15`);
		lines[5] = 'C4;Klant;R4;Abo;10,0,0;EUR;2026-10-01;2026-10-15';
		lines[7] = 'C6;;R6;Abo;10;EUR;31-02-2026;2026-10-15';
		lines[BATCH + 100] = 'C9;Klant;R1;Abo;10;EUR;2026-10-01;2026-10-15';
		const result = await importCsv(db, scope, chunks(lines.join('\r\n')), 30);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.map((p) => [p.line, p.field, p.code, p.value])).toEqual([
			[6, 'amount', 'amount', '10,0,0'],
			[8, 'name', 'required', undefined],
			[8, 'issued_on', 'date', '31-02-2026'],
			[BATCH + 101, 'reference', 'duplicate', '3']
		]);
		expect(await counts(db, scope.merchantId)).toEqual({ debtors: 0, claims: 0, links: 0, imports: 0, events: 0 });
	});

	it('answers a stray quote in an unquoted cell, or a binary file, with a report line and imports nothing', async () => {
		const { db } = database;
		const scope = await owner(db);
		const quote =
			'customer_ref,name,reference,description,amount,issued_on,due_on\nK1,Sanne,F1,Band 28" wiel,10.00,2026-10-01,2026-10-15\n';
		expect(await importCsv(db, scope, chunks(quote), 30)).toMatchObject({
			ok: false,
			problems: [{ line: 2, field: null, code: 'quotes' }]
		});
		const binary = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256));
		const result = await importCsv(
			db,
			scope,
			(async function* () {
				yield binary;
			})(),
			30
		);
		expect(result.ok).toBe(false);
		expect(JSON.stringify(result)).not.toContain('\\u00');
		expect(await counts(db, scope.merchantId)).toEqual({ debtors: 0, claims: 0, links: 0, imports: 0, events: 0 });
	});

	it('refuses a NUL byte in a cell as an encoding problem instead of failing the upload', async () => {
		const { db } = database;
		const scope = await owner(db);
		const csv =
			'customer_ref,name,reference,description,amount,issued_on,due_on\nK1,Sanne,F1,Abo\u0000nnement,10.00,2026-10-01,2026-10-15\n';
		const result = await importCsv(db, scope, chunks(csv), 30);
		expect(result).toMatchObject({ ok: false, problems: [{ line: 2, field: 'description', code: 'encoding' }] });
		expect(await counts(db, scope.merchantId)).toEqual({ debtors: 0, claims: 0, links: 0, imports: 0, events: 0 });
	});

	it('names duplicates and references already taken in the same report as the other problems, in line order', async () => {
		const { db } = database;
		const scope = await owner(db);
		await importCsv(
			db,
			scope,
			chunks('customer_ref,name,reference,description,amount,issued_on,due_on\nK1,Sanne,F1,Abo,99.00,2026-10-01,2026-10-15\n'),
			30
		);
		const before = await counts(db, scope.merchantId);
		const csv = [
			'customer_ref,name,reference,description,amount,issued_on,due_on',
			'K2,Tom,F2,Abo,10.00,2026-10-01,2026-10-15',
			'K2,Tom,F1,Abo,10.00,2026-10-01,2026-10-15',
			'K2,Tom,F3,Abo,tien,2026-10-01,2026-10-15',
			'K2,Tom,F2,Abo,10.00,2026-10-01,2026-10-15'
		].join('\n');
		const result = await importCsv(db, scope, chunks(csv), 30);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.problems.map((p) => [p.line, p.code])).toEqual([
			[3, 'reference_taken'],
			[4, 'amount'],
			[5, 'duplicate']
		]);
		expect(result.totalProblems).toBe(3);
		expect(await counts(db, scope.merchantId)).toEqual(before);
	});

	it('refuses a reference that is already used for another claim, and imports nothing else', async () => {
		const { db } = database;
		const scope = await owner(db);
		await importCsv(
			db,
			scope,
			chunks('customer_ref,name,reference,description,amount,issued_on,due_on\nK1,Sanne,F1,Abo,99.00,2026-10-01,2026-10-15\n'),
			30
		);
		const before = await counts(db, scope.merchantId);
		const result = await importCsv(db, scope, chunks(GOOD), 30);
		expect(result).toMatchObject({ ok: false, problems: [{ line: 2, field: 'reference', code: 'reference_taken' }] });
		expect(await counts(db, scope.merchantId)).toEqual(before);
	});

	it('keeps merchants apart: the same references and customer numbers belong to each merchant on their own', async () => {
		const { db } = database;
		const a = await owner(db);
		const b = await owner(db);
		expect(await importCsv(db, a, chunks(GOOD), 30)).toMatchObject({ ok: true, claimsCreated: 3 });
		expect(await importCsv(db, b, chunks(GOOD), 30)).toMatchObject({ ok: true, claimsCreated: 3, debtorsCreated: 2 });
		expect(await counts(db, a.merchantId)).toMatchObject({ debtors: 2, claims: 3 });
	});
});

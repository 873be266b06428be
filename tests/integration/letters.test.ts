// Printed letters: a step that goes by letter is handed to the print queue; the print file is a real PDF with the
// letter's words as text, the address in the envelope window and a QR code that opens the debtor's own page; only the
// merchant's own staff get it; "printed" is recorded once. Addresses come in through the CSV import, checked.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDay } from '../../src/lib/domain/format';
import { DEFAULT_JOURNEY } from '../../src/lib/domain/outreach/journey';
import { termEndsOn } from '../../src/lib/domain/outreach/planner';
import { importCsv } from '../../src/lib/server/claims/service';
import type { Database } from '../../src/lib/server/db/client';
import { debtors, links, outboxMessages, users } from '../../src/lib/server/db/schema';
import { replayDemoOutreach } from '../../src/lib/server/demo/outreach';
import { seedDemo, seedDemoOwner } from '../../src/lib/server/demo/seed';
import * as letters from '../../src/lib/server/letters/service';
import { hashToken } from '../../src/lib/server/links/token';
import { emailChannel, letterChannel } from '../../src/lib/server/outreach/channels';
import { planAll } from '../../src/lib/server/outreach/plan';
import { sendDue } from '../../src/lib/server/outreach/send';
import { localTransport } from '../../src/lib/server/outreach/transport';
import * as timeline from '../../src/lib/server/timeline/queries';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

const ORIGIN = 'http://app.test';
const CHANNELS = ['email', 'letter'] as const;
const O = { origin: ORIGIN, linkTtlDays: 365 };
/** A moment on the Amsterdam clock in winter (UTC+1). */
const at = (day: string, hour: number) => new Date(`${day}T${String(hour - 1).padStart(2, '0')}:00:00Z`);
const run = promisify(execFile);

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

const ADDRESS = { street: 'Kerkstraat 12a', postcode: '3512AB', city: 'Utrecht', country: 'NL' };

/** A merchant whose journey is one step on the due day, by `channel`; a debtor owing €124,50 since 2 November. */
/** A 64 × 64 PNG logo in the brand colour with a white bar, as a merchant may upload. */
function pngLogo() {
	const png = new PNG({ width: 64, height: 64 });
	for (let y = 0; y < 64; y++)
		for (let x = 0; x < 64; x++)
			png.data.set(y > 26 && y < 38 && x > 10 && x < 54 ? [255, 255, 255, 255] : [31, 111, 67, 255], (y * 64 + x) * 4);
	return PNG.sync.write(png);
}

async function owing(over: { kind?: 'link' | 'fourteen_day'; locale?: string; address?: boolean; channel?: 'letter' | 'preferred' } = {}) {
	const { db } = database;
	const step = {
		...DEFAULT_JOURNEY.steps[0],
		id: 'only',
		kind: over.kind ?? 'link',
		channel: over.channel ?? 'letter',
		tone: over.kind === 'fourteen_day' ? 'formal' : 'merchant'
	};
	const m = await make.merchant(db, {
		displayName: 'De Groene Fiets',
		brandColor: '#1f6f43',
		contactPhone: '030 123 45 67',
		logo: pngLogo(),
		logoType: 'image/png',
		logoHash: 'testlogo',
		tone: 'friendly',
		outreach: { journey: { steps: [step] }, policy: { costs: { letterCents: 95 } } } as never
	});
	const owner = await make.user(db, m.id, { role: 'owner' });
	const d = await make.debtor(db, m.id, {
		name: 'Zoë van den Berg',
		email: null,
		preferredChannel: 'letter',
		locale: over.locale ?? 'nl',
		...(over.address === false ? {} : ADDRESS)
	});
	await make.claim(
		db,
		{ merchantId: m.id, debtorId: d.id },
		{ description: 'Fiets huur november', amountCents: 12_450, dueOn: '2026-11-02' }
	);
	return { m, d, scope: { merchantId: m.id, userId: owner.id, role: 'owner' as const } };
}

async function handToPrint(now: Date) {
	await planAll(database.db, { origin: ORIGIN, mailDomain: 'coulant.test', channels: CHANNELS }, now);
	return sendDue(
		database.db,
		{ channels: { letter: letterChannel(() => 95) }, origin: ORIGIN, mailFrom: 'berichten@coulant.test', linkTtlDays: 365 },
		() => now
	);
}

let dumped = 0;
async function printFile(scope: Parameters<typeof letters.writePrintFile>[1], until: Date, duplex = false) {
	const out = new PassThrough();
	const chunks: Buffer[] = [];
	out.on('data', (c: Buffer) => chunks.push(c));
	const done = await letters.writePrintFile(database.db, scope, until, out, { ...O, duplex }, until);
	const pdf = Buffer.concat(chunks);
	// LETTERS_DUMP=/some/dir keeps each print file, to look at (pdftoppm -png).
	if (process.env.LETTERS_DUMP && done.letters) await writeFile(join(process.env.LETTERS_DUMP, `print-${++dumped}.pdf`), pdf);
	return { ...done, pdf };
}

async function textOf(pdf: Buffer) {
	const doc = await getDocumentProxy(new Uint8Array(pdf));
	const { totalPages, text } = await extractText(doc, { mergePages: false });
	return { pages: totalPages, text: text.map((t) => t.replace(/\s+/g, ' ')) };
}

/** Page 1 rendered by poppler at 150 dpi, and the QR code on it read back. */
async function qrOf(pdf: Buffer): Promise<string | null> {
	const dir = await mkdtemp(join(tmpdir(), 'letter-'));
	try {
		await writeFile(join(dir, 'l.pdf'), pdf);
		await run('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', join(dir, 'l.pdf'), join(dir, 'p')]);
		const png = PNG.sync.read(
			await readFile(
				join(
					dir,
					(await readdir(dir)).find((f) => f.endsWith('.png'))!
				)
			)
		);
		return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)?.data ?? null;
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

describe('a letter', () => {
	it('is handed to print, and the print file has it as one A4 page of text with the QR code opening the debtor’s page', async () => {
		const { d, scope } = await owing();
		const now = at('2026-11-02', 10);
		expect((await handToPrint(now)).sent).toBe(1);
		const [row] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.debtorId, d.id));
		expect(row).toMatchObject({ channel: 'letter', status: 'sent', transport: 'print', costCents: 95, printedAt: null });
		expect(row.toAddress).toBe('Zoë van den Berg\nKerkstraat 12a\n3512 AB  UTRECHT');

		const queue = await letters.waiting(database.db, scope);
		expect(queue).toMatchObject({ total: 1, owed: 1 });
		const file = await printFile(scope, at('2026-11-02', 12));
		expect(file).toMatchObject({ letters: 1, pages: 1 });
		expect(file.pdf.subarray(0, 5).toString()).toBe('%PDF-');
		const { pages, text } = await textOf(file.pdf);
		expect(pages).toBe(1);
		for (const words of [
			'De Groene Fiets',
			'Zoë van den Berg',
			'Kerkstraat 12a',
			'3512 AB UTRECHT',
			'2 november 2026',
			'Fiets huur november',
			'030 123 45 67'
		])
			expect(text[0]).toContain(words);
		expect(text[0]).toMatch(/€\s?124,50/);

		const link = await qrOf(file.pdf);
		expect(link).toMatch(/^http:\/\/app\.test\/d\/[A-Za-z0-9_-]{27}$/);
		expect(text[0]).toContain(link!);
		const [issued] = await database.db
			.select()
			.from(links)
			.where(eq(links.tokenHash, hashToken(link!.split('/d/')[1])));
		expect(issued).toMatchObject({ debtorId: d.id, messageId: row.id });
	});

	it('with many claims goes on to a second page, every claim and the total on it', async () => {
		const { m, d, scope } = await owing();
		for (let i = 1; i <= 40; i++)
			await make.claim(
				database.db,
				{ merchantId: m.id, debtorId: d.id },
				{ reference: `MANY-${d.id.slice(0, 6)}-${i}`, description: `Huur week ${i}`, amountCents: 1000, dueOn: '2026-11-02' }
			);
		await handToPrint(at('2026-11-02', 10));
		const file = await printFile(scope, at('2026-11-02', 12));
		expect(file).toMatchObject({ letters: 1, pages: 2 });
		expect(await printFile(scope, at('2026-11-02', 12), true)).toMatchObject({ letters: 1, pages: 2 });
		const { pages, text } = await textOf(file.pdf);
		expect(pages).toBe(2);
		const all = text.join(' ');
		for (let i = 1; i <= 40; i++) expect(all).toContain(`Huur week ${i} (`);
		expect(text[1]).toContain('Zoë van den Berg · pagina 2');
		expect(text[1]).toMatch(/Totaal open €\s?524,50/);
	});

	it('is only the merchant’s own: another merchant neither sees, downloads nor marks it', async () => {
		const { d, scope } = await owing();
		await handToPrint(at('2026-11-02', 10));
		const [row] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.debtorId, d.id));
		const other = await owing();
		expect(await letters.letterPdf(database.db, other.scope, row.id, O)).toBeNull();
		expect((await letters.waiting(database.db, other.scope)).rows.map((r) => r.id)).not.toContain(row.id);
		expect((await printFile(other.scope, at('2026-11-02', 12))).letters).toBe(0);
		expect(await letters.markPrinted(database.db, other.scope, at('2026-11-02', 12))).toEqual({ printed: 0, canceled: 0 });
		const [still] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.id, row.id));
		expect(still.printedAt).toBeNull();
		expect(await letters.letterPdf(database.db, scope, row.id, O)).toBeInstanceOf(Buffer);
	});

	it('is marked printed once, with one timeline entry, however often the button is pressed', async () => {
		const { d, scope } = await owing();
		await handToPrint(at('2026-11-02', 10));
		expect(await letters.markPrinted(database.db, scope, at('2026-11-02', 12))).toEqual({ printed: 1, canceled: 0 });
		expect(await letters.markPrinted(database.db, scope, at('2026-11-02', 12))).toEqual({ printed: 0, canceled: 0 });
		const events = (await timeline.forDebtor(database.db, d.id, 100)).filter((e) => e.type === 'outreach.printed');
		expect(events).toHaveLength(1);
		expect(events[0].actor).toBe(`user:${scope.userId}`);
		expect((await letters.waiting(database.db, scope)).total).toBe(0);
		expect((await letters.recentlyPrinted(database.db, scope)).map((r) => r.debtorId)).toEqual([d.id]);
	});

	it('as the 14-day letter names the collection costs and the end of the term in the words of the e-mail', async () => {
		const { scope } = await owing({ kind: 'fourteen_day' });
		await handToPrint(at('2026-11-02', 10));
		const { text } = await textOf((await printFile(scope, at('2026-11-02', 12))).pdf);
		// €124,50 owed: the statutory minimum of €40; the term ends as the planner and the e-mail count it.
		expect(text[0]).toMatch(/Die kosten zijn dan €\s?40,00/);
		expect(text[0]).toContain(`uiterlijk op ${formatDay(termEndsOn('2026-11-02'), 'nl')} te betalen`);
		expect(text[0]).toContain('Geachte Zoë van den Berg');
	});

	it('in Arabic is written right to left in a font with Arabic letters, and in English in English', async () => {
		const ar = await owing({ locale: 'ar' });
		const en = await owing({ locale: 'en' });
		await handToPrint(at('2026-11-02', 10));
		const arText = (await textOf((await printFile(ar.scope, at('2026-11-02', 12))).pdf)).text[0];
		expect(arText).toMatch(/[\u0600-\u06FF]/);
		expect(arText).toContain('Kerkstraat 12a');
		const enText = (await textOf((await printFile(en.scope, at('2026-11-02', 12))).pdf)).text[0];
		expect(enText).toContain('Scan the code with your phone camera');
	});

	it('without an address is not sent: the letter step is held with no_address', async () => {
		const { d, scope } = await owing({ address: false });
		await handToPrint(at('2026-11-02', 10));
		expect(await database.db.select().from(outboxMessages).where(eq(outboxMessages.debtorId, d.id))).toHaveLength(0);
		const held = (await timeline.forDebtor(database.db, d.id, 100)).filter((e) => e.type === 'outreach.held');
		expect(JSON.stringify(held)).toContain('no_address');
		expect((await letters.waiting(database.db, scope)).total).toBe(0);
	});

	it('is what a "preferred" step falls back to when there is no e-mail address', async () => {
		const { d } = await owing({ channel: 'preferred' });
		await database.db.update(debtors).set({ preferredChannel: null }).where(eq(debtors.id, d.id));
		await handToPrint(at('2026-11-02', 10));
		const [row] = await database.db.select().from(outboxMessages).where(eq(outboxMessages.debtorId, d.id));
		expect(row).toMatchObject({ channel: 'letter', status: 'sent' });
		expect(row.tried.map((t) => t.channel)).toContain('email');
	});
});

describe('the demo', () => {
	it('has a letter waiting to be printed after a start, for the debtor who is reached by letter', { timeout: 120_000 }, async () => {
		const { db } = database;
		await seedDemo(db, 30);
		const owner = await seedDemoOwner(db);
		const channels = { email: emailChannel(localTransport, 'berichten@coulant.test'), letter: letterChannel() };
		await replayDemoOutreach(db, { origin: ORIGIN, mailDomain: 'coulant.test', from: 'berichten@coulant.test', linkTtlDays: 30, channels });
		const [user] = await db.select().from(users).where(eq(users.email, owner.email));
		const scope = { merchantId: user.merchantId, userId: user.id, role: 'owner' as const };
		const queue = await letters.waiting(db, scope);
		expect(queue.owed).toBeGreaterThan(0);
		expect(queue.rows.map((r) => r.debtorName)).toContain('Mehmet Yılmaz');
		const { text } = await textOf((await printFile(scope, new Date())).pdf);
		expect(text[0]).toContain('Kanaalstraat 118-2');
		expect(text[0]).toContain('Mehmet Yılmaz');
	});
});

describe('addresses at the CSV import', () => {
	async function* chunks(text: string) {
		yield Buffer.from(text);
	}
	const HEADER = 'klantnummer;naam;straat;postcode;plaats;land;kanaal;kenmerk;omschrijving;bedrag;factuurdatum;vervaldatum\n';

	it('stores a checked address, the Dutch postcode without its space', async () => {
		const { scope } = await owing();
		const csv = HEADER + 'A1;Sanne de Vries;Kerkstraat 12a;1234 ab;Utrecht;;brief;AF-1;Abonnement;24,95;01-10-2026;15-10-2026\n';
		expect(await importCsv(database.db, scope, chunks(csv), 30)).toMatchObject({ ok: true, debtorsCreated: 1 });
		const [row] = await database.db.select().from(debtors).where(eq(debtors.customerRef, 'A1'));
		expect(row).toMatchObject({ street: 'Kerkstraat 12a', postcode: '1234AB', city: 'Utrecht', country: 'NL', preferredChannel: 'letter' });
	});

	it('names every bad line and imports nothing', async () => {
		const { scope } = await owing();
		const csv =
			HEADER +
			'B1;Tom Bakker;Dorpsweg 3;12345;Groningen;;;BF-1;Reparatie;10,00;01-10-2026;15-10-2026\n' +
			'B2;Eva Smit;Dorpsweg 4;;Groningen;;;BF-2;Reparatie;10,00;01-10-2026;15-10-2026\n' +
			'B3;Jan Peeters;Meir 1;2000;Antwerpen;BE;brief;BF-3;Reparatie;10,00;01-10-2026;15-10-2026\n' +
			'B4;Ali Yilmaz;;;;;brief;BF-4;Reparatie;10,00;01-10-2026;15-10-2026\n' +
			'B5;Lisa Mol;Laan 2;1234AB;Delft;Holland;;BF-5;Reparatie;10,00;01-10-2026;15-10-2026\n';
		const result = await importCsv(database.db, scope, chunks(csv), 30);
		expect(result).toMatchObject({
			ok: false,
			problems: [
				{ line: 2, field: 'postcode', code: 'postcode_nl' },
				{ line: 3, field: 'postcode', code: 'address_incomplete' },
				{ line: 5, field: 'preferred_channel', code: 'channel_needs_address' },
				{ line: 6, field: 'country', code: 'country' }
			]
		});
		expect(await database.db.select().from(debtors).where(eq(debtors.customerRef, 'B3'))).toHaveLength(0);
	});
});

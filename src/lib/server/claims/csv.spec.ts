import { describe, expect, it } from 'vitest';
import { parseDay } from '../../domain/schedule';
import { parseAmount } from '../../schemas/claims';
import { claimRows, detectSeparator, type CsvItem } from './csv';

async function* chunks(text: string | Buffer, size = 7) {
	const b = typeof text === 'string' ? Buffer.from(text) : text;
	for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

async function read(text: string | Buffer, size?: number) {
	const items: CsvItem[] = [];
	for await (const item of claimRows(chunks(text, size))) items.push(item);
	return {
		rows: items.flatMap((i) => (i.kind === 'row' ? [{ line: i.line, ...i.row }] : [])),
		problems: items.flatMap((i) => (i.kind === 'problem' ? [i.problem] : []))
	};
}

const HEADER = 'customer_ref,name,email,phone,postcode,birth_date,locale,reference,description,amount,currency,issued_on,due_on';

describe('amounts as people write them', () => {
	it.each([
		['1234.56', 123456],
		['1234,56', 123456],
		['1.234,56', 123456],
		['1,234.56', 123456],
		['1 234,56', 123456],
		['€ 12,5', 1250],
		['42', 4200],
		['1.234.567', 123456700],
		['0,01', 1]
	])('%s is %i cents', (text, cents) => expect(parseAmount(text)).toEqual({ cents }));

	it.each([
		['1.234', 'amount_ambiguous'],
		['1,234', 'amount_ambiguous'],
		['12,345', 'amount_ambiguous'],
		['12.3.4', 'amount'],
		['1,2,3', 'amount'],
		['1.234,5,6', 'amount'],
		['12.345,6789', 'amount'],
		['tien euro', 'amount'],
		['1,001', 'amount_ambiguous'],
		['-5', 'amount_positive'],
		['0,00', 'amount_positive'],
		['', 'amount']
	])('%s is refused (%s)', (text, problem) => expect(parseAmount(text)).toEqual({ problem }));

	it('knows currencies without cents', () => {
		expect(parseAmount('1500', 'JPY')).toEqual({ cents: 1500 });
		expect(parseAmount('15,50', 'JPY')).toEqual({ problem: 'amount' });
	});
});

describe('dates', () => {
	it('reads ISO and Dutch days and refuses days that do not exist', () => {
		expect(parseDay('2026-10-01')).toBe('2026-10-01');
		expect(parseDay('1-10-2026')).toBe('2026-10-01');
		expect(parseDay('01/10/2026')).toBe('2026-10-01');
		expect(parseDay('2026-02-30')).toBeNull();
		expect(parseDay('31-04-2026')).toBeNull();
		expect(parseDay('10/01/26')).toBeNull();
	});
});

describe('the CSV file', () => {
	it('detects the separator from the header line', () => {
		expect(detectSeparator('a;b;"c,d"')).toBe(';');
		expect(detectSeparator('a,b;c,d')).toBe(',');
		expect(detectSeparator('a\tb\tc')).toBe('\t');
	});

	it('reads a Dutch export: BOM, semicolons, Dutch headers, decimals and dates, quoted fields over lines', async () => {
		const csv =
			'\uFEFFKlantnummer;Naam;Kenmerk;Omschrijving;Bedrag;Factuurdatum;Vervaldatum;Taal\r\n' +
			'K1;"Jan; de ""Fietser""";F1;Abo;1.234,56;01-10-2026;15-10-2026;\r\n' +
			'\r\n' +
			'K2;Piet;F2;"twee\nregels";12,50;2026-10-01;2026-10-15;EN\r\n';
		for (const size of [3, 1000]) {
			const { rows, problems } = await read(csv, size);
			expect(problems).toEqual([]);
			expect(rows).toMatchObject([
				{
					line: 2,
					customer_ref: 'K1',
					name: 'Jan; de "Fietser"',
					reference: 'F1',
					amount_cents: 123456,
					currency: 'EUR',
					issued_on: '2026-10-01',
					due_on: '2026-10-15'
				},
				{ line: 5, customer_ref: 'K2', description: 'twee\nregels', amount_cents: 1250, locale: 'en' }
			]);
			// No language given: the merchant's default is used, and the debtor's browser may say better.
			expect(rows[0].locale).toBeUndefined();
		}
	});

	it('reads a comma file without BOM, plain decimals and optional columns', async () => {
		const csv = `${HEADER}\nC-1,Sanne,sanne@example.test,+31 6 1234 5678,1234 ab,1990-05-01,en,INV-1,"Order, 2 items",24.95,eur,2026-10-01,2026-10-15\n`;
		const { rows, problems } = await read(csv);
		expect(problems).toEqual([]);
		expect(rows[0]).toMatchObject({
			email: 'sanne@example.test',
			postcode: '1234AB',
			birth_date: '1990-05-01',
			amount_cents: 2495,
			currency: 'EUR',
			description: 'Order, 2 items'
		});
	});

	it('names every bad line and field', async () => {
		const csv = [
			HEADER,
			'C1,Anna,not-an-email,,,,,R1,Abo,12.3.4,EUR,2026-10-01,2026-10-15',
			'C2,Bert,,,,,xx,R2,Abo,"1.234",EUR,2026-02-30,2026-10-15',
			'C3,,,,,,,R3,Abo,10,EUR,2026-10-01,2026-09-01',
			'C4,Dirk,,,,,,R4,Abo,10,EUR',
			'C5,Eva,,,,,,R5,Abo,10,XYZ1,2026-10-01,2026-10-15'
		].join('\n');
		const { rows, problems } = await read(csv);
		expect(rows).toEqual([]);
		expect(problems.map((p) => [p.line, p.field, p.code])).toEqual([
			[2, 'email', 'email'],
			[2, 'amount', 'amount'],
			[3, 'locale', 'locale'],
			[3, 'issued_on', 'date'],
			[3, 'amount', 'amount_ambiguous'],
			[4, 'name', 'required'],
			[4, 'due_on', 'due_before_issued'],
			[5, null, 'columns'],
			[6, 'currency', 'currency']
		]);
		expect(problems.find((p) => p.field === 'amount')?.value).toBe('12.3.4');
	});

	it('reports missing columns, broken quotes, an empty file and text that is not UTF-8', async () => {
		expect((await read('naam;bedrag\nJan;12\n')).problems.map((p) => p.field)).toEqual([
			'customer_ref',
			'reference',
			'description',
			'issued_on',
			'due_on'
		]);
		expect((await read(`${HEADER}\nC1,"Anna,,,,,,R1,Abo,10,EUR,2026-10-01,2026-10-15\n`)).problems).toMatchObject([{ code: 'quotes' }]);
		expect((await read('')).problems).toMatchObject([{ code: 'empty' }]);
		expect((await read('\uFEFF')).problems).toMatchObject([{ code: 'empty' }]);
		const latin1 = Buffer.concat([
			Buffer.from(`${HEADER}\nC1,`),
			Buffer.from([0x4a, 0xf6, 0x72, 0x67]),
			Buffer.from(',,,,,,R1,Abo,10,EUR,2026-10-01,2026-10-15\n')
		]);
		expect((await read(latin1)).problems).toMatchObject([{ line: 2, field: 'name', code: 'encoding' }]);
	});

	it('reports a stray quote in an unquoted cell as a line of the report, not an error', async () => {
		const { problems, rows } = await read(`${HEADER}\nC1,Anna,,,,,,R1,Band 28" wiel,10,EUR,2026-10-01,2026-10-15\n`);
		expect(rows).toEqual([]);
		expect(problems).toEqual([{ line: 2, field: null, code: 'quotes' }]);
	});

	it.each([
		[
			'a PNG',
			Buffer.concat([
				Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
				Buffer.from('IHDR"\u0000\u0000",;"x\n\u0001\u0002"\u00ff\r\n')
			])
		],
		['random bytes', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))],
		['quotes everywhere', Buffer.from('"a"b"c";"d\n"e""f"g\n'.repeat(50))]
	])('turns %s into a report, whatever the parser finds wrong with it', async (_, bytes) => {
		const { problems } = await read(bytes, 64);
		expect(problems.length).toBeGreaterThan(0);
		for (const p of problems) expect(p).toMatchObject({ line: expect.any(Number), code: expect.any(String) });
	});
});

describe('phone numbers and the preferred channel', () => {
	const header = 'customer_ref,name,email,phone,kanaal,reference,description,amount,issued_on,due_on';
	it('stores a mobile number as E.164 and the channel the merchant chose', async () => {
		const { rows, problems } = await read(`${header}\nK1,Sanne,,06 1234 5678,sms,F-1,Fiets,10,2026-10-01,2026-10-15\n`);
		expect(problems).toEqual([]);
		expect(rows[0]).toMatchObject({ phone: '+31612345678', preferred_channel: 'sms' });
	});

	it('refuses a landline, an unknown channel and SMS without a number, naming each line', async () => {
		const { rows, problems } = await read(
			`${header}\nK1,Sanne,,020 123 4567,,F-1,Fiets,10,2026-10-01,2026-10-15\nK2,Emma,e@x.nl,,fax,F-2,Fiets,10,2026-10-01,2026-10-15\nK3,Mehmet,m@x.nl,,sms,F-3,Fiets,10,2026-10-01,2026-10-15\n`
		);
		expect(rows).toEqual([]);
		expect(problems).toEqual([
			{ line: 2, field: 'phone', code: 'phone_not_mobile', value: undefined },
			{ line: 3, field: 'preferred_channel', code: 'channel', value: 'fax' },
			{ line: 4, field: 'preferred_channel', code: 'channel_needs_phone', value: 'sms' }
		]);
	});
});

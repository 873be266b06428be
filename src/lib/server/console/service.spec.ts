import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv } from './service';

const formulaStart = /^[\s"]*[=+\-@]/;
const hostile = ['Jan;=1+1;x', 'Jan,=1+1', '=HYPERLINK("evil")', '@SUM(A1)', ' -2+3', 'a\t=cmd', 'regel 1\n=1+1', '"=1"'];

describe('the links CSV', () => {
	it('quotes every cell and reads back as written with a comma separator', () => {
		const csv = toCsv(
			['name', 'link'],
			[
				['Jan, de "Fietser"', 'https://x.test/d/abc'],
				['Mehmet Yılmaz', null]
			]
		);
		expect(csv).toBe('"name","link"\r\n"Jan, de ""Fietser""","https://x.test/d/abc"\r\n"Mehmet Yılmaz",""\r\n');
		expect(parse(csv, { delimiter: ',' })).toEqual([
			['name', 'link'],
			['Jan, de "Fietser"', 'https://x.test/d/abc'],
			['Mehmet Yılmaz', '']
		]);
	});

	it('starts no cell with a formula, read with a comma (English Excel) or a semicolon (Dutch Excel)', () => {
		const csv = toCsv(
			['name', 'message'],
			hostile.map((h) => [h, `Hallo ${h}, betaal € 24,95`])
		);
		for (const row of parse(csv, { delimiter: ',' }) as string[][]) for (const cell of row) expect(cell).not.toMatch(formulaStart);
		// A reader that splits on ';' (and one that ignores quotes altogether) must not find a formula either.
		for (const line of csv.split(/\r?\n/)) {
			for (const cell of line.split(/[;,\t]/)) expect(cell, line).not.toMatch(formulaStart);
		}
	});

	it('keeps the text of a defused cell readable', () => {
		const [, row] = parse(toCsv(['name'], [['=1+1']]), { delimiter: ',' }) as string[][];
		expect(row).toEqual(["'=1+1"]);
	});
});

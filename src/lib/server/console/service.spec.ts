import { describe, expect, it } from 'vitest';
import { toCsv } from './service';

describe('the links CSV', () => {
	it('quotes what needs quoting and defuses spreadsheet formulas', () => {
		const csv = toCsv(['name', 'link'], [
			['Jan, de "Fietser"', 'https://x.test/d/abc'],
			['=HYPERLINK("evil")', null],
			['Mehmet Yılmaz', '+31 6']
		]);
		expect(csv).toBe(
			'name,link\r\n"Jan, de ""Fietser""",https://x.test/d/abc\r\n"\'=HYPERLINK(""evil"")",\r\nMehmet Yılmaz,\'+31 6\r\n'
		);
	});
});

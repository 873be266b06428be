import { describe, expect, it } from 'vitest';
import { boundaryOf, filePart } from './multipart';

async function collect(body: Buffer, size: number, field = 'file') {
	async function* chunks() {
		for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
	}
	const out: Buffer[] = [];
	for await (const part of filePart(chunks(), 'XyZ--b0undary', field)) out.push(part);
	return Buffer.concat(out).toString('utf8');
}

describe('streaming a file out of a multipart body', () => {
	const content = 'a;b\r\n1;2\r\n--XyZ-not-quite\r\n' + 'x'.repeat(5000);
	const body = Buffer.from(
		'--XyZ--b0undary\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n' +
			'--XyZ--b0undary\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\n' +
			content +
			'\r\n--XyZ--b0undary--\r\n'
	);

	it.each([1, 3, 17, 64, 100_000])('finds the file in chunks of %i bytes', async (size) => {
		expect(await collect(body, size)).toBe(content);
	});

	it('yields nothing for a missing field, and reads the boundary from the header', async () => {
		expect(await collect(body, 50, 'other')).toBe('');
		expect(boundaryOf('multipart/form-data; boundary=----WebKitFormBoundaryAbc')).toBe('----WebKitFormBoundaryAbc');
		expect(boundaryOf('multipart/form-data; boundary="a b"')).toBe('a b');
		expect(boundaryOf('application/json')).toBeNull();
	});

	it('refuses an upload cut short', async () => {
		await expect(collect(body.subarray(0, 300), 50)).rejects.toThrow(/ended early/);
	});
});

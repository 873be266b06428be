// What a file is: read from its bytes, never from its name; and the name it is kept under.
import { describe, expect, it } from 'vitest';
import * as attachments from './attachments';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('what a file is', () => {
	const png = Uint8Array.from([
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0
	]);
	const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);

	it('is read from the bytes: PDF, PNG and JPEG pass, whatever their name', async () => {
		expect(await attachments.check('scan.PDF', PDF)).toMatchObject({
			ok: true,
			file: { contentType: 'application/pdf', fileName: 'scan.pdf' }
		});
		expect(await attachments.check('foto', png)).toMatchObject({ ok: true, file: { contentType: 'image/png', fileName: 'foto.png' } });
		expect(await attachments.check('foto.pdf', jpeg)).toMatchObject({
			ok: true,
			file: { contentType: 'image/jpeg', fileName: 'foto.jpg' }
		});
	});

	it('refuses a wrong type disguised by its extension, an empty file and one over 5 MB', async () => {
		const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
		const zip = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]);
		const gif = new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00');
		for (const [name, bytes] of [
			['betaling.pdf', html],
			['bewijs.png', zip],
			['bon.jpg', gif]
		] as const) {
			expect(await attachments.check(name, bytes), name).toEqual({ ok: false, problem: 'attachment_wrong_type' });
		}
		expect(await attachments.check('leeg.pdf', new Uint8Array())).toEqual({ ok: false, problem: 'attachment_empty' });
		const big = new Uint8Array(5 * 1024 * 1024 + 1);
		big.set(PDF);
		expect(await attachments.check('groot.pdf', big)).toEqual({ ok: false, problem: 'attachment_too_large' });
		const justFits = new Uint8Array(5 * 1024 * 1024);
		justFits.set(PDF);
		expect((await attachments.check('past.pdf', justFits)).ok).toBe(true);
	});

	it('keeps a safe name: no path, no quotes or control characters', async () => {
		expect(attachments.safeFileName('C:\\Users\\me\\"bon"\u0007.pdf', 'application/pdf')).toBe('bon.pdf');
		expect(attachments.safeFileName('../../etc/passwd', 'image/png')).toBe('passwd.png');
		expect(attachments.safeFileName('', 'image/jpeg')).toBe('bijlage.jpg');
	});
});

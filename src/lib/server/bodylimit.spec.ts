import { isHttpError } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { SMALL_BODY, UPLOAD_BODY, limitBody, limitFor } from './bodylimit';
import { readConfig } from './config';

const MB = 1024 * 1024;
const IMPORT = 64 * MB;

function chunked(bytes: number) {
	let sent = 0;
	return new ReadableStream<Uint8Array>({
		pull(c) {
			if (sent >= bytes) return c.close();
			const n = Math.min(64 * 1024, bytes - sent);
			sent += n;
			c.enqueue(new Uint8Array(n));
		}
	});
}
const post = (body: BodyInit, headers: Record<string, string> = {}) =>
	new Request('http://app.test/x', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('request body limits', () => {
	it('keep about 1 MB everywhere, 6 MB where a person uploads a file, and the import its own', () => {
		expect(limitFor('/api/webhooks/mollie', IMPORT)).toBe(SMALL_BODY);
		expect(limitFor('/(console)/console/sign-in', IMPORT)).toBe(SMALL_BODY);
		expect(limitFor('/(debtor)/d/[token]', IMPORT)).toBe(SMALL_BODY);
		expect(limitFor('/api/v1/claims', IMPORT)).toBe(SMALL_BODY);
		expect(limitFor(null, IMPORT)).toBe(SMALL_BODY);
		expect(limitFor('/(debtor)/d/[token]/message', IMPORT)).toBe(UPLOAD_BODY);
		expect(limitFor('/(console)/console/(app)/settings', IMPORT)).toBe(UPLOAD_BODY);
		expect(limitFor('/(console)/console/(app)/import', IMPORT)).toBe(IMPORT);
		expect(SMALL_BODY).toBe(MB);
		expect(UPLOAD_BODY).toBe(6 * MB);
	});

	it('refuses a Content-Length over the limit with 413 before reading anything', async () => {
		const answer = limitBody(post(new Uint8Array(2 * MB), { 'content-length': String(2 * MB) }), SMALL_BODY);
		expect(answer).toBeInstanceOf(Response);
		expect((answer as Response).status).toBe(413);
	});

	it('cuts off a chunked body as soon as it goes over, with a 413', async () => {
		const limited = limitBody(post(chunked(60 * MB)), SMALL_BODY) as Request;
		const e = await limited.arrayBuffer().then(
			() => null,
			(e: unknown) => e
		);
		expect(isHttpError(e) && e.status).toBe(413);
	});

	it('passes a body within the limit unchanged', async () => {
		const limited = limitBody(post(chunked(MB - 1)), SMALL_BODY) as Request;
		expect((await limited.arrayBuffer()).byteLength).toBe(MB - 1);
		const form = limitBody(post(new URLSearchParams({ id: 'tr_123' })), SMALL_BODY) as Request;
		expect(Object.fromEntries(await form.formData())).toEqual({ id: 'tr_123' });
	});

	it('reads the import limit from IMPORT_BODY_LIMIT, and names it when it is not a size', () => {
		expect(readConfig({}).importBodyLimit).toBe(64 * MB);
		expect(readConfig({ IMPORT_BODY_LIMIT: '1G' }).importBodyLimit).toBe(1024 * MB);
		expect(() => readConfig({ IMPORT_BODY_LIMIT: 'lots' })).toThrow(/IMPORT_BODY_LIMIT/);
	});
});

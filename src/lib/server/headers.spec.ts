import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { addBaseHeadersEverywhere, baseHeaders } from './headers';

function get(port: number, path: string) {
	return new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
		request({ port, path, host: '127.0.0.1' }, (res) => {
			res.resume();
			resolve(res.headers);
		})
			.on('error', reject)
			.end();
	});
}

describe('base headers on every response', () => {
	it('sends HSTS only behind an https ORIGIN', () => {
		expect(baseHeaders('https://betalen.example.nl')['strict-transport-security']).toBe('max-age=31536000');
		expect(baseHeaders('http://localhost:3000')['strict-transport-security']).toBeUndefined();
	});

	it('adds them to a response written without them, and leaves a response’s own values alone', async () => {
		addBaseHeadersEverywhere('https://betalen.example.nl');
		const server = createServer((req, res) => {
			if (req.url === '/own') res.writeHead(200, { 'Content-Security-Policy': "default-src 'none'", 'content-type': 'text/plain' });
			else if (req.url === '/implicit') res.statusCode = 200;
			else if (req.url === '/raw') res.writeHead(200, [['content-type', 'text/plain']]);
			else if (req.url === '/flat') res.writeHead(200, ['content-type', 'text/plain']);
			else res.writeHead(200, { 'content-type': 'image/svg+xml' });
			res.end('x');
		});
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const { port } = server.address() as AddressInfo;
		process.env.PORT = String(port); // the app's listener, as adapter-node reads it
		// Another listener of the same process (the video renderer's bundle server) is left as it is.
		const renderer = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<script>1</script>'));
		await new Promise<void>((r) => renderer.listen(0, '127.0.0.1', r));
		try {
			const other = await get((renderer.address() as AddressInfo).port, '/index.html');
			expect(other['content-security-policy']).toBeUndefined();
			expect(other['x-content-type-options']).toBeUndefined();
			for (const path of ['/favicon.svg', '/implicit', '/raw', '/flat']) {
				const h = await get(port, path);
				expect(h['x-content-type-options'], path).toBe('nosniff');
				expect(h['referrer-policy'], path).toBe('no-referrer');
				expect(h['strict-transport-security'], path).toBe('max-age=31536000');
				expect(h['content-security-policy'], path).toContain("frame-ancestors 'none'");
			}
			expect((await get(port, '/own'))['content-security-policy']).toBe("default-src 'none'");
		} finally {
			server.close();
			renderer.close();
			delete process.env.PORT;
		}
	});
});

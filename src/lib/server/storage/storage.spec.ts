// The storage module's promise, kept by both backends: a local folder and S3 (an S3-compatible server in-process).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { S3Config } from '../config';
import { localObjects } from './local';
import { s3Objects } from './s3';
import { bytesOf, type ObjectStore } from './store';

let server: S3rver;
let s3: S3Config;

beforeAll(async () => {
	server = new S3rver({
		port: 0,
		address: '127.0.0.1',
		silent: true,
		directory: mkdtempSync(join(tmpdir(), 'coulant-s3-')),
		configureBuckets: [{ name: 'coulant-test', configs: [] }]
	});
	const { port } = await server.run();
	s3 = {
		endpoint: `http://127.0.0.1:${port}`,
		bucket: 'coulant-test',
		region: 'us-east-1',
		credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
		forcePathStyle: true,
		prefix: 'spec/'
	};
});
afterAll(() => server?.close());

const text = async (s: ReadableStream<Uint8Array> | null) => (s ? new Response(s).text() : null);

const backends: [string, () => ObjectStore][] = [
	['a local folder', () => localObjects(mkdtempSync(join(tmpdir(), 'coulant-objects-')))],
	['S3', () => s3Objects(s3, `${Math.random().toString(36).slice(2)}/`)]
];

describe.each(backends)('objects in %s', (_, make) => {
	it('puts bytes and files, reads them whole and by range, and deletes them', async () => {
		const store = make();
		await store.put('media/a.mp4', new TextEncoder().encode('0123456789'), { contentType: 'video/mp4' });
		const file = join(mkdtempSync(join(tmpdir(), 'coulant-src-')), 'b.vtt');
		writeFileSync(file, 'WEBVTT\n');
		await store.put('b.vtt', { path: file });

		expect(await store.head('media/a.mp4')).toMatchObject({ bytes: 10 });
		expect(await text(await store.get('media/a.mp4'))).toBe('0123456789');
		expect(await text(await store.get('media/a.mp4', { start: 2, end: 4 }))).toBe('234');
		expect(await text(await store.get('media/a.mp4', { start: 9, end: 9 }))).toBe('9');
		expect(new TextDecoder().decode((await bytesOf(store, 'b.vtt'))!)).toBe('WEBVTT\n');
		expect((await store.list()).map((o) => [o.key, o.bytes]).sort()).toEqual([
			['b.vtt', 7],
			['media/a.mp4', 10]
		]);
		expect((await store.list('media/')).map((o) => o.key)).toEqual(['media/a.mp4']);

		// A second put replaces the object whole.
		await store.put('media/a.mp4', new TextEncoder().encode('new'));
		expect(await text(await store.get('media/a.mp4'))).toBe('new');

		await store.delete('media/a.mp4');
		expect(await store.head('media/a.mp4')).toBeNull();
		expect(await store.get('media/a.mp4')).toBeNull();
		// Deleting again, or what never was, is fine: erasure may run twice.
		await store.delete('media/a.mp4');
		await store.delete('never.png');
		expect((await store.list()).map((o) => o.key)).toEqual(['b.vtt']);
	});

	it('answers null for a missing object, and a touch moves its time without changing it', async () => {
		const store = make();
		expect(await store.head('nothing.mp4')).toBeNull();
		expect(await store.get('nothing.mp4', { start: 0, end: 1 })).toBeNull();
		expect(await bytesOf(store, 'nothing.mp4')).toBeNull();
		await store.touch('nothing.mp4');
		expect(await store.head('nothing.mp4')).toBeNull();

		await store.put('c.png', new Uint8Array([1, 2, 3]), { contentType: 'image/png' });
		const later = new Date(Date.now() + 3_600_000);
		await store.touch('c.png', later);
		const h = await store.head('c.png');
		expect(h?.bytes).toBe(3);
		expect(Math.abs(h!.modifiedMs - later.getTime())).toBeLessThan(1000);
		expect([...(await bytesOf(store, 'c.png'))!]).toEqual([1, 2, 3]);
	});

	it('takes only keys of its own making', async () => {
		const store = make();
		for (const bad of ['../package.json', 'a/../../b', '/etc/passwd', '.hidden', 'a//b', '', 'a b', 'a/.b']) {
			await expect(store.put(bad, new Uint8Array([1])), bad).rejects.toThrow(/Not a storage key/);
			await expect(store.get(bad), bad).rejects.toThrow(/Not a storage key/);
		}
	});
});

import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localStore } from './storage';

const NAME = `${'a'.repeat(40)}.mp4`;

describe('the local media store', () => {
	it('publishes whole files only, under content names, and reads byte ranges', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'coulant-store-'));
		const store = localStore(join(dir, 'media'));
		const src = join(dir, 'src.mp4');
		writeFileSync(src, '0123456789');
		expect(await store.size(NAME)).toBeNull();
		await store.put(NAME, src);
		expect(readdirSync(join(dir, 'media'))).toEqual([NAME]);
		expect(await store.size(NAME)).toBe(10);
		expect(await new Response(await store.read(NAME, { start: 2, end: 4 })).text()).toBe('234');
	});

	it('knows nothing outside its names', async () => {
		const store = localStore(mkdtempSync(join(tmpdir(), 'coulant-store-')));
		for (const bad of ['../package.json', 'x.mp4', `${'a'.repeat(40)}.exe`, `.${'a'.repeat(40)}.mp4`]) {
			expect(await store.size(bad)).toBeNull();
			expect(() => store.read(bad, { start: 0, end: 1 })).toThrow(/Not a media name/);
		}
	});
});

// The video speaks every language with its own fonts: a still of the greeting in Arabic (laid out right to left)
// and in Turkish (Latin Extended letters), rendered with Debian's chromium from the real bundle (STILLS_DIR keeps them).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { VideoProps } from '../../src/lib/schemas/video';

process.env.DATA_DIR ??= join(tmpdir(), 'coulant-video-tests');
const { config } = await import('../../src/lib/server/config');
const { createRenderer } = await import('../../src/lib/server/video/renderer');
const { posterFrame, WIDTH, HEIGHT } = await import('../../video/script');

const OUT = process.env.STILLS_DIR ?? mkdtempSync(join(tmpdir(), 'coulant-stills-'));
const SCALE = 0.5;
const renderer = createRenderer({ chromiumPath: config().chromiumPath, cacheDir: config().videoCacheDir });
afterAll(() => renderer.close());

const props = (locale: VideoProps['locale'], name: string): VideoProps => ({
	variant: 'short',
	locale,
	tone: 'friendly',
	brand: { name: 'Fietsenwinkel', color: '#1d6b4f', accent: '#f2b134', logo: null },
	options: { payNow: true, instalments: true, moreTimeDays: 30 },
	debtor: { name, total: { amountCents: 12345, currency: 'EUR' }, invoices: 3, since: '2026-10-15', fromMonthly: null }
});

/** A still as grey levels. */
function grey(png: string): { width: number; height: number; at: (x: number, y: number) => number } {
	const image = PNG.sync.read(readFileSync(png));
	expect([image.width, image.height]).toEqual([WIDTH * SCALE, HEIGHT * SCALE]);
	const at = (x: number, y: number) => {
		const i = (y * image.width + x) * 4;
		return Math.round(0.299 * image.data[i] + 0.587 * image.data[i + 1] + 0.114 * image.data[i + 2]);
	};
	return { width: image.width, height: image.height, at };
}

/** Where the greeting sits: the leftmost and rightmost columns with ink in the first block of text of the scene. */
function inkColumns(png: string) {
	const g = grey(png);
	const background = g.at(2, Math.round(g.height / 2));
	const inked = (x: number, y: number) => Math.abs(g.at(x, y) - background) > 80;
	let min = g.width;
	let max = -1;
	let blank = 0;
	let started = false;
	for (let y = Math.round(190 * SCALE); y < g.height - Math.round(130 * SCALE) && blank < 6; y++) {
		let row = false;
		for (let x = 0; x < g.width; x++) {
			if (!inked(x, y)) continue;
			row = true;
			min = Math.min(min, x);
			max = Math.max(max, x);
		}
		if (row) started = true;
		blank = started && !row ? blank + 1 : 0;
	}
	return { min, max, width: g.width };
}

async function still(locale: VideoProps['locale'], name: string) {
	const logs: string[] = [];
	const file = join(OUT, `greeting-${locale}.png`);
	await renderer.still(props(locale, name), posterFrame('short'), file, SCALE, (log) => logs.push(log.text));
	const line = logs.find((l) => l.startsWith('coulant-fonts '));
	return { file, fonts: line ? (JSON.parse(line.slice('coulant-fonts '.length)) as string[]) : [] };
}

describe('the video in Arabic and Turkish', { timeout: 240_000 }, () => {
	it('draws Arabic with the bundled Noto Sans Arabic, right to left', async () => {
		const { file, fonts } = await still('ar', 'سارة');
		// Every face the video ships was loaded in the renderer's page before the frame was taken.
		expect(fonts.filter((f) => f.startsWith('Coulant Noto Sans Arabic') && f.endsWith(':loaded'))).toHaveLength(4);
		const ink = inkColumns(file);
		// The greeting starts at the right padding (64 px at full size); its ragged end is on the left.
		expect(ink.width - 1 - ink.max).toBeLessThanOrEqual(64 * SCALE + 6);
		expect(ink.min).toBeGreaterThan(ink.width - 1 - ink.max + 20);
	});

	it('draws Turkish letters with the bundled Inter (latin-ext), left to right', async () => {
		const { file, fonts } = await still('tr', 'Çağrı Şimşek');
		expect(fonts.filter((f) => f.startsWith('Coulant Inter') && f.endsWith(':loaded'))).toHaveLength(8);
		const ink = inkColumns(file);
		expect(ink.min).toBeLessThanOrEqual(64 * SCALE + 6);
		expect(ink.width - 1 - ink.max).toBeGreaterThan(ink.min + 20);
	});
});

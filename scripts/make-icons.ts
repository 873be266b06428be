// Renders the PWA icons in static/icons from static/favicon.svg with Debian's chromium (run by hand when the mark changes).
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const svg = readFileSync('static/favicon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const page = await browser.newPage();
const shots = [
	{ file: 'static/icons/icon-192.png', size: 192, pad: 0 },
	{ file: 'static/icons/icon-512.png', size: 512, pad: 0 },
	// Maskable icons keep their mark inside the central safe zone (80 %).
	{ file: 'static/icons/icon-maskable-512.png', size: 512, pad: 0.1 }
];
for (const { file, size, pad } of shots) {
	await page.setViewportSize({ width: size, height: size });
	const inner = Math.round(size * (1 - pad * 2));
	await page.setContent(
		`<body style="margin:0;background:#1f4e5f;display:grid;place-items:center;height:${size}px">` +
			`<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`
	);
	await page.screenshot({ path: file });
}
await browser.close();

// Takes phone-sized screenshots of pages for a look by eye: node scripts/screenshot.ts <url> <out.png> [locale] [width] [height]
import { chromium } from '@playwright/test';

const [url, out, locale = 'nl', width = '360', height = '740'] = process.argv.slice(2);
if (!url || !out) throw new Error('usage: screenshot.ts <url> <out.png> [locale] [width] [height]');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
const context = await browser.newContext({
	viewport: { width: Number(width), height: Number(height) },
	deviceScaleFactor: 1,
	locale,
	isMobile: Number(width) < 600,
	hasTouch: Number(width) < 600
});
const page = await context.newPage();
await page.goto(url);
await page.screenshot({ path: out, fullPage: true });
await browser.close();

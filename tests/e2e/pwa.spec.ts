// Installable, and kind on a bad connection: manifest, icons, service worker, offline page.
import { expect, test } from '@playwright/test';
import { demoLink } from './demo';

test('the app can be installed: manifest and icons are served', async ({ page, request }) => {
	await page.goto(demoLink('Sanne de Vries'));
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifest = await (await request.get(href!)).json();
	expect(manifest).toMatchObject({ name: 'Coulant', display: 'standalone', start_url: '/' });
	for (const icon of manifest.icons) {
		const res = await request.get(icon.src);
		expect(res.status(), icon.src).toBe(200);
		expect(res.headers()['content-type']).toBe('image/png');
	}
	expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
});

test('without a connection the debtor sees our offline page, not the browser error', async ({ page, context }) => {
	const link = demoLink('Sanne de Vries');
	await page.goto(link);
	const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
	expect(new URL(scope).pathname).toBe('/');
	// The worker takes control of this page once it is activated; a reload makes that certain.
	await page.reload();
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await context.setOffline(true);
	await page.goto(link).catch(() => {});
	await expect(page.getByRole('heading', { name: 'Je bent offline' })).toBeVisible();
	await expect(page.getByRole('heading', { name: "You're offline" })).toBeVisible();
	// The private page itself was never stored by the worker.
	const cached = await page.evaluate(async () => {
		const names = await caches.keys();
		const urls: string[] = [];
		for (const n of names) for (const r of await (await caches.open(n)).keys()) urls.push(new URL(r.url).pathname);
		return urls;
	});
	expect(cached).toContain('/offline');
	expect(cached.filter((u) => u.startsWith('/d/'))).toEqual([]);
	await context.setOffline(false);
});

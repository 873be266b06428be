// A debtor on a phone opens their link, reads what is open, and switches language.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { demoLink } from './demo';

const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

test('a debtor sees the brand, a greeting and every open claim with the total', async ({ page }) => {
	const response = await page.goto(demoLink('Mehmet Yılmaz'));
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('banner')).toContainText('De Groene Fiets');
	await expect(page.getByRole('img', { name: 'Logo van De Groene Fiets' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Mehmet,');
	expect(plain(await page.getByTestId('balance').textContent())).toBe('€ 114,40');
	const claims = page.locator('.claim');
	await expect(claims).toHaveCount(3);
	await expect(claims.first()).toContainText('Fietsabonnement augustus');
	await expect(claims.first()).toContainText('GF-2026-0912');
	await expect(page.getByRole('link', { name: /Bel \+31 20 123 4567/ })).toHaveAttribute('href', 'tel:+31201234567');
	// Nothing sticks out sideways on a 360 px phone, even with a long name and a large amount.
	await page.goto(demoLink('Jan-Willem van den Berg-Oosterhuis'));
	expect(plain(await page.getByTestId('balance').textContent())).toBe('€ 12.345,67');
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
});

test('the page reads before any JavaScript runs', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await page.goto(demoLink('Sanne de Vries'));
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Sanne,');
	expect(plain(await page.getByTestId('balance').textContent())).toBe('€ 24,95');
	// The language switch is a plain form, so it works without JavaScript too.
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hi Sanne,');
	// The choice is kept with the debtor (every browser then gets it): back to Dutch for the other tests.
	await page.getByRole('button', { name: 'Nederlands' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Sanne,');
	await context.close();
});

test('switching language changes the copy and amounts, and survives a reload', async ({ page }) => {
	await page.goto(demoLink('Sanne de Vries'));
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await page.getByRole('button', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hi Sanne,');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	expect(plain(await page.getByTestId('balance').textContent())).toBe('€24.95');
	await expect(page.getByText('Total outstanding')).toBeVisible();
	await page.reload();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hi Sanne,');
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
	await page.getByRole('button', { name: 'Nederlands' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Sanne,');
});

test('a settled debtor is thanked, not chased', async ({ page }) => {
	await page.goto(demoLink('Noor El Amrani'));
	await expect(page.getByText(/Alles is betaald/)).toBeVisible();
	await expect(page.getByTestId('balance')).toHaveCount(0);
});

test('an unknown link gets a friendly 404 that reveals nothing', async ({ page }) => {
	for (const path of ['/d/AAAAAAAAAAAAAAAAAAAAAAAAAAA', '/d/not-even-a-token']) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze link werkt niet (meer)');
		await expect(page.locator('body')).not.toContainText('De Groene Fiets');
	}
});

test('personal pages are private: headers, no third parties', async ({ page, baseURL }) => {
	const foreign: string[] = [];
	page.on('request', (r) => {
		const url = new URL(r.url());
		if (url.origin !== baseURL && url.protocol !== 'data:') foreign.push(r.url());
	});
	const response = await page.goto(demoLink('Emma Clarke'));
	const headers = response!.headers();
	expect(headers['referrer-policy']).toBe('no-referrer');
	expect(headers['cache-control']).toContain('no-store');
	expect(headers['x-robots-tag']).toContain('noindex');
	expect(headers['content-security-policy']).toContain("script-src 'self'");
	await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
	await page.waitForLoadState('networkidle');
	expect(foreign).toEqual([]);
});

test('the debtor page has no serious accessibility problems, in both languages', async ({ page }) => {
	// Four axe runs: on a busy two-core machine each can take several seconds.
	test.setTimeout(120_000);
	// A known debtor is addressed in their stored language (the cookie no longer overrides it): one of each.
	for (const [name, locale] of [
		['Mehmet Yılmaz', 'nl'],
		['Emma Clarke', 'en']
	] as const) {
		await page.goto(demoLink(name));
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		const results = await new AxeBuilder({ page }).analyze();
		const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
	}
	// A page with a message to support on it, too.
	await page.goto(demoLink('Emma Clarke'));
	await expect(page.getByTestId('messages')).toContainText('salary');
	const withMessages = await new AxeBuilder({ page }).analyze();
	expect(withMessages.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
	await page.goto('/d/AAAAAAAAAAAAAAAAAAAAAAAAAAA');
	const notFound = await new AxeBuilder({ page }).analyze();
	expect(notFound.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
});

test('a form post from another site is refused and changes nothing', async ({ page, request }) => {
	const link = demoLink('Emma Clarke');
	const forged = await request.post(`${link}?/language`, {
		form: { locale: 'nl' },
		headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }
	});
	expect(forged.status()).toBe(403);
	// Emma's stored language is English: the forged switch to Dutch did not change it.
	await page.goto(link);
	await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('aria-pressed', 'true');
});

test("the merchant's opening hours read in the page's language: Dutch weekdays for Sanne, English for Emma", async ({ page }) => {
	// The demo merchant typed 'ma–vr 9:00–17:00'.
	await page.goto(demoLink('Sanne de Vries'));
	await expect(page.getByTestId('contact-hours')).toContainText('ma–vr 09:00–17:00');
	await page.goto(demoLink('Emma Clarke'));
	await expect(page.getByTestId('contact-hours')).toContainText('Mon–Fri 09:00–17:00');
});

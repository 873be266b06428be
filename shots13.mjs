// Phone screenshots of the outreach pages (not committed).
import { chromium } from '@playwright/test';
const base = process.env.BASE ?? 'http://localhost:3113';
const out = '/tmp/shots';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
for (const locale of ['nl', 'en']) {
	const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 1, locale: locale === 'nl' ? 'nl-NL' : 'en-GB' });
	const page = await ctx.newPage();
	await page.goto(`${base}/console/sign-in`);
	await page.locator('input[type=email]').fill('eigenaar@degroenefiets.example');
	await page.locator('input[type=password]').fill('demo-wachtwoord');
	await page.locator('form button[type=submit]').first().click();
	await page.waitForURL(/\/console$/);
	await page.goto(`${base}/console/messages`);
	await page.screenshot({ path: `${out}/outbox-${locale}.png`, fullPage: true });
	const first = page.locator('[data-testid=outbox] a').first();
	if (await first.count()) {
		await first.click();
		await page.waitForLoadState('networkidle');
		await page.screenshot({ path: `${out}/message-${locale}.png`, fullPage: true });
		const mail = page.locator('iframe.mail-preview');
		await mail.scrollIntoViewIfNeeded();
		await mail.screenshot({ path: `${out}/message-frame-${locale}.png` });
	}
	await page.goto(`${base}/console/settings/outreach`);
	await page.screenshot({ path: `${out}/outreach-${locale}.png`, fullPage: true });
	for (const tone of ['friendly', 'neutral', 'formal']) {
		await page.locator('select[name=previewStep]').selectOption('3');
		await page.locator('select[name=previewLocale]').selectOption(locale);
		await page.locator('select[name=previewTone]').selectOption(tone);
		await page.getByTestId('preview-button').click();
		await page.waitForLoadState('networkidle');
		const frame = page.getByTestId('preview-frame');
		await frame.scrollIntoViewIfNeeded();
		await frame.screenshot({ path: `${out}/preview-14day-${locale}-${tone}.png` });
	}
	// A bad step: the problem on the field, the words kept.
	await page.goto(`${base}/console/settings/outreach`);
	await page.locator('details').nth(2).evaluate((d) => (d.open = true));
	await page.locator('input[name=step-1-nl-subject]').fill('Nog even dit');
	await page.locator('textarea[name=step-1-nl-body]').fill('Hoi {naam}, betaal even.');
	await page.locator('input[name=weeklyCap]').fill('0');
	await page.getByRole('button', { name: locale === 'nl' ? 'Opslaan' : 'Save' }).click();
	await page.waitForLoadState('networkidle');
	await page.screenshot({ path: `${out}/outreach-problems-${locale}.png`, fullPage: true });
	await ctx.close();
}
await browser.close();

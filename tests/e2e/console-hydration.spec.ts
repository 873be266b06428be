// The console hydrates (its live parts are Svelte components), and every console form still works as a plain form
// with JavaScript off; the debtor pages keep shipping no JavaScript of their own.
import { expect, test } from '@playwright/test';
import { signIn, tenant } from './fixtures';

test('search follows the typing with JavaScript, and the button does the same without it', async ({ page, browser }) => {
	const t = await tenant('Winkel Zoek', ['Femke Bakker', 'Joris Smit']);
	await signIn(page, t.agent);
	await page.goto('/console/search');
	await page.getByLabel('Naam, e-mail, klantnummer of factuur').pressSequentially('Femk', { delay: 30 });
	// No button pressed: the results and the address follow what was typed, and the field keeps its focus.
	await expect(page.getByTestId('search-results')).toContainText('Femke Bakker');
	await expect(page.getByTestId('search-results')).not.toContainText('Joris Smit');
	await expect(page).toHaveURL(/\?q=Femk$/);
	await expect(page.getByLabel('Naam, e-mail, klantnummer of factuur')).toBeFocused();

	const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	const p = await plain.newPage();
	await signIn(p, t.agent);
	await p.goto('/console/search');
	await p.getByLabel('Naam, e-mail, klantnummer of factuur').fill('Joris');
	await p.getByRole('button', { name: 'Zoeken' }).click();
	await expect(p.getByTestId('search-results')).toContainText('Joris Smit');
	await plain.close();
});

test('settings save as plain forms with JavaScript off', async ({ browser }) => {
	const t = await tenant('Winkel Zonder Script', ['Lotte Jansen'], { tone: 'friendly' });
	const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
	const page = await plain.newPage();
	await signIn(page, t.owner);
	await page.goto('/console/settings');
	await page.getByLabel('Naam op de pagina').fill('Winkel Zonder Script BV');
	await page.getByRole('button', { name: 'Huisstijl en contact opslaan' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();
	await expect(page.getByLabel('Naam op de pagina')).toHaveValue('Winkel Zonder Script BV');
	await page.getByLabel('Formeel').check();
	await page.getByRole('button', { name: 'Toon opslaan' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();
	await expect(page.getByTestId('preview').getByText('Geachte Sanne de Vries,')).toBeVisible();
	await plain.close();
});

test('the console navigates as a hydrated app; a debtor page ships no script but the service worker registration', async ({ page }) => {
	const t = await tenant('Winkel Script');
	const scripts = async () =>
		page.locator('script[src]').evaluateAll((els) => els.map((e) => new URL((e as HTMLScriptElement).src).pathname));
	await page.goto(t.debtors[0].link);
	expect(await scripts()).toEqual(['/sw-register.js']);
	expect(await page.locator('script:not([src])').count()).toBe(0);

	await signIn(page, t.owner);
	// Hydrated: following a console link is a client-side navigation, so the page's window survives it.
	await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
	await page.getByRole('link', { name: 'Debiteuren', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Debiteuren');
	expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

	// A debtor page is a full page load again, with nothing of the console's client on it.
	await page.goto(t.debtors[0].link);
	expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBeUndefined();
	expect(await scripts()).toEqual(['/sw-register.js']);
});

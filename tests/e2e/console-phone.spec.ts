// The console on a 360 px phone: support staff read settings and a debtor's timeline there too, so no page is wider than the screen.
import { expect, test, type Page } from '@playwright/test';
import { signIn, tenant } from './fixtures';

async function noHorizontalOverflow(page: Page) {
	const widths = await page.evaluate(() => ({
		scroll: document.documentElement.scrollWidth,
		client: document.documentElement.clientWidth
	}));
	expect(widths.scroll, `${page.url()} is ${widths.scroll} px wide on a ${widths.client} px screen`).toBeLessThanOrEqual(widths.client);
}

test('settings, the policy, the debtor list and a debtor fit a 360 px phone without sideways scrolling', async ({ page }) => {
	// A long invoice description: the claim selects ("paid outside Coulant", recall) used to push their card wider than the screen.
	const t = await tenant(
		'Telefoonwinkel',
		['Lotte Jansen'],
		{},
		{ claim: { description: 'Fietsabonnement november 2026, inclusief onderhoud en verzekering' } }
	);
	await signIn(page, t.owner);
	expect(page.viewportSize()!.width).toBe(360);
	for (const path of [
		'/console',
		'/console/settings',
		'/console/settings/policy',
		'/console/debtors',
		`/console/debtors/${t.debtors[0].id}`
	]) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await noHorizontalOverflow(page);
	}
	// The navigation is one row on a phone (it took three): every link sits on the same line and the header stays short.
	const tops = await page
		.locator('.console-header nav a')
		.evaluateAll((links) => links.map((a) => Math.round(a.getBoundingClientRect().top)));
	expect(new Set(tops).size).toBe(1);
});

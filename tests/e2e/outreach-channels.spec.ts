// The journey editor's channels: a step set to go by text message, its own SMS text counted in parts and refused
// past the cap, the 14-day letter kept in writing, and what the journey costs per customer at the merchant's prices.
import { expect, test } from '@playwright/test';
import { signIn, tenant } from './fixtures';

test('a step goes by SMS with its own text, counted in parts, and the console says what the journey costs per customer', async ({
	page
}) => {
	const shop = await tenant('Fietsenwinkel Kanalen', ['Daan Visser']);
	await signIn(page, shop.owner);
	await page.goto('/console/settings/outreach');

	const step = page.getByTestId('step').nth(1);
	await step.locator('select[name="step-1-channel"]').selectOption('sms');
	await step.getByText('Eigen tekst (Nederlands)').click();
	const sms = step.locator('textarea[name="step-1-nl-sms"]');
	// Four parts' worth (the ë of ideeën makes it UCS-2: 67 characters a part) is refused on the field, and the text stays.
	const long = `Hoi {name}, heb je ideeën? ${'Bij ons staat nog iets open. '.repeat(6)}{link}`;
	await sms.fill(long);
	await page.locator('input[name="smsCost"]').fill('0,08');
	await page.locator('input[name="letterCost"]').fill('0,95');
	// The 14-day letter cannot be a text message only.
	await page.locator('select[name="step-3-channel"]').selectOption('sms');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByTestId('outreach-problems')).toBeVisible();
	await expect(step.getByText('Deze sms wordt langer dan 3 delen. Maak de tekst korter.')).toBeVisible();
	await expect(page.getByText('Een 14-dagenbrief moet op papier of per e-mail.')).toBeVisible();
	await expect(sms).toHaveValue(long);

	await sms.fill('Hoi {name}, bij ons staat nog {amount} open. Betalen kan hier: {link}');
	await page.locator('select[name="step-3-channel"]').selectOption('preferred');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();
	await expect(page.locator('select[name="step-1-channel"]')).toHaveValue('sms');
	await expect(page.locator('input[name="smsCost"]')).toHaveValue('0,08');
	// The text as it would go, with a link of real length and the stop line: GSM-7 fits it in one or two parts.
	await expect(step.getByTestId('sms-parts').first()).toContainText(/Als sms: (1 deel|2 delen) \(GSM-7\)/);

	// A step's SMS is priced at the most parts any language's text takes (the English standard text is longer).
	const shown = await step.getByTestId('sms-parts').allTextContents();
	expect(shown).toHaveLength(2);
	const parts = Math.max(...shown.map((t) => Number(/(\d) delen/.exec(t)?.[1] ?? 1)));
	const euro = (cents: number) => `€ ${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
	const costs = page.getByTestId('journey-costs');
	// By e-mail everything is free but the one step fixed to SMS; by letter, four letters and that SMS.
	await expect(costs.getByRole('row', { name: /Klant kiest E-mail/ })).toContainText(euro(8 * parts));
	await expect(costs.getByRole('row', { name: /Klant kiest Brief/ })).toContainText(euro(4 * 95 + 8 * parts));
});

// Asking for more time on a phone: a date within the merchant's limit becomes a promise to pay.
import { expect, test } from '@playwright/test';
import { debtorOwing } from './fixtures';

const isoIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const dutch = (iso: string) =>
	new Intl.DateTimeFormat('nl', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));

test('a debtor picks a later date and sees the agreement and what happens then', async ({ page }) => {
	const link = await debtorOwing([4500]);
	await page.goto(link);
	await expect(page.getByRole('heading', { name: 'Meer tijd nodig?' })).toBeVisible();
	await page.getByLabel('Ik betaal uiterlijk op').fill(isoIn(10));
	await page.getByRole('button', { name: 'Meer tijd aanvragen' }).click();
	await expect(page.getByTestId('promise')).toContainText(`Je betaalt uiterlijk ${dutch(isoIn(10))}`);
	await expect(page.getByTestId('promise')).toContainText('staat het bedrag weer gewoon open');
	await expect(page.getByRole('heading', { name: 'Meer tijd nodig?' })).toHaveCount(0);
	// Paying early is still possible.
	await expect(page.getByRole('button', { name: /met iDEAL/ })).toBeVisible();
});

test('a date beyond the limit is refused with a clear message and the date echoed back', async ({ page }) => {
	const link = await debtorOwing([4500]);
	await page.goto(link);
	const input = page.getByLabel('Ik betaal uiterlijk op');
	// A tampered form: the browser's own limit removed.
	await input.evaluate((el) => el.removeAttribute('max'));
	await input.fill(isoIn(90));
	await page.getByRole('button', { name: 'Meer tijd aanvragen' }).click();
	const why = `Kies een datum tot en met ${dutch(isoIn(30))}.`;
	// The page lands on the form, not at its top: the field is focused, its reason next to it and read with it.
	await expect(page.getByLabel('Ik betaal uiterlijk op')).toBeFocused();
	await expect(page.getByLabel('Ik betaal uiterlijk op')).toHaveAccessibleDescription(why);
	await expect(page.getByLabel('Ik betaal uiterlijk op')).toBeInViewport();
	await expect(page.getByTestId('more-time-problem')).toHaveText(why);
	// And at the top, as GOV.UK does, a summary whose link leads to the field.
	await expect(page.getByTestId('error-summary').getByRole('link', { name: why })).toHaveAttribute('href', '#promised-on');
	await expect(page.getByLabel('Ik betaal uiterlijk op')).toHaveValue(isoIn(90));
	await expect(page.getByTestId('promise')).toHaveCount(0);
});

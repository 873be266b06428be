// Paying the balance on a phone, through the Mollie stand-in's hosted checkout.
import { expect, test, type Page } from '@playwright/test';
import { debtorOwing } from './fixtures';

const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

async function checkout(page: Page, outcome: string) {
	await expect(page).toHaveURL(/\/standin\/mollie\/checkout\/tr_\w+$/);
	await page.getByLabel(outcome).check();
	await page.getByRole('button', { name: 'Doorgaan' }).click();
}

test('a debtor pays with iDEAL and gets a receipt; the overview shows it is settled', async ({ page }) => {
	const link = await debtorOwing([2495, 6450]);
	await page.goto(link);
	await page.getByRole('button', { name: /Betaal € 89,45 met iDEAL/ }).click();
	await checkout(page, 'Betaald');
	await expect(page).toHaveURL(/\/p\/[\w-]{27}$/);
	await expect(page.getByTestId('payment-status')).toHaveText('Dank je wel! Je betaling is binnen.');
	expect(plain(await page.getByTestId('payment-amount').textContent())).toBe('€ 89,45');
	await expect(page.getByText('Betaald op')).toBeVisible();
	await expect(page.locator('.receipt')).toContainText('iDEAL');
	await page.getByRole('link', { name: 'Terug naar je overzicht' }).click();
	await expect(page.getByText(/Alles is betaald/)).toBeVisible();
});

test('a failed payment ends calmly and one tap tries again', async ({ page }) => {
	const link = await debtorOwing([4000], { tone: 'formal' });
	await page.goto(link);
	await page.getByRole('button', { name: /Betaal € 40,00 met iDEAL/ }).click();
	await checkout(page, 'Mislukt');
	await expect(page.getByTestId('payment-status')).toHaveText('De betaling is niet gelukt');
	await expect(page.getByText(/Er is niets afgeschreven/)).toBeVisible();
	await page.getByRole('button', { name: 'Opnieuw betalen' }).click();
	await checkout(page, 'Betaald');
	await expect(page.getByTestId('payment-status')).toHaveText('Uw betaling is in goede orde ontvangen.');
});

test('cancelling at the checkout changes nothing and can be retried', async ({ page }) => {
	const link = await debtorOwing([1250]);
	await page.goto(link);
	await page.getByRole('button', { name: /met iDEAL/ }).click();
	await checkout(page, 'Geannuleerd');
	await expect(page.getByTestId('payment-status')).toHaveText('De betaling is geannuleerd');
	await page.getByRole('link', { name: 'Terug naar je overzicht' }).click();
	expect(plain(await page.getByTestId('balance').textContent())).toBe('€ 12,50');
});

test('the result page follows a payment whose webhook is late, without a refresh by the debtor', async ({ page, request }) => {
	const link = await debtorOwing([3000]);
	await page.goto(link);
	await page.getByRole('button', { name: /met iDEAL/ }).click();
	await expect(page).toHaveURL(/checkout\/tr_\w+$/);
	const id = page.url().split('/').pop()!;
	await request.post('/standin/mollie/control', { data: { action: 'webhookMode', id, drop: true } });
	await checkout(page, 'Open laten (terug zonder te betalen)');
	await expect(page.getByTestId('payment-status')).toHaveText('Je betaling is nog niet afgerond');
	await expect(page.getByRole('link', { name: 'Verder met betalen' })).toBeVisible();
	// Paid at Mollie, but no webhook: the page asks Mollie itself on its next refresh.
	await request.post('/standin/mollie/control', { data: { action: 'setStatus', id, status: 'paid' } });
	await expect(page.getByTestId('payment-status')).toHaveText('Dank je wel! Je betaling is binnen.', { timeout: 10_000 });
});

test('when Mollie is down the debtor is told so kindly and nothing is lost', async ({ page, request }) => {
	const link = await debtorOwing([2000]);
	await page.goto(link);
	await request.post('/standin/mollie/control', { data: { action: 'failNext', status: 503, times: 3 } });
	await page.getByRole('button', { name: /met iDEAL/ }).click();
	await expect(page.getByRole('alert')).toContainText('niets afgeschreven');
	expect(plain(await page.getByTestId('balance').textContent())).toBe('€ 20,00');
	await page.getByRole('button', { name: /met iDEAL/ }).click();
	await expect(page).toHaveURL(/checkout\/tr_\w+$/);
});

test('other methods from the merchant profile are offered too', async ({ page }) => {
	const link = await debtorOwing([2000]);
	await page.goto(link);
	await expect(page.getByText('Ook mogelijk: Bancontact, Card')).toBeVisible();
	await page.getByRole('button', { name: 'Andere betaalmethode' }).click();
	await expect(page).toHaveURL(/checkout\/tr_\w+$/);
	// Not locked to iDEAL: the checkout lets the debtor choose among the other methods.
	await expect(page.locator('main')).not.toContainText('iDEAL');
});

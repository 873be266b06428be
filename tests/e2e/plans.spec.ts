// Building and confirming a payment plan on a phone, both ways of paying it.
import { expect, test } from '@playwright/test';
import { debtorOwing } from './fixtures';

const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

test('a debtor builds a plan, sees the exact schedule, pays the first instalment and gets direct debit', async ({ page }) => {
	const link = await debtorOwing([6000, 3001]);
	await page.goto(link);
	await page.getByRole('link', { name: 'Betalingsregeling samenstellen' }).click();
	await expect(page.getByRole('heading', { name: 'Betalingsregeling', level: 1 })).toBeVisible();
	await page.getByLabel('Aantal termijnen').selectOption('4');
	await expect(page.getByTestId('schedule').locator('li')).toHaveCount(4);
	expect(plain(await page.getByTestId('schedule-total').textContent())).toBe('€ 90,01');
	await expect(page.getByText('De eerste termijn is 1 cent hoger')).toBeVisible();
	await page.getByRole('button', { name: /Bevestigen en eerste termijn betalen \(€ 22,51\)/ }).click();
	await expect(page).toHaveURL(/checkout\/tr_\w+$/);
	await page.getByLabel('Betaald').check();
	await page.getByRole('button', { name: 'Doorgaan' }).click();
	await page.getByRole('link', { name: 'Terug naar je overzicht' }).click();
	await expect(page.getByTestId('plan-status')).toHaveText('Loopt volgens plan');
	await expect(page.getByTestId('plan-next')).toContainText('€ 22,50 af van rekening NL55 •••• 0000');
	expect(plain(await page.getByTestId('balance').textContent())).toBe('€ 67,50');
	// A month later the stand-in's subscription collects the second instalment by direct debit.
	const moved = await page.request.post('/standin/mollie/control', { data: { action: 'advanceClock', days: 32 } });
	expect((await moved.json()).created).toBeGreaterThanOrEqual(1);
	await expect(async () => {
		await page.reload();
		expect(plain(await page.getByTestId('balance').textContent())).toBe('€ 45,00');
	}).toPass({ timeout: 10_000 });
});

test('a debtor who prefers to pay each instalment gets a pay button per instalment', async ({ page }) => {
	const link = await debtorOwing([6000]);
	await page.goto(`${link}/plan`);
	await page.getByLabel('Zelf betalen, elke termijn via een link').check();
	await page.getByRole('button', { name: 'Regeling bevestigen' }).click();
	await expect(page).toHaveURL(new RegExp(`${link}$`));
	await expect(page.getByTestId('plan-status')).toHaveText('Loopt volgens plan');
	await page.getByRole('button', { name: 'Betaal termijn 1 nu (€ 20,00)' }).click();
	await page.getByLabel('Betaald').check();
	await page.getByRole('button', { name: 'Doorgaan' }).click();
	await expect(page.getByTestId('payment-status')).toHaveText('Dank je wel! Je betaling is binnen.');
	await page.getByRole('link', { name: 'Terug naar je overzicht' }).click();
	await expect(page.getByRole('button', { name: 'Betaal termijn 2 nu (€ 20,00)' })).toBeVisible();
});

test('a tampered plan request is refused with a clear message', async ({ request, baseURL }) => {
	const link = await debtorOwing([6000]);
	const res = await request.post(`${link}/plan`, {
		form: { terms: '24', frequency: 'monthly', payday: '1', collection: 'pay_by_link' },
		headers: { origin: baseURL!, accept: 'text/html' }
	});
	expect(res.status()).toBe(400);
	expect(await res.text()).toContain('Kies een van de aantallen termijnen in de lijst.');
});

test('a weekly plan asks for the day to start on, by weekday, and its schedule starts that day', async ({ page }) => {
	const link = await debtorOwing([6000]);
	await page.goto(`${link}/plan`);
	await Promise.all([page.waitForURL(/collection=pay_by_link/), page.getByLabel('Zelf betalen, elke termijn via een link').check()]);
	await Promise.all([page.waitForURL(/frequency=weekly/), page.getByLabel('Elke week').check()]);
	const start = page.getByLabel(/Op welke dag wil je de eerste keer betalen/);
	// Days, not numbers of the month: today first, then the days after it with their weekday.
	const day = (offset: number) =>
		new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + offset, 12));
	const named = (d: Date) => new Intl.DateTimeFormat('nl', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(d);
	await expect(start.locator('option').first()).toHaveText(`Vandaag, ${named(day(0))}`);
	await expect(start.locator('option').nth(3)).toHaveText(named(day(3)));
	await Promise.all([page.waitForURL(/payday=/), start.selectOption({ index: 3 })]);
	const dated = (d: Date) => new Intl.DateTimeFormat('nl', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
	const schedule = page.getByTestId('schedule').locator('li');
	await expect(schedule.first()).toContainText(dated(day(3)));
	await expect(schedule.nth(1)).toContainText(dated(day(10)));
	await expect(start.locator('option:checked')).toHaveText(named(day(3)));
	if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/plan-weekly-nl.png`, fullPage: true });
});

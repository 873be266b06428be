// The owner's webhooks page: add an address (its secret shown once), an inside address refused, a new secret, the
// delivery log with "send again"; an agent has no way in.
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users, webhookDeliveries, webhookEndpoints, webhookEvents } from '../../src/lib/server/db/schema';
import { signIn, tenant, withDb } from './fixtures';

const SHOTS = process.env.SCREENSHOTS_DIR;
/** With SCREENSHOTS_DIR=<dir>, each state is saved as a 360 px phone screenshot. */
const look = async (page: import('@playwright/test').Page, name: string) => {
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/hooks-${name}.png`, fullPage: true });
};

test('an owner adds a webhook address, sees its secret once, gets a new one, and sends a failed delivery again', async ({ page }) => {
	const a = await tenant('Winkel Webhooks');
	await signIn(page, a.owner);
	await page.getByRole('link', { name: 'Webhooks' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Webhooks');

	await page.getByLabel('Adres (https://…)').fill('https://10.0.0.5/coulant');
	await page.getByRole('button', { name: 'Adres toevoegen' }).click();
	await expect(page.getByRole('alert')).toContainText('niet vanaf internet bereikbaar');
	await expect(page.getByLabel('Adres (https://…)')).toHaveValue('https://10.0.0.5/coulant');
	await look(page, 'refused');

	await page.getByLabel('Adres (https://…)').fill('https://boekhouding.example.nl/coulant');
	await page.getByRole('checkbox', { name: 'message.sent' }).uncheck();
	await page.getByRole('button', { name: 'Adres toevoegen' }).click();
	const first = (await page.getByTestId('hooks-secret').textContent())!;
	expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
	await page.reload();
	await expect(page.getByTestId('hooks-secret')).toHaveCount(0);
	await expect(page.getByText('gebeurtenissen: 17')).toBeVisible();

	await page.getByRole('button', { name: 'Nieuwe sleutel' }).click();
	const second = (await page.getByTestId('hooks-secret').textContent())!;
	expect(second).toMatch(/^whsec_/);
	expect(second).not.toBe(first);
	await expect(page.getByText(/oude sleutel geldig tot/)).toBeVisible();

	// A delivery that gave up, as the sender leaves it.
	await withDb(async (db) => {
		const [owner] = await db.select().from(users).where(eq(users.email, a.owner));
		const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.merchantId, owner.merchantId));
		const id = 900_000_000 + Math.floor(Math.random() * 1_000_000);
		await db
			.insert(webhookEvents)
			.values({ id, merchantId: owner.merchantId, type: 'claim.paid', timelineEventId: -id, occurredAt: new Date(), data: {} });
		await db.insert(webhookDeliveries).values({
			merchantId: owner.merchantId,
			endpointId: endpoint.id,
			eventId: id,
			status: 'failed',
			attempts: 25,
			responseStatus: 503,
			lastAttemptAt: new Date()
		});
	});
	await page.reload();
	const log = page.getByTestId('hooks-log');
	await expect(log).toContainText('claim.paid');
	await expect(log).toContainText('mislukt');
	await expect(log).toContainText('503');
	await log.getByRole('button', { name: 'Opnieuw sturen' }).click();
	await expect(page.getByRole('status')).toContainText('Het bericht gaat opnieuw');
	await expect(page.getByTestId('hooks-log')).toContainText('wacht');
	await look(page, 'log');
});

test('an agent has no webhooks page', async ({ page }) => {
	const a = await tenant('Winkel Webhooks Agent');
	await signIn(page, a.agent);
	await expect(page.getByRole('link', { name: 'Webhooks' })).toHaveCount(0);
	expect((await page.request.get('/console/webhooks')).status()).toBe(403);
});

// Resultaten on a phone: a claim placed and paid at once shows in this month's figures, and a chart's numbers download
// as CSV. With SCREENSHOTS_DIR=<dir> the page is also saved as a 360 px screenshot in Dutch and English.
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { claims, timelineEvents } from '../../src/lib/server/db/schema';
import { follow } from '../../src/lib/server/kpi/follow';
import { signIn, tenant, withDb } from './fixtures';

const SHOTS = process.env.SCREENSHOTS_DIR;

test('a payment shows in Resultaten, and the numbers of a chart download as CSV', async ({ page, context, baseURL }) => {
	const shop = await tenant('Fietsenwinkel Cijfers', ['Noor Bakker']);
	await withDb(async (db) => {
		const debtorId = shop.debtors[0].id;
		const [claim] = await db.select().from(claims).where(eq(claims.debtorId, debtorId));
		const base = { merchantId: claim.merchantId, debtorId, actor: 'debtor' };
		await db.insert(timelineEvents).values([
			{ ...base, claimId: claim.id, type: 'claim.received', actor: 'api:key', payload: { source: 'api' } },
			{ ...base, type: 'outreach.sent', actor: 'system', payload: { channel: 'email', kind: 'link' } },
			{ ...base, type: 'link.opened' },
			{ ...base, type: 'payment.started' },
			{ ...base, type: 'payment.paid', actor: 'mollie', payload: { paymentId: 'p1', amountCents: 4250 } }
		]);
		await follow(db);
	});

	await signIn(page, shop.owner);
	await page.getByRole('link', { name: 'Resultaten' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Resultaten');
	await page.getByLabel('Maand').first().check();
	await page.getByRole('button', { name: 'Toon' }).click();
	await expect(page).toHaveURL(/period=month/);
	await expect(page.getByTestId('results-placed')).toHaveText(/42,50/);
	await expect(page.getByTestId('results-tiles').getByTestId('results-collected')).toHaveText(/42,50/);
	await expect(page.getByTestId('results-funnel').getByRole('img')).toHaveAccessibleName(/Van bericht tot betaling/);
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/results-nl.png`, fullPage: true });

	const download = page.waitForEvent('download');
	await page.getByTestId('csv-collected').click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^coulant-collected-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/);
	const text = Buffer.concat(await Array.fromAsync((await file.createReadStream()) as AsyncIterable<Buffer>)).toString('utf8');
	expect(text).toContain('"Hoe","Ontvangen (€)","Deel"');
	expect(text).toContain('"In één keer","42.50","100.00"');

	// A made-up segment is refused next to the field, not with an error page.
	await page.goto('/console/results?segment=00000000-0000-0000-0000-00000000dead');
	await expect(page.getByTestId('results-problem')).toContainText('Dit segment bestaat niet');

	if (SHOTS) {
		await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: baseURL! }]);
		await page.goto('/console/results?period=month');
		await page.screenshot({ path: `${SHOTS}/results-en.png`, fullPage: true });
	}
});

// The console's print queue on a phone: a letter waits, the print file downloads as one PDF, "mark as printed" empties
// the queue. With SHOTS=<dir> the page is also saved as a 360 px phone screenshot before and after.
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { debtors, merchants } from '../../src/lib/server/db/schema';
import { letterChannel } from '../../src/lib/server/outreach/channels';
import { merchantOutreachColumns, planMerchant } from '../../src/lib/server/outreach/plan';
import { sendDue } from '../../src/lib/server/outreach/send';
import { signIn, tenant, withDb } from './fixtures';

const ANY_TIME = { policy: { window: { timeZone: 'Europe/Amsterdam', startHour: 0, endHour: 24, sundays: true } } };
const today = () => new Date().toISOString().slice(0, 10);

test('a letter waits in Brieven, the print file downloads as a PDF, and marking it printed empties the queue', async ({
	page,
	baseURL
}) => {
	const shop = await tenant(
		'Fietsenwinkel Brief',
		['Zoë van den Berg'],
		{ outreach: ANY_TIME as never },
		{
			debtor: { email: null, preferredChannel: 'letter', street: 'Kerkstraat 12a', postcode: '3512AB', city: 'Utrecht' },
			claim: { dueOn: today() }
		}
	);
	await withDb(async (db) => {
		const merchantId = (await db.select({ m: debtors.merchantId }).from(debtors).where(eq(debtors.id, shop.debtors[0].id)))[0].m;
		const [m] = await db.select(merchantOutreachColumns).from(merchants).where(eq(merchants.id, merchantId));
		await planMerchant(db, m, { origin: baseURL!, mailDomain: 'coulant.test', channels: ['email', 'letter'] }, new Date());
		await sendDue(
			db,
			{ channels: { letter: letterChannel() }, origin: baseURL!, mailFrom: 'berichten@coulant.test', linkTtlDays: 30 },
			() => new Date()
		);
	});

	await signIn(page, shop.owner);
	await page.getByRole('link', { name: 'Brieven' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Brieven');
	await expect(page.getByTestId('letters')).toContainText('Zoë van den Berg');
	if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/letters-waiting.png`, fullPage: true });

	const download = page.waitForEvent('download');
	await page.getByTestId('print-file').click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^brieven-\d{4}-\d{2}-\d{2}\.pdf$/);
	const bytes = Buffer.concat(await Array.fromAsync((await file.createReadStream()) as AsyncIterable<Buffer>));
	expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

	await page.getByTestId('mark-printed').click();
	await expect(page.getByTestId('letters-marked')).toContainText('Gemarkeerd als geprint: 1.');
	await expect(page.getByTestId('letters-empty')).toBeVisible();
	await expect(page.getByTestId('letters-printed')).toContainText('Zoë van den Berg');
	if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/letters-printed.png`, fullPage: true });

	// The letter among the sent messages says it was printed and opens as PDF; the debtor's page shows the address.
	await page.goto('/console/messages');
	await page.getByTestId('outbox').getByRole('link').first().click();
	await expect(page.getByText('Brief geprint op')).toBeVisible();
	const pdf = await page.request.get((await page.getByTestId('letter-pdf').getAttribute('href'))!);
	expect(pdf.headers()['content-type']).toBe('application/pdf');
	await page.goto(`/console/debtors/${shop.debtors[0].id}`);
	await expect(page.getByTestId('debtor-address')).toHaveText(/Kerkstraat 12a, 3512 AB\s+UTRECHT/);
});

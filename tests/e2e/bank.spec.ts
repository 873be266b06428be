// Bank matching in the console: an agent reads a CAMT.053 statement, sees the sure match booked and the unsure one
// side by side with its candidates, books it, and a second upload of the file books nothing.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { expect, test } from '@playwright/test';
import { users } from '../../src/lib/server/db/schema';
import * as make from '../helpers/fixtures';
import { signIn, tenant, withDb } from './fixtures';

const SHOTS = process.env.SCREENSHOTS_DIR;
/** With SCREENSHOTS_DIR=<dir>, each state is saved as a 360 px phone screenshot. */
const look = async (page: import('@playwright/test').Page, name: string) => {
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/bank-${name}.png`, fullPage: true });
};

const statement = {
	name: 'rabobank-afschrift.xml',
	mimeType: 'application/xml',
	buffer: readFileSync(resolve(import.meta.dirname, '../fixtures/bank/rabobank-camt053-v02.xml'))
};

test('an agent reads a bank statement, books the transfer that waits, and the same file twice books nothing', async ({ page }) => {
	const shop = await tenant('Winkel Bank', ['Sanne de Vries'], {}, { claim: { reference: 'F-2026-0042', amountCents: 2495 } });
	await withDb(async (db) => {
		const [owner] = await db.select({ merchantId: users.merchantId }).from(users).where(eq(users.email, shop.owner));
		const jan = await make.debtor(db, owner.merchantId, { name: 'Jan Jansen' });
		await make.claim(
			db,
			{ merchantId: owner.merchantId, debtorId: jan.id },
			{ reference: 'F-2026-0050', amountCents: 6000, description: 'Fietsreparatie' }
		);
	});
	await signIn(page, shop.agent);
	await page.getByRole('link', { name: 'Bank', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bankafschrift');
	await expect(page.getByTestId('bank-nothing')).toBeVisible();

	await page.getByLabel('Bankafschrift (CAMT.053 of MT940)', { exact: true }).setInputFiles(statement);
	await page.getByRole('button', { name: 'Inlezen' }).click();
	await expect(page.getByTestId('bank-done')).toContainText('4 overboekingen gelezen: 1 geboekt, 1 wachten op u');

	const waiting = page.getByTestId('bank-waiting');
	await expect(waiting).toHaveCount(1);
	await expect(waiting).toContainText('HR J JANSEN EO');
	const candidate = waiting.getByTestId('bank-candidate');
	await expect(candidate).toContainText('Jan Jansen');
	await expect(candidate).toContainText('F-2026-0050');
	await expect(candidate).toContainText('Waarom: bedrag, naam');
	await look(page, 'waiting');
	await candidate.getByRole('button', { name: 'Boek op deze vordering' }).click();
	await expect(page.getByTestId('bank-decided')).toContainText('Geboekt');
	await expect(page.getByTestId('bank-waiting')).toHaveCount(0);

	await page.getByLabel('Bankafschrift (CAMT.053 of MT940)', { exact: true }).setInputFiles(statement);
	await page.getByRole('button', { name: 'Inlezen' }).click();
	await expect(page.getByTestId('bank-problem')).toContainText('Dit bestand is al ingelezen');
	await look(page, 'twice');

	await page
		.getByLabel('Bankafschrift (CAMT.053 of MT940)', { exact: true })
		.setInputFiles({ name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('a;b\n1;2\n') });
	await page.getByRole('button', { name: 'Inlezen' }).click();
	await expect(page.getByTestId('bank-problem')).toContainText('Dit bestand kunnen we niet lezen als bankafschrift');

	// Sanne's timeline says why her claim is paid.
	await page.getByRole('link', { name: 'Debiteuren', exact: true }).click();
	await page.getByRole('link', { name: /Sanne de Vries/ }).click();
	await expect(page.getByTestId('timeline')).toContainText('Betaald buiten Coulant: overboeking van S. DE VRIES op 4 december 2026');
});

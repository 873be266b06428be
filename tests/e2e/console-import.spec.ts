// Claims in by CSV: an owner uploads a file with mistakes, reads the report, fixes the file, and sees the debtors.
import { expect, test } from '@playwright/test';
import { signIn, tenant } from './fixtures';

const HEADER = 'klantnummer;naam;e-mail;kenmerk;omschrijving;bedrag;factuurdatum;vervaldatum';
const FEMKE = 'K-1;Femke Visser;femke@example.test;F-100;Abonnement oktober;24,95;01-10-2026;15-10-2026';
const file = (lines: string[]) => ({
	name: 'vorderingen.csv',
	mimeType: 'text/csv',
	buffer: Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`)
});

test('an owner uploads a CSV with mistakes, fixes it from the report, and sees the new debtors', async ({ page }) => {
	// An owner of a merchant of its own, with no debtors yet.
	await signIn(page, (await tenant('Winkel Import', [])).owner);
	await page.getByRole('link', { name: 'Importeren' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vorderingen importeren');

	await page
		.getByLabel('CSV-bestand', { exact: true })
		.setInputFiles(
			file([
				FEMKE,
				'K-2;Joris Smit;joris@example;F-101;Reparatie;12,3,4;2026-10-01;2026-10-31',
				'K-2;Joris Smit;;F-100;Reparatie;10,00;2026-10-01;2026-10-31'
			])
		);
	await page.getByRole('button', { name: 'Importeren' }).click();
	const report = page.getByTestId('import-report');
	await expect(report).toContainText('Er is niets geïmporteerd');
	await expect(report).toContainText('vorderingen.csv');
	await expect(report).toContainText('Regel 3, kolom email');
	await expect(report).toContainText('Regel 3, kolom amount');
	await expect(report).toContainText('„12,3,4”');
	await expect(report).toContainText('Regel 4, kolom reference');
	await expect(report).toContainText('regel 2');

	// Nothing was imported.
	await page.getByRole('link', { name: 'Debiteuren', exact: true }).click();
	await expect(page.getByRole('link', { name: /Femke Visser/ })).toHaveCount(0);

	await page.getByRole('link', { name: 'Importeren' }).click();
	await page
		.getByLabel('CSV-bestand', { exact: true })
		.setInputFiles(
			file([
				FEMKE,
				'K-2;Joris Smit;joris@example.test;F-101;Reparatie;1.234,50;2026-10-01;2026-10-31',
				'K-2;Joris Smit;;F-102;Reparatie;10,00;2026-10-01;2026-10-31'
			])
		);
	await page.getByRole('button', { name: 'Importeren' }).click();
	await expect(page.getByTestId('import-done')).toContainText('3 regels');
	await expect(page.getByTestId('import-done')).toContainText('2 debiteuren en 3 vorderingen');

	await page.getByRole('link', { name: 'Naar de debiteuren' }).click();
	const joris = page.getByRole('link', { name: /Joris Smit/ });
	expect((await joris.textContent())?.replace(/\s/g, ' ')).toContain('€ 1.244,50');
	await expect(page.getByRole('link', { name: /Femke Visser/ })).toBeVisible();
});

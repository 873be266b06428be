// Hand-over on a phone: the owner adds an agency (a wrong address is named next to its field, the rest kept), a
// proposal waits for a decision, "Overdragen" seals the pack, which downloads as a ZIP; the debtor's page then
// names the agency, with no way to pay or plan here; taking back brings the pay button back.
// With SCREENSHOTS_DIR=<dir> each state is saved as a 360 px phone screenshot.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { debtors } from '../../src/lib/server/db/schema';
import * as handover from '../../src/lib/server/handover/service';
import { signIn, tenant, withDb } from './fixtures';

const SHOTS = process.env.SCREENSHOTS_DIR;
const look = async (page: Page, name: string) => {
	if (SHOTS) await page.screenshot({ path: join(SHOTS, `handover-${name}.png`), fullPage: true });
};

test('an agency is added, a proposal confirmed, the pack downloaded, and the debtor’s page names the agency', async ({ page, browser }) => {
	test.setTimeout(90_000);
	const shop = await tenant('Fietsenwinkel Overdracht', ['Ruben Bakker'], {}, { claim: { amountCents: 18_650, dueOn: '2026-08-01' } });
	const debtorId = shop.debtors[0].id;

	await signIn(page, shop.owner);
	await page.getByRole('link', { name: 'Overdracht' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overdracht aan een incassobureau');
	await expect(page.getByTestId('agencies')).toContainText('Nog geen bureau');
	const form = page.getByTestId('agency-form');
	await form.getByLabel('Naam').fill('Incasso Noord');
	await form.getByLabel('E-mailadres (voor klanten)').fill('dossiers-at-incassonoord');
	await form.getByLabel('Telefoonnummer (voor klanten)').fill('050 123 4567');
	await form.getByRole('button', { name: 'Bureau toevoegen' }).click();
	await expect(form.getByText('Dit is geen e-mailadres.')).toBeVisible();
	await expect(form.getByLabel('Naam')).toHaveValue('Incasso Noord');
	await expect(form.getByLabel('Telefoonnummer (voor klanten)')).toHaveValue('050 123 4567');
	await look(page, 'agency-refused');
	await form.getByLabel('E-mailadres (voor klanten)').fill('dossiers@incassonoord.example');
	await form.getByRole('button', { name: 'Bureau toevoegen' }).click();
	await expect(page.getByTestId('agencies')).toContainText('Incasso Noord');

	// The journey's end proposes; here it is proposed straight away, as the daily run would.
	await withDb(async (db) => {
		const [d] = await db.select({ merchantId: debtors.merchantId }).from(debtors).where(eq(debtors.id, debtorId));
		const scope = { merchantId: d.merchantId, userId: '00000000-0000-0000-0000-000000000000', role: 'owner' as const };
		const [agency] = await handover.agencies(db, scope);
		await handover.propose(db, d.merchantId, debtorId, agency.id, { proposedBy: 'journey', reason: 'journey_ended' });
	});
	await page.reload();
	const waiting = page.getByTestId('handover-waiting');
	await expect(waiting).toContainText('Ruben Bakker');
	await expect(waiting).toContainText('Alle herinneringen zijn verstuurd en er is niet betaald.');
	await look(page, 'waiting');
	await waiting.getByRole('button', { name: 'Niet overdragen' }).click();
	await expect(page.getByText('Schrijf kort waarom (minstens 3 tekens).')).toBeVisible();
	await page.getByTestId('handover-waiting').getByRole('button', { name: 'Overdragen', exact: true }).click();
	await expect(page.getByTestId('handover-done')).toHaveText('Overgedragen. Het bewijsdossier staat klaar.');
	const withAgency = page.getByTestId('handover-with-agency');
	await expect(withAgency).toContainText(/Controlecode: [0-9a-f]{64}/);
	await look(page, 'with-agency');
	const download = page.waitForEvent('download');
	await withAgency.getByTestId('evidence-download').click();
	const zip = await (await download).createReadStream();
	const chunks: Buffer[] = [];
	for await (const c of zip) chunks.push(c as Buffer);
	expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK');
	if (SHOTS) writeFileSync(join(SHOTS, 'handover-evidence.zip'), Buffer.concat(chunks));

	// The debtor's page, on their own phone.
	const debtor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
	const theirs = await debtor.newPage();
	await theirs.goto(shop.debtors[0].link);
	await expect(theirs.getByTestId('lead')).toHaveAttribute('data-situation', 'handed_over');
	await expect(theirs.getByTestId('handed-over')).toContainText('Nu bij Incasso Noord');
	await expect(theirs.getByTestId('agency-phone')).toHaveAttribute('href', 'tel:0501234567');
	await expect(theirs.getByText('Betalen gaat nu via Incasso Noord.')).toBeVisible();
	await expect(theirs.getByRole('button', { name: /iDEAL/ })).toHaveCount(0);
	await expect(theirs.getByRole('link', { name: 'Betalingsregeling samenstellen' })).toHaveCount(0);
	if (SHOTS) await theirs.screenshot({ path: join(SHOTS, 'handover-debtor-page.png'), fullPage: true });
	// A plan cannot be made behind the page's back either.
	await theirs.goto(`${shop.debtors[0].link}/plan`);
	await expect(theirs.getByTestId('handed-over')).toBeVisible();

	// Taken back from the debtor's console page: the pay button returns.
	await page.goto(`/console/debtors/${debtorId}`);
	const section = page.getByTestId('debtor-handover');
	await expect(section).toContainText('Overgedragen op');
	await section.getByLabel('Reden').fill('Klant belde en regelt het zelf');
	await section.getByRole('button', { name: 'Terugnemen' }).click();
	await expect(page.getByTestId('debtor-handover')).toContainText('Teruggenomen. De klant is weer bij Coulant.');
	await look(page, 'taken-back');
	await theirs.goto(shop.debtors[0].link);
	await expect(theirs.getByRole('button', { name: /iDEAL/ }).first()).toBeVisible();
	await debtor.close();
});

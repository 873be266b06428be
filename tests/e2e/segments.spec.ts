// Segments on a phone: the owner makes a segment for large amounts in the formal tone, sees the effect (who lands
// where, who moves) before saving — a bad value named next to its field first — saves, and that debtor's page then
// speaks formally while the other's stays friendly. With SCREENSHOTS_DIR=<dir> each state is saved as a screenshot.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { debtors } from '../../src/lib/server/db/schema';
import * as segments from '../../src/lib/server/segments/service';
import * as make from '../helpers/fixtures';
import { signIn, tenant, withDb } from './fixtures';

const SHOTS = process.env.SCREENSHOTS_DIR;
const look = async (page: Page, name: string) => {
	if (SHOTS) await page.screenshot({ path: join(SHOTS, `segments-${name}.png`), fullPage: true });
};
const lookAt = async (part: Locator, name: string) => {
	if (SHOTS) await part.screenshot({ path: join(SHOTS, `segments-${name}.png`) });
};

test('a segment is made, its effect seen, saved, and its debtor gets the segment’s tone', async ({ page }) => {
	test.setTimeout(60_000);
	const shop = await tenant('Fietsenwinkel Segment', ['Lotte Jansen', 'Ruben Bakker'], { tone: 'friendly' });
	const [lotte, ruben] = shop.debtors;
	// Ruben owes € 180 in all, Lotte € 42,50.
	await withDb(async (db) => {
		const [d] = await db.select({ merchantId: debtors.merchantId }).from(debtors).where(eq(debtors.id, ruben.id));
		await make.claim(db, { merchantId: d.merchantId, debtorId: ruben.id }, { amountCents: 13_750 });
	});

	await signIn(page, shop.owner);
	await page.getByRole('link', { name: 'Segmenten' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Segmenten');
	await expect(page.getByTestId('no-segments')).toBeVisible();
	await expect(page.getByTestId('save')).toBeDisabled();

	await page.getByRole('button', { name: 'Segment toevoegen' }).click();
	const first = page.getByTestId('segment').first();
	await first.getByLabel('Naam').fill('Zakelijk');
	await first.getByRole('button', { name: 'Voorwaarde toevoegen' }).click();
	await first.getByLabel('Waarover').selectOption({ label: 'Label' });
	await first.getByLabel('Waarde').fill('zakelijke klant');
	await first.getByLabel('Toon').selectOption({ label: 'Formeel' });
	await page.getByTestId('preview').click();
	await expect(first.getByText('Een label bestaat uit kleine letters')).toBeVisible();
	await expect(first.getByLabel('Naam')).toHaveValue('Zakelijk');
	await look(page, 'refused');
	await lookAt(first, 'refused-card');

	await first.getByLabel('Waarde').fill('business');
	await page.getByTestId('preview').click();
	// Nobody has the label yet: both stay in Iedereen, nobody moves.
	await expect(page.getByTestId('effect')).toContainText('Niemand verhuist.');
	await first.getByLabel('Waarover').selectOption({ label: 'Openstaand bedrag (€)' });
	await first.getByLabel('Hoe').selectOption({ label: 'minstens' });
	await first.getByLabel('Waarde').fill('100');
	// A changed draft must be looked at again before it can be saved.
	await expect(page.getByTestId('save')).toBeDisabled();
	await page.getByTestId('preview').click();
	const effect = page.getByTestId('effect');
	await expect(effect.getByTestId('effect-segment')).toHaveCount(2);
	await expect(effect.getByTestId('effect-segment').first()).toContainText('Zakelijk');
	await expect(effect.getByTestId('effect-segment').first()).toContainText('1 klant');
	await expect(effect.getByTestId('effect-segment').first()).toContainText('€ 180,00');
	await expect(effect.getByTestId('move')).toHaveCount(1);
	await expect(effect.getByTestId('move')).toContainText('Ruben Bakker');
	await expect(effect.getByTestId('move')).toContainText('Iedereen → Zakelijk');
	await look(page, 'effect');
	await lookAt(effect, 'effect-card');
	await lookAt(first, 'card');

	await page.getByTestId('save').click();
	await expect(page.getByTestId('saved')).toContainText('1 klant is verhuisd');
	await expect(page.getByTestId('segment')).toHaveCount(2);
	await look(page, 'saved');
	if (SHOTS) {
		// The same page in English, with the effect of the saved segments shown.
		await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: page.url() }]);
		await page.reload();
		await page.getByTestId('preview').click();
		await expect(page.getByTestId('effect')).toContainText('Nobody moves.');
		await look(page, 'en');
		await lookAt(page.getByTestId('segment').first(), 'en-card');
		await page.context().clearCookies({ name: 'PARAGLIDE_LOCALE' });
	}

	await page.goto(ruben.link);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Geachte Ruben Bakker,');
	await page.goto(lotte.link);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Lotte,');

	// Labelled vulnerable (as an import would), Lotte is offered a person before anything about money.
	await withDb(async (db) => {
		const [d] = await db
			.update(debtors)
			.set({ tags: ['vulnerable'] })
			.where(eq(debtors.id, lotte.id))
			.returning();
		await segments.refresh(db, d.merchantId, [d.id]);
	});
	await page.reload();
	const contact = await page.getByTestId('contact').boundingBox();
	const balance = await page.getByTestId('balance').boundingBox();
	expect(contact!.y).toBeLessThan(balance!.y);
	await look(page, 'vulnerable-page');
});

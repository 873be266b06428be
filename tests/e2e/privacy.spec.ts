// The debtor's rights in the console: support downloads a settled debtor's data, then erases it after a confirmation
// naming what the law keeps; a debtor with an open claim cannot be erased; the owner sets the retention period.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { claims } from '../../src/lib/server/db/schema';
import { signIn, tenant, withDb } from './fixtures';

const SHOTS = process.env.SCREENSHOTS_DIR;
/** With SCREENSHOTS_DIR=<dir>, each state is saved as a 360 px phone screenshot. */
async function shot(page: Page, name: string) {
	if (SHOTS) await page.screenshot({ path: `${SHOTS}/privacy-${name}.png`, fullPage: true });
}

async function staff(browser: Browser, email: string, locale: 'nl' | 'en' = 'nl') {
	const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL', acceptDownloads: true });
	const page = await context.newPage();
	await signIn(page, email);
	if (locale === 'en') await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: page.url() }]);
	return page;
}

test('support downloads a settled debtor’s data, then erases it; the name and the personal link are gone', async ({ browser }) => {
	const t = await tenant(
		'Privacywinkel',
		['Wilhelmina Korteweg', 'Open Ottolien'],
		{},
		{ debtor: { email: 'w.korteweg@voorbeeld.example' } }
	);
	const [settled, open] = t.debtors;
	const agent = await staff(browser, t.agent);

	// An open claim: erasure is refused, with the reason.
	await agent.goto(`/console/debtors/${open.id}`);
	await expect(agent.getByTestId('erase-refused')).toContainText('er staat nog een factuur open');

	// The other one has paid: download, then erase.
	await withDb((db) => db.update(claims).set({ status: 'paid', amountPaidCents: 4250 }).where(eq(claims.debtorId, settled.id)));
	await agent.goto(`/console/debtors/${settled.id}`);

	const [download] = await Promise.all([agent.waitForEvent('download'), agent.getByTestId('export').click()]);
	const data = JSON.parse(await readFile((await download.path())!, 'utf8'));
	expect(data.person).toMatchObject({ name: 'Wilhelmina Korteweg', email: 'w.korteweg@voorbeeld.example' });
	expect(JSON.stringify(data)).not.toContain('Ottolien');
	await agent.reload();
	await expect(agent.getByTestId('timeline')).toContainText('Gegevens gedownload');

	await agent.getByText('Gegevens wissen', { exact: true }).click();
	await expect(agent.getByText('Wat blijft (wettelijke plicht):')).toBeVisible();
	await shot(agent, 'confirm-nl');
	const serious = (await new AxeBuilder({ page: agent }).analyze()).violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(serious).toEqual([]);
	await agent.getByLabel('Wanneer en hoe vroeg de persoon erom?').fill('Per e-mail op 7 december');
	await agent.getByLabel('Ik heb gecontroleerd dat deze persoon dit zelf vroeg.').check();
	await agent.getByTestId('erase').click();
	await expect(agent.getByTestId('erased')).toHaveText('De gegevens van deze persoon zijn gewist.');
	await expect(agent.getByRole('heading', { level: 1 })).toHaveText('[gewist]');
	await expect(agent.getByTestId('erased-at')).toBeVisible();
	await expect(agent.locator('body')).not.toContainText('Korteweg');
	await expect(agent.getByTestId('timeline')).toContainText('Persoonsgegevens gewist');
	await shot(agent, 'erased-nl');
	// The personal link no longer opens the page.
	expect((await agent.request.get(settled.link)).status()).toBe(404);
});

test('the owner sets the retention period; a period out of bounds is refused beside the field', async ({ browser }) => {
	const t = await tenant('Bewaarwinkel');
	const owner = await staff(browser, t.owner);
	await owner.goto('/console/settings', { waitUntil: 'networkidle' });
	const field = owner.getByLabel('Maanden na afronding');
	await expect(field).toHaveValue('24');
	// The browser's own check is bypassed, as a script would, to see the server's answer.
	await owner.locator('form[action="?/retention"]').evaluate((form: HTMLFormElement) => (form.noValidate = true));
	await field.fill('3');
	await owner.getByRole('button', { name: 'Termijn opslaan' }).click();
	await expect(owner.getByRole('alert')).toHaveText('Kies een hele termijn tussen 6 en 120 maanden.');
	await expect(owner.getByLabel('Maanden na afronding')).toHaveValue('3');
	await owner.getByLabel('Maanden na afronding').fill('36');
	await owner.getByRole('button', { name: 'Termijn opslaan' }).click();
	await expect(owner.getByTestId('saved')).toBeVisible();
	await expect(owner.getByLabel('Maanden na afronding')).toHaveValue('36');
	await shot(owner, 'settings-nl');
});

if (SHOTS) {
	test('screenshots in English', async ({ browser }) => {
		const t = await tenant('Privacy shop', ['Wilhelmina Korteweg'], {}, { claim: { status: 'paid', amountPaidCents: 4250 } });
		const page = await staff(browser, t.owner, 'en');
		await page.goto(`/console/debtors/${t.debtors[0].id}`);
		await page.getByText('Erase data', { exact: true }).click();
		await shot(page, 'confirm-en');
		await page.goto('/console/settings');
		await page.locator('#retention-heading').scrollIntoViewIfNeeded();
		await shot(page, 'settings-en');
	});
}

// What the debtor page leads with, in every situation a debtor can be in (see src/routes/(debtor)/d/[token]/situation.ts).
// With SHOTS=<dir> each situation is also saved as a 360 px phone screenshot in nl and en, in all three tones.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { eq, sql } from 'drizzle-orm';
import { debtors, merchants } from '../../src/lib/server/db/schema';
import { debtorOwing, withDb } from './fixtures';

const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ');
const tokenOf = (link: string) => link.split('/').pop()!;

/** The debtor (and merchant) behind a link, for situations set up straight in the database. */
async function ownerOf(link: string) {
	return withDb(async (db) => {
		const rows = await db.execute(sql`select d.id as debtor_id, d.merchant_id from links l join debtors d on d.id = l.debtor_id
			where l.token_hash = encode(sha256(convert_to(${tokenOf(link)}, 'UTF8')), 'hex')`);
		const row = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows)[0] as
			{ debtor_id: string; merchant_id: string } | undefined;
		return row;
	});
}

async function checkout(page: Page, outcome: string) {
	await expect(page).toHaveURL(/\/standin\/mollie\/checkout\/tr_\w+$/);
	await page.getByLabel(outcome).check();
	await page.getByRole('button', { name: 'Doorgaan' }).click();
}

/** The lead (what the page opens with) is the first card after the greeting; the page is axe-clean; screenshots if asked. */
async function leads(page: Page, link: string, situation: string, first: string | null, shot = situation) {
	await page.goto(link);
	await expect(page.getByTestId('lead')).toHaveAttribute('data-situation', situation);
	if (first) {
		const firstCard = page.locator('main > section.card, main > section.video-card').first();
		await expect(firstCard).toHaveAttribute('data-testid', first);
	}
	const axe = await new AxeBuilder({ page }).analyze();
	expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBe(0);
	await shots(page, link, shot);
}

async function shots(page: Page, link: string, situation: string) {
	const dir = process.env.SHOTS;
	if (!dir) return;
	test.info().setTimeout(test.info().timeout + 60_000); // six full-page screenshots on a busy machine
	const owner = await ownerOf(link);
	for (const tone of ['friendly', 'neutral', 'formal'] as const) {
		await withDb((db) => db.update(merchants).set({ tone }).where(eq(merchants.id, owner!.merchant_id)));
		for (const [locale, name] of [
			['nl', 'Nederlands'],
			['en', 'English']
		]) {
			// The debtor's own choice, as they make it: a known debtor's stored language wins over any cookie.
			await page.goto(link);
			const choose = page.locator('.language-switch').getByRole('button', { name, exact: true });
			if (await choose.isEnabled()) await Promise.all([page.waitForURL(link), choose.click()]);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await page.screenshot({ path: `${dir}/${situation}-${locale}-${tone}.png`, fullPage: true });
		}
	}
	await page.goto(link);
	const dutch = page.locator('.language-switch').getByRole('button', { name: 'Nederlands', exact: true });
	if (await dutch.isEnabled()) await Promise.all([page.waitForURL(link), dutch.click()]);
	await withDb((db) => db.update(merchants).set({ tone: 'friendly' }).where(eq(merchants.id, owner!.merchant_id)));
	await page.goto(link);
}

test('open: the balance and paying it lead, with the other ways below', async ({ page }) => {
	const link = await debtorOwing([2495, 6450]);
	await leads(page, link, 'open', null);
	await expect(page.getByTestId('pay').getByRole('button', { name: 'Betaal € 89,45 met iDEAL' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Betalingsregeling samenstellen' })).toBeVisible();
});

test('a plan on track by direct debit leads with the plan: next date, amount, account, all is well; the rest is quiet', async ({
	page
}) => {
	const link = await debtorOwing([6000, 3001]);
	await page.goto(`${link}/plan`);
	await page.getByLabel('Aantal termijnen').selectOption('4');
	// The schedule says what happens on which date: the first instalment today by iDEAL, the rest by direct debit.
	await expect(page.getByTestId('schedule').locator('li').first()).toContainText('Vandaag, met iDEAL');
	await expect(page.getByTestId('schedule').locator('li').nth(1)).toContainText('automatische incasso');
	await page.getByRole('button', { name: /Bevestigen en eerste termijn betalen/ }).click();
	await checkout(page, 'Betaald');
	await leads(page, link, 'plan', 'plan', 'plan_direct_debit');
	await expect(page.getByTestId('plan-all-well')).toContainText('Alles is in orde');
	// The direct debit is set up with Mollie right after the first payment is settled: a page opened in between shows
	// the next date without the account, and the account once the set-up has landed.
	await expect(async () => {
		await page.reload();
		await expect(page.getByTestId('plan-next')).toContainText('NL55 •••• 0000', { timeout: 1000 });
	}).toPass({ timeout: 20_000 });
	const today = new Intl.DateTimeFormat('nl', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' }).format(
		new Date()
	);
	await expect(page.getByTestId('plan').locator('li[data-status="paid"]')).toHaveText(new RegExp(`Betaald op ${today}`));
	// Paying the whole rest early is a quiet, secondary option, and no button pushes the whole balance as the main action.
	await expect(page.getByTestId('pay-rest').getByRole('button', { name: 'Betaal de rest (€ 67,50)' })).toHaveClass(/secondary/);
	await expect(page.getByRole('button', { name: /met iDEAL/ })).toHaveCount(0);
});

test('a pay-by-link plan leads with paying the next instalment; the rest is quiet', async ({ page }) => {
	const link = await debtorOwing([6000]);
	await page.goto(`${link}/plan`);
	await page.getByLabel('Zelf betalen, elke termijn via een link').check();
	await page.getByRole('button', { name: 'Regeling bevestigen' }).click();
	await leads(page, link, 'plan', 'plan', 'plan_by_link');
	await expect(page.getByTestId('plan').getByRole('button', { name: 'Betaal termijn 1 nu (€ 20,00)' })).not.toHaveClass(/secondary/);
	await expect(page.getByTestId('pay-rest').getByRole('button')).toHaveClass(/secondary/);
	// The first instalment falls due today, and the page says so instead of a date to work out.
	await expect(page.getByTestId('plan-next')).toHaveText('Volgende termijn: € 20,00, vandaag.');
	await expect(page.getByTestId('plan').locator('li').first()).toContainText('Vandaag');
});

test('a plan waiting for its first instalment leads with paying it', async ({ page }) => {
	const link = await debtorOwing([6000]);
	await page.goto(`${link}/plan`);
	await page.getByRole('button', { name: /Bevestigen en eerste termijn betalen/ }).click();
	await checkout(page, 'Geannuleerd');
	await leads(page, link, 'plan_first', 'plan');
	await expect(page.getByTestId('plan').getByRole('button', { name: /Betaal termijn 1 nu/ })).toBeVisible();
});

test('a broken plan leads with the way back', async ({ page }) => {
	const link = await debtorOwing([6000]);
	await page.goto(`${link}/plan`);
	await page.getByLabel('Zelf betalen, elke termijn via een link').check();
	await page.getByRole('button', { name: 'Regeling bevestigen' }).click();
	const owner = await ownerOf(link);
	await withDb((db) => db.execute(sql`update plans set status = 'broken', updated_at = now() where debtor_id = ${owner!.debtor_id}::uuid`));
	await leads(page, link, 'plan_broken', 'plan-broken');
	await expect(page.getByTestId('plan-broken').getByRole('link', { name: 'Nieuwe regeling samenstellen' })).toBeVisible();
});

test('a missed instalment leads with paying that one, the way back to on track', async ({ page }) => {
	const link = await debtorOwing([6000]);
	await page.goto(`${link}/plan`);
	await page.getByLabel('Zelf betalen, elke termijn via een link').check();
	await page.getByRole('button', { name: 'Regeling bevestigen' }).click();
	const owner = await ownerOf(link);
	await withDb(async (db) => {
		await db.execute(sql`update plans set status = 'at_risk', updated_at = now() where debtor_id = ${owner!.debtor_id}::uuid`);
		await db.execute(sql`update instalments set status = 'missed' where number = 1
			and plan_id in (select id from plans where debtor_id = ${owner!.debtor_id}::uuid)`);
	});
	await leads(page, link, 'plan_missed', 'plan', 'plan_missed');
	// One way back: the missed instalment, not the next one that is weeks away.
	await expect(page.getByTestId('plan').getByRole('button', { name: /Betaal termijn/ })).toHaveText(['Betaal termijn 1 nu (€ 20,00)']);
	await expect(page.getByRole('button', { name: /met iDEAL/ })).toHaveCount(0);
});

test('a plan held by a dispute asks for no instalment while we look into it', async ({ page }) => {
	const link = await debtorOwing([6000]);
	await page.goto(`${link}/plan`);
	await page.getByLabel('Zelf betalen, elke termijn via een link').check();
	await page.getByRole('button', { name: 'Regeling bevestigen' }).click();
	await page.goto(`${link}/message?kind=disagree`);
	await page
		.getByLabel(/Je bericht|Bericht/)
		.first()
		.fill('Deze fiets heb ik teruggestuurd.');
	await page.getByRole('button', { name: 'Verstuur bericht' }).click();
	await expect(page.getByTestId('message-sent')).toBeVisible();
	await leads(page, link, 'plan_held', 'plan', 'plan_held');
	await expect(page.getByRole('button', { name: /Betaal termijn/ })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /met iDEAL/ })).toHaveCount(0);
	// Paused is what the plan card says, not "on track" beside it.
	await expect(page.getByTestId('plan-on-hold')).toBeVisible();
	await expect(page.getByTestId('plan-status')).toHaveCount(0);
});

test('a payment on its way: the page says it is being processed and asks for no second one', async ({ page }) => {
	const link = await debtorOwing([4500]);
	await page.goto(link);
	await page.getByRole('button', { name: /Betaal € 45,00 met iDEAL/ }).click();
	await checkout(page, 'Open laten (terug zonder te betalen)');
	const owner = await ownerOf(link);
	// A bank transfer or SEPA payment Mollie reports as pending: it is on its way but not in yet.
	await withDb((db) => db.execute(sql`update payments set status = 'pending' where debtor_id = ${owner!.debtor_id}::uuid`));
	await leads(page, link, 'pending', null);
	await expect(page.getByTestId('pay')).toContainText('Er wordt al een betaling voor dit bedrag verwerkt');
	await expect(page.getByRole('button', { name: /met iDEAL/ })).toHaveCount(0);
});

test('on hold: what we are checking and where the answer will appear', async ({ page }) => {
	const link = await debtorOwing([4250]);
	await page.goto(`${link}/message?kind=already_paid`);
	await page
		.getByLabel(/Je bericht|Bericht/)
		.first()
		.fill('Ik heb dit op 3 november al overgemaakt.');
	await page.getByRole('button', { name: 'Verstuur bericht' }).click();
	await expect(page.getByTestId('message-sent')).toBeVisible();
	await leads(page, link, 'on_hold', 'on-hold-lead');
	await expect(page.getByTestId('on-hold-lead')).toContainText('Het antwoord komt hier');
	await expect(page.getByRole('button', { name: /met iDEAL/ })).toHaveCount(0);
});

test('paused: nothing to do now', async ({ page }) => {
	const link = await debtorOwing([4250]);
	const owner = await ownerOf(link);
	await withDb((db) => db.update(debtors).set({ collectionPausedAt: new Date() }).where(eq(debtors.id, owner!.debtor_id)));
	await leads(page, link, 'paused', 'paused');
	await expect(page.getByRole('button', { name: /met iDEAL/ })).toHaveCount(0);
});

test('more time agreed: the date leads, paying is the way to keep it', async ({ page }) => {
	const link = await debtorOwing([4500]);
	await page.goto(link);
	await page.getByLabel('Ik betaal uiterlijk op').fill(new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
	await page.getByRole('button', { name: 'Meer tijd aanvragen' }).click();
	await leads(page, link, 'promise', null);
	await expect(page.locator('main > section.card').first()).toHaveAttribute('id', 'more-time');
});

test('settled: what was paid and when', async ({ page }) => {
	const link = await debtorOwing([2495, 6450]);
	await page.goto(link);
	await page.getByRole('button', { name: /Betaal € 89,45 met iDEAL/ }).click();
	await checkout(page, 'Betaald');
	await leads(page, link, 'settled', 'receipts');
	const receipts = page.getByTestId('receipts');
	expect(plain(await receipts.textContent())).toContain('€ 89,45');
	await expect(receipts).toContainText('iDEAL');
	await expect(receipts).toContainText('Betaalde facturen');
});

test('after a failed payment the plan and more time are offered right there', async ({ page }) => {
	const link = await debtorOwing([40000]);
	await page.goto(link);
	await page.getByRole('button', { name: /met iDEAL/ }).click();
	await checkout(page, 'Mislukt');
	const ways = page.getByTestId('other-ways');
	await expect(ways.getByRole('link', { name: 'Betalingsregeling samenstellen' })).toHaveAttribute('href', `${link}/plan`);
	await expect(ways.getByRole('link', { name: 'Meer tijd vragen' })).toHaveAttribute('href', `${link}#more-time`);
	await expect(page.getByRole('button', { name: 'Opnieuw betalen' })).toBeVisible();
});

test('a refused message lands on the field, keeps what was typed and says the file must be chosen again', async ({ page }) => {
	const link = await debtorOwing([4250]);
	await page.goto(`${link}/message?kind=question`);
	const body = page.getByLabel('Je bericht');
	await body.evaluate((el) => el.removeAttribute('required'));
	await body.fill('   ');
	await page.getByLabel('Bewijs of bijlage (niet verplicht)').setInputFiles({
		name: 'bon.pdf',
		mimeType: 'application/pdf',
		buffer: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n')
	});
	await page.getByRole('button', { name: 'Verstuur bericht' }).click();
	await expect(page.getByLabel('Je bericht')).toBeFocused();
	await expect(page.getByTestId('error-summary')).toBeVisible();
	await expect(page.getByTestId('file-again')).toHaveText('Kies het bestand opnieuw: de browser onthoudt het niet na een foutmelding.');
	await expect(page.getByLabel('Vraag', { exact: false }).first()).toBeDefined();
	await expect(page.getByLabel('Ik heb een vraag')).toBeChecked();
});

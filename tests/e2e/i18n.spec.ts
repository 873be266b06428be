// Every debtor in their own language: the page, the plan form and the message form in all seven languages, with no
// serious accessibility problem; Arabic right to left and mirrored, nothing wider than a 360 px phone; the language
// chosen from what we know of the debtor; the console staying Dutch or English.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tenant } from './fixtures';

const LOCALES = ['nl', 'en', 'de', 'fr', 'tr', 'pl', 'ar'] as const;
type Locale = (typeof LOCALES)[number];
const SHOTS = process.env.SCREENSHOTS_DIR;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

const messages = (locale: Locale) =>
	JSON.parse(readFileSync(resolve(import.meta.dirname, `../../messages/portal/${locale}.json`), 'utf8')) as Record<string, string>;
const greeting = (locale: Locale, name: string) => messages(locale).greeting_friendly.replace('{name}', name);

async function debtorIn(locale: Locale, name = 'Lotte Jansen') {
	const { debtors } = await tenant(`Fietsenwinkel ${locale}`, [name], {}, { debtor: { locale }, claim: { amountCents: 18_650 } });
	return debtors[0].link;
}

/** Colours are the same in every language: contrast is checked in nl and ar (both directions), the rest everywhere. */
async function seriousProblems(page: Page, locale: Locale) {
	const axe = new AxeBuilder({ page });
	if (locale !== 'nl' && locale !== 'ar') axe.disableRules(['color-contrast']);
	const result = await axe.analyze();
	return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

async function noOverflow(page: Page) {
	const sticking = await page.evaluate(() => {
		const wide = document.documentElement.scrollWidth - window.innerWidth;
		const cards = [...document.querySelectorAll<HTMLElement>('.card, main, footer')].filter((e) => e.scrollWidth > e.clientWidth + 1);
		return { wide, cards: cards.map((e) => e.className || e.tagName) };
	});
	expect(sticking).toEqual({ wide: expect.any(Number), cards: [] });
	expect(sticking.wide).toBeLessThanOrEqual(0);
}

async function look(page: Page, name: string) {
	if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

for (const locale of LOCALES) {
	test(`${locale}: the page, the plan form and the message form speak the debtor's language and pass axe`, async ({ page }) => {
		// Three axe runs: on a busy two-core machine each can take several seconds.
		test.setTimeout(120_000);
		const link = await debtorIn(locale);
		await page.goto(link);
		const dir = locale === 'ar' ? 'rtl' : 'ltr';
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		await expect(page.locator('html')).toHaveAttribute('dir', dir);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(greeting(locale, 'Lotte'));
		await expect(page.getByRole('heading', { name: messages(locale).claims_heading })).toBeVisible();
		expect(await seriousProblems(page, locale)).toEqual([]);
		await noOverflow(page);
		await look(page, `${locale}-page`);

		await page.goto(`${link}/plan`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(messages(locale).plan_title);
		expect(await seriousProblems(page, locale)).toEqual([]);
		await noOverflow(page);
		await look(page, `${locale}-plan`);

		await page.goto(`${link}/message`);
		await expect(page.getByRole('button', { name: messages(locale).message_submit })).toBeVisible();
		expect(await seriousProblems(page, locale)).toEqual([]);
		await noOverflow(page);
		await look(page, `${locale}-message`);
	});
}

test('Arabic mirrors the layout: amounts at the inline end on the left, headings and the first button on the right', async ({ page }) => {
	const rows = async () =>
		page
			.locator('.claim-main')
			.first()
			.evaluate((row) => {
				const box = (s: string) => row.querySelector(s)!.getBoundingClientRect();
				return { description: box('.claim-description').left, amount: box('.claim-amount').left };
			});
	const headingEdges = async () =>
		page.locator('#claims-heading').evaluate((h) => {
			const range = document.createRange();
			range.selectNodeContents(h);
			const text = range.getBoundingClientRect();
			const card = h.closest('.card')!.getBoundingClientRect();
			return { fromLeft: text.left - card.left, fromRight: card.right - text.right };
		});

	await page.goto(await debtorIn('nl'));
	const ltr = await rows();
	expect(ltr.amount).toBeGreaterThan(ltr.description);
	const ltrHeading = await headingEdges();
	expect(ltrHeading.fromLeft).toBeLessThan(ltrHeading.fromRight);

	const arabic = await debtorIn('ar');
	await page.goto(arabic);
	const rtl = await rows();
	expect(rtl.amount).toBeLessThan(rtl.description);
	const rtlHeading = await headingEdges();
	expect(rtlHeading.fromRight).toBeLessThan(rtlHeading.fromLeft);
	// Amounts are written by Intl for Arabic (186.50 €, with a right-to-left mark), never Dutch-style (€ 186,50).
	await expect(page.getByTestId('balance')).toHaveText(/186\.50\s€/);
	await noOverflow(page);

	// On a wider screen the two pay buttons stand side by side: the first (primary) one on the right.
	await page.setViewportSize({ width: 900, height: 900 });
	const buttons = page.locator('[data-testid="pay"] .actions .button');
	if ((await buttons.count()) > 1) {
		const [first, second] = [await buttons.nth(0).boundingBox(), await buttons.nth(1).boundingBox()];
		expect(first!.x).toBeGreaterThan(second!.x);
	}
});

test("a debtor imported without a language gets their browser's, else the merchant's default", async ({ browser }) => {
	const { debtors } = await tenant(
		'Fietsenwinkel standaardtaal',
		['Jonas Weber', 'Ana Silva'],
		{ defaultLocale: 'fr' },
		{ debtor: { locale: 'fr', localeGiven: false } }
	);
	const german = await browser.newContext({ locale: 'de-DE', viewport: { width: 360, height: 740 } });
	const page = await german.newPage();
	await page.goto(debtors[0].link);
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(greeting('de', 'Jonas'));
	await german.close();
	// A browser language we do not have (Portuguese): the merchant's default.
	const portuguese = await browser.newContext({ locale: 'pt-BR', viewport: { width: 360, height: 740 } });
	const other = await portuguese.newPage();
	await other.goto(debtors[1].link);
	await expect(other.locator('html')).toHaveAttribute('lang', 'fr');
	await expect(other.getByRole('heading', { level: 1 })).toHaveText(greeting('fr', 'Ana'));
	await portuguese.close();
});

test('the language switch names each language in its own name and keeps the choice for the debtor', async ({ browser }) => {
	const link = await debtorIn('tr', 'Çağrı Şimşek');
	// The debtor's language from the import wins over the browser's Accept-Language.
	const context = await browser.newContext({ locale: 'de-DE', viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	await page.goto(link);
	await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Merhaba Çağrı,');
	for (const name of ['Nederlands', 'English', 'Deutsch', 'Français', 'Türkçe', 'Polski', 'العربية']) {
		await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
	}
	await page.getByRole('button', { name: 'Polski', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cześć Çağrı!');
	await context.close();

	// Another phone, another browser language: the debtor's own choice is kept with them.
	const other = await browser.newContext({ locale: 'fr-FR', viewport: { width: 360, height: 740 } });
	const again = await other.newPage();
	await again.goto(link);
	await expect(again.locator('html')).toHaveAttribute('lang', 'pl');
	await expect(again.getByRole('button', { name: 'Polski', exact: true })).toHaveAttribute('aria-pressed', 'true');
	await other.close();
});

test('the console stays Dutch or English whatever language a debtor page left in the browser', async ({ page, context, baseURL }) => {
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'ar', url: baseURL! }]);
	await page.goto('/console/sign-in');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
});

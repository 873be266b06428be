// Two merchants sign up from the outside (a browser, nothing else), confirm their address from the mail, connect
// their own Mollie organization in the stand-in; a debtor of each pays; a revoked authorization ends calmly.
import { expect, test, type Page } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { merchantMollie, standinPayments, users } from '../../src/lib/server/db/schema';
import * as links from '../../src/lib/server/links/service';
import * as make from '../helpers/fixtures';
import { mailsIn } from '../helpers/smtp';
import { withDb } from './fixtures';

const shots = process.env.SCREENSHOTS_DIR;
const shot = async (page: Page, name: string) => {
	if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
};

async function signUp(page: Page, company: string, email: string, password = 'vier losse woorden samen') {
	await page.goto('/console/sign-up');
	await page.getByLabel('Bedrijfsnaam (zoals klanten je kennen)', { exact: true }).fill(company);
	await page.getByLabel('Je naam', { exact: true }).fill('Ilse Spaak');
	await page.getByLabel('E-mailadres', { exact: true }).fill(email);
	await page.getByLabel('Wachtwoord (minstens 10 tekens)', { exact: true }).fill(password);
	await page.getByLabel('Statutaire naam', { exact: true }).fill(`${company} B.V.`);
	await page.getByLabel('Adres van het bedrijf', { exact: true }).fill('Kerkstraat 1, 1017 GA Amsterdam');
	await page.getByLabel('KvK-nummer', { exact: true }).fill('12345678');
	await page.getByLabel('Naam op bankafschrift (SEPA)', { exact: true }).fill(company);
	await page.getByRole('button', { name: 'Account maken' }).click();
}

async function verifyFromMail(page: Page, email: string) {
	let link: string | undefined;
	for (let i = 0; i < 50 && !link; i++) {
		const mails = await mailsIn(process.env.E2E_MAIL_DIR!, email);
		link = mails[0]?.mail.text?.match(/https?:\/\/\S+\/console\/verify\/\S+/)?.[0];
		if (!link) await page.waitForTimeout(100);
	}
	expect(link).toBeTruthy();
	await page.goto(link!);
	await expect(page.getByTestId('verified')).toHaveText('Je e-mailadres is bevestigd');
}

async function connectMollie(page: Page, organization: string) {
	await page.goto('/console/mollie');
	await expect(page.getByTestId('mollie-none')).toBeVisible();
	await page.getByTestId('mollie-connect').click();
	await expect(page).toHaveURL(/\/standin\/mollie\/oauth2\/authorize\?/);
	await page.getByLabel('Naam van de nieuwe organisatie', { exact: true }).fill(organization);
	await page.getByTestId('standin-approve').click();
	await expect(page.getByTestId('mollie-done')).toHaveText('Toestemming gekregen. Kies nog het websiteprofiel.');
	await page.getByRole('button', { name: 'Dit profiel gebruiken' }).click();
	await expect(page.getByTestId('mollie-done')).toHaveText('Mollie is gekoppeld. Je klanten kunnen nu online betalen.');
	await expect(page.getByTestId('mollie-mode')).toHaveText('Test: er wordt geen echt geld betaald');
}

/** A debtor of the merchant behind this owner's address, with one claim and a live link. */
const debtorOf = (email: string, cents: number) =>
	withDb(async (db) => {
		const [owner] = await db.select({ merchantId: users.merchantId }).from(users).where(eq(users.email, email));
		const d = await make.debtor(db, owner.merchantId, { name: 'Lotte Jansen' });
		await make.claim(db, { merchantId: owner.merchantId, debtorId: d.id }, { amountCents: cents });
		const { token } = await links.issue(db, d.id, 30);
		return { link: `/d/${token}`, merchantId: owner.merchantId };
	});

async function pay(page: Page, link: string) {
	await page.goto(link);
	await page.getByRole('button', { name: /met iDEAL/ }).click();
	await expect(page).toHaveURL(/\/standin\/mollie\/checkout\/tr_\w+$/);
	const id = page.url().split('/').pop()!;
	await page.getByLabel('Betaald', { exact: true }).check();
	await page.getByRole('button', { name: 'Doorgaan' }).click();
	await expect(page.getByTestId('payment-status')).toHaveText('Dank je wel! Je betaling is binnen.');
	return id;
}

test('sign-up says next to the field what is wrong: a weak password, a taken address', async ({ page }) => {
	const email = `taken-${Date.now()}@spaak.test`;
	await signUp(page, 'Winkel Nul', email, 'password123');
	await expect(page.getByTestId('password-problem')).toHaveText(/te makkelijk te raden/);
	await expect(page.getByLabel('E-mailadres', { exact: true })).toHaveValue(email);
	await signUp(page, 'Winkel Nul', email);
	await expect(page).toHaveURL(/\/console\/verify$/);
	await expect(page.getByTestId('unverified-banner')).toHaveCount(0);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bevestig je e-mailadres');
	await shot(page, 'tenants-verify-nl');
	await page.context().clearCookies();
	await signUp(page, 'Winkel Nul', email);
	await expect(page.getByTestId('email-problem')).toHaveText('Dit e-mailadres heeft al een account. Log in, of gebruik een ander adres.');
	await shot(page, 'tenants-signup-errors-nl');
});

test('two merchants, each with their own Mollie: each payment lands in its own organization; a revoked one ends calmly', async ({
	browser,
	request
}) => {
	// Two sign-ups, two authorizations and two payments on a shared two-core machine.
	test.setTimeout(120_000);
	const merchants: { page: Page; email: string; link: string; merchantId: string }[] = [];
	for (const [company, org] of [
		['Winkel Een', 'Organisatie Een'],
		['Winkel Twee', 'Organisatie Twee']
	]) {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
		const page = await context.newPage();
		const email = `owner-${company.replace(' ', '-').toLowerCase()}-${Date.now()}@spaak.test`;
		await signUp(page, company, email);
		await expect(page).toHaveURL(/\/console\/verify$/);
		await verifyFromMail(page, email);
		await page.goto('/console');
		await expect(page.getByTestId('checklist-mollie')).toBeVisible();
		await expect(page.getByTestId('checklist-verify')).toHaveCount(0);
		await connectMollie(page, org);
		if (company === 'Winkel Een') await shot(page, 'tenants-mollie-connected-nl');
		merchants.push({ page, email, ...(await debtorOf(email, company === 'Winkel Een' ? 2500 : 4000)) });
	}
	const paid: string[] = [];
	for (const m of merchants) paid.push(await pay(m.page, m.link));

	const orgs = await withDb(async (db) => {
		const out: string[] = [];
		for (const [i, m] of merchants.entries()) {
			const [row] = await db.select().from(merchantMollie).where(eq(merchantMollie.merchantId, m.merchantId));
			const [p] = await db.select().from(standinPayments).where(eq(standinPayments.id, paid[i]));
			expect(row.accessToken).toMatch(/^v1:/);
			expect(p.organizationId).toBe(row.organizationId);
			out.push(row.organizationId!);
		}
		return out;
	});
	expect(orgs[0]).not.toBe(orgs[1]);

	// The second merchant removes the app in Mollie: the next look at Mollie finds out.
	await request.post('/standin/mollie/control', { data: { action: 'revokeOrganization', organizationId: orgs[1] } });
	const second = merchants[1];
	const again = await debtorOf(second.email, 1500);
	const debtor = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
	const debtorPage = await debtor.newPage();
	await debtorPage.goto(again.link);
	// The methods on the page may come from the cache; the tap on pay is what asks Mollie, and learns it is revoked.
	const button = debtorPage.getByRole('button', { name: /met iDEAL/ });
	if (await button.count()) await button.click();
	await expect(debtorPage.getByTestId('no-online-payment')).toContainText('Online betalen kan nu niet');
	await expect(debtorPage.getByRole('button', { name: /met iDEAL/ })).toHaveCount(0);
	await shot(debtorPage, 'tenants-no-mollie-debtor-nl');
	await debtorPage.getByRole('button', { name: 'English' }).click();
	await expect(debtorPage.getByTestId('no-online-payment')).toContainText("Paying online isn't possible right now");
	await shot(debtorPage, 'tenants-no-mollie-debtor-en');
	await second.page.goto('/console');
	await expect(second.page.getByTestId('revoked-banner')).toBeVisible();
	await second.page.getByTestId('revoked-banner').getByRole('link').click();
	await expect(second.page).toHaveURL(/\/console\/mollie$/);
	await expect(second.page.getByTestId('mollie-revoked')).toBeVisible();
	await expect(second.page.getByTestId('mollie-connect')).toHaveText('Opnieuw koppelen met Mollie');
	await shot(second.page, 'tenants-mollie-revoked-nl');
});

test('the sign-up page speaks English to an English browser', async ({ browser }) => {
	const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'en-GB' });
	const page = await context.newPage();
	await page.goto('/console/sign-up');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign up');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByTestId('kvk-problem')).toHaveText('A KvK number has 8 digits.');
	await shot(page, 'tenants-signup-errors-en');
	await page.goto('/console/verify/not-a-real-token-at-all-xxxx');
	await expect(page.getByTestId('verify-gone')).toHaveText('This link no longer works');
	await shot(page, 'tenants-verify-gone-en');
});

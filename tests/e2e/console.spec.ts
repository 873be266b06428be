// The merchant console on a phone: sign in, see only your own merchant, hand out a link, invite an agent.
import { readFile } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { phone, signIn, tenant } from './fixtures';

const plain = (s: string | null) => (s ?? '').replace(/\s/g, ' ');

test('the demo owner signs in and sees the overview, the debtors and their claims', async ({ page }) => {
	const response = await page.goto('/console');
	expect(new URL(page.url()).pathname).toBe('/console/sign-in');
	expect(response?.headers()['cache-control']).toContain('no-store');
	await signIn(page, 'eigenaar@degroenefiets.example', 'demo-wachtwoord');
	await expect(page.getByTestId('count-debtors')).toHaveText('6');
	await expect(page.getByRole('banner')).toContainText('De Groene Fiets');
	await page.getByRole('link', { name: 'Debiteuren', exact: true }).click();
	const mehmet = page.getByRole('link', { name: /Mehmet Yılmaz/ });
	expect(plain(await mehmet.textContent())).toContain('€ 114,40');
	expect(
		await new AxeBuilder({ page }).analyze().then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'))
	).toEqual([]);
	await mehmet.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mehmet Yılmaz');
	await expect(page.locator('.claim-row')).toHaveCount(3);
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
});

test('a wrong password and an unknown address get the same answer; the address is kept, the password not', async ({ page }) => {
	const a = await tenant('Winkel Fout');
	const answers = [];
	for (const email of [a.owner, 'niemand@console.test']) {
		await page.goto('/console/sign-in');
		await page.getByLabel('E-mailadres').fill(email);
		await page.getByLabel('Wachtwoord').fill('helemaal fout');
		await page.getByRole('button', { name: 'Inloggen' }).click();
		answers.push(await page.getByRole('alert').textContent());
		await expect(page.getByLabel('E-mailadres')).toHaveValue(email);
		await expect(page.getByLabel('Wachtwoord')).toHaveValue('');
		expect(await page.content()).not.toContain('helemaal fout');
	}
	expect(answers[0]).toContain('horen niet bij elkaar');
	expect(answers[1]).toBe(answers[0]);
});

test("a user of merchant A cannot see or touch merchant B's debtors", async ({ page, baseURL }) => {
	const a = await tenant('Winkel A', ['Anna Appel']);
	const b = await tenant('Winkel B', ['Bert Bakker']);
	await signIn(page, a.owner);
	await expect(page.getByTestId('count-debtors')).toHaveText('1');
	await page.goto('/console/debtors');
	await expect(page.locator('.rows li')).toHaveCount(1);
	await expect(page.locator('main')).not.toContainText('Bert Bakker');

	const response = await page.goto(`/console/debtors/${b.debtors[0].id}`);
	expect(response?.status()).toBe(404);
	await expect(page.locator('body')).not.toContainText('Bert Bakker');
	const post = await page.request.post(`/console/debtors/${b.debtors[0].id}?/newLink`, {
		form: { reason: 'trying someone else’s debtor' },
		headers: { origin: baseURL! }
	});
	expect(post.status()).toBe(404);
	expect(await post.text()).not.toContain('/d/');
	// B's debtor still opens B's own link.
	expect((await page.request.get(b.debtors[0].link)).status()).toBe(200);
});

test('a new personal link replaces the old one and is shown once, with a QR code', async ({ page }) => {
	const a = await tenant('Winkel QR', ['Quinten de Rooij']);
	await signIn(page, a.agent);
	await page.goto('/console/debtors');
	await page.getByRole('link', { name: /Quinten de Rooij/ }).click();
	expect(plain(await page.getByTestId('debtor-balance').textContent())).toContain('€ 42,50');
	// A new link needs a reason: without one, nothing changes.
	await page.getByRole('button', { name: 'Nieuwe persoonlijke link maken' }).click();
	await expect(page.getByTestId('new-link')).toHaveCount(0);
	expect((await page.request.get(a.debtors[0].link)).status()).toBe(200);
	await page.getByLabel('Reden voor een nieuwe link (verplicht)').fill('Klant had de e-mail verwijderd');
	await page.getByRole('button', { name: 'Nieuwe persoonlijke link maken' }).click();
	const url = await page.getByTestId('new-link').textContent();
	expect(url).toMatch(/\/d\/[A-Za-z0-9_-]{27}$/);
	await expect(page.getByRole('img', { name: 'QR-code van de nieuwe persoonlijke link' }).locator('svg')).toBeVisible();
	await expect(page.getByRole('link', { name: 'QR-code downloaden (PNG)' })).toHaveAttribute('href', /^data:image\/png;base64,/);
	expect((await page.request.get(a.debtors[0].link)).status()).toBe(404);
	expect((await page.request.get(new URL(url!).pathname)).status()).toBe(200);
	// Shown once: the debtor's page itself never carries it.
	await page.goto(new URL(page.url()).pathname);
	await expect(page.getByTestId('new-link')).toHaveCount(0);
});

test('owner-only pages are closed to agents with a friendly 403', async ({ page, baseURL }) => {
	const a = await tenant('Winkel Rollen');
	await signIn(page, a.agent);
	await expect(page.getByRole('link', { name: 'Team' })).toHaveCount(0);
	for (const path of ['/console/team', '/console/links']) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alleen voor eigenaren');
	}
	const csv = await page.request.post('/console/links.csv', { form: { confirm: 'yes' }, headers: { origin: baseURL! } });
	expect(csv.status()).toBe(403);
	expect((await page.request.get(a.debtors[0].link)).status()).toBe(200);
});

test('the owner downloads new links for everyone after confirming, each with a message signed with the sender name; old links stop working', async ({
	page
}) => {
	const a = await tenant('Winkel Export', ['Eva Export', 'Frits Export'], { tone: 'formal', senderName: 'Klantenservice Winkel Export' });
	await signIn(page, a.owner);
	await page.getByRole('link', { name: 'Links voor iedereen' }).click();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Nieuwe links maken voor alle debiteuren (oude links werken niet meer)' }).click()
	]);
	const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\ufeff/, '');
	const [header, ...rows] = parse(csv) as string[][];
	expect(header).toEqual(['customer_ref', 'name', 'email', 'link', 'message']);
	expect(rows).toHaveLength(2);
	const eva = rows.find((r) => r[1] === 'Eva Export')!;
	// Ready to paste into an e-mail: in the merchant's (formal) tone, with the link, signed with the sender name.
	expect(eva[4]).toBe(
		`Geachte Eva Export, volgens onze gegevens staat er bij Winkel Export nog een bedrag open. Op uw persoonlijke pagina ziet u waar het om gaat en hoe u het kunt regelen: ${eva[3]}\n\nMet vriendelijke groet, Klantenservice Winkel Export`
	);
	const fresh = rows.map((r) => new URL(r[3]).pathname);
	for (const link of fresh) expect((await page.request.get(link)).status()).toBe(200);
	for (const d of a.debtors) expect((await page.request.get(d.link)).status()).toBe(404);
	const head = await page.request.post('/console/links.csv', { form: { confirm: 'yes' }, headers: { origin: new URL(page.url()).origin } });
	expect(head.headers()['cache-control']).toContain('no-store');
	expect((await page.request.get('/console/links.csv')).status()).toBe(405);
});

test('an owner invites an agent, who joins once with the link', async ({ page, browser }) => {
	const a = await tenant('Winkel Team');
	await signIn(page, a.owner);
	await page.getByRole('link', { name: 'Team' }).click();
	await page.getByLabel('E-mailadres').fill('not an address');
	await page.getByRole('button', { name: 'Uitnodigingslink maken' }).click();
	await expect(page.getByRole('alert')).toContainText('geldig e-mailadres');
	const invitee = `nieuw-${Date.now()}@console.test`;
	await page.getByLabel('E-mailadres').fill(invitee);
	await page.getByRole('button', { name: 'Uitnodigingslink maken' }).click();
	const url = new URL((await page.getByTestId('invite-link').textContent())!);

	const other = await phone(browser);
	const newcomer = await other.newPage();
	await newcomer.goto(url.pathname);
	await expect(newcomer.getByRole('heading', { level: 1 })).toHaveText('Welkom bij Winkel Team');
	await newcomer.getByLabel('Naam').fill('Nina Nieuw');
	await newcomer.getByLabel('Wachtwoord (minstens 10 tekens)').fill('kort');
	await newcomer.getByLabel('Herhaal het wachtwoord').fill('kort');
	await newcomer.getByRole('button', { name: 'Account aanmaken' }).click();
	await expect(newcomer.getByRole('alert')).toContainText('minstens 10 tekens');
	await expect(newcomer.getByLabel('Naam')).toHaveValue('Nina Nieuw');
	await newcomer.getByLabel('Wachtwoord (minstens 10 tekens)').fill('nina haar wachtwoord');
	await newcomer.getByLabel('Herhaal het wachtwoord').fill('nina haar wachtwoord');
	await newcomer.getByRole('button', { name: 'Account aanmaken' }).click();
	await expect(newcomer.getByRole('heading', { level: 1 })).toHaveText('Overzicht');
	await expect(newcomer.getByRole('contentinfo')).toContainText('Nina Nieuw · medewerker bij Winkel Team');
	expect((await newcomer.goto(url.pathname))?.status()).toBe(404);
	await other.close();

	await page.reload();
	await expect(page.locator('main')).toContainText('Nina Nieuw');
});

test('sign out everywhere ends the sessions on other devices too', async ({ page, browser }) => {
	const a = await tenant('Winkel Uit');
	await signIn(page, a.owner);
	const other = await phone(browser);
	const second = await other.newPage();
	await signIn(second, a.owner);
	const cookie = (await other.cookies()).find((c) => c.name === 'coulant_session');
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
	await page.getByRole('button', { name: 'Overal uitloggen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inloggen');
	await second.goto('/console/debtors');
	await expect(second.getByRole('heading', { level: 1 })).toHaveText('Inloggen');
	await other.close();
});

test('a sign-in posted from another site is refused', async ({ request }) => {
	const forged = await request.post('/console/sign-in', {
		form: { email: 'eigenaar@degroenefiets.example', password: 'demo-wachtwoord' },
		headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }
	});
	expect(forged.status()).toBe(403);
});

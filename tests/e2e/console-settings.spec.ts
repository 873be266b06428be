// Owner settings on a phone: colours and tone change the live preview and then the real debtor page; the privacy check holds.
import { expect, test, type Page } from '@playwright/test';
import { phone, signIn, tenant as sharedTenant } from './fixtures';

/** A merchant of its own in the brand colour #1f4e5f with a friendly tone; one debtor, Lotte Jansen, postcode 1234AB. */
async function tenant(name: string, over: { privacyCheck?: 'none' | 'postcode' } = {}) {
	const t = await sharedTenant(
		name,
		['Lotte Jansen'],
		{ brandColor: '#1f4e5f', tone: 'friendly', ...over },
		{ debtor: { postcode: '1234AB' } }
	);
	return { owner: t.owner, agent: t.agent, link: t.debtors[0].link };
}

const brandOf = (page: Page, selector: string) =>
	page.locator(selector).evaluate((el) => getComputedStyle(el).getPropertyValue('--brand').trim());

test('colours and tone: the preview follows as the owner edits, and the debtor page after saving', async ({ page, browser }) => {
	const t = await tenant('Winkel Kleur');
	await signIn(page, t.owner);
	await page.getByRole('link', { name: 'Instellingen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Instellingen');
	const preview = page.getByTestId('preview');
	expect(await brandOf(page, '#settings-preview')).toBe('#1f4e5f');

	// A colour no text is readable on is refused, with every field kept and the reason beside it.
	await page.locator('[name=brandColor]').fill('#ff0000');
	await expect(page.locator('[data-contrast-for=brandColor] [data-contrast-warning]')).toBeVisible();
	await page.getByLabel('Telefoonnummer').fill('020 765 4321');
	await page.getByRole('button', { name: 'Huisstijl en contact opslaan' }).click();
	await expect(page.getByText('Op deze hoofdkleur haalt wit noch bijna zwart een contrast van 4,5:1')).toBeVisible();
	await expect(page.getByLabel('Telefoonnummer')).toHaveValue('020 765 4321');
	await expect(page.locator('[name=brandColor]')).toHaveValue('#ff0000');

	// Live: colour, name and tone change in the preview before saving.
	await page.locator('[name=brandColor]').fill('#7a2e8e');
	await page.getByLabel('Naam op de pagina').fill('Fietsplaats');
	expect(await brandOf(page, '#settings-preview')).toBe('#7a2e8e');
	await expect(page.locator('[data-contrast-for=brandColor]')).toContainText('wit');
	await expect(preview.locator('.brand-name')).toHaveText('Fietsplaats');
	await page.getByLabel('Formeel').check();
	await expect(preview.getByText('Geachte Sanne de Vries,')).toBeVisible();
	await expect(preview.getByText('Hoi Sanne,')).toBeHidden();

	await page.getByRole('button', { name: 'Huisstijl en contact opslaan' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();
	await page.getByLabel('Formeel').check();
	await page.getByRole('button', { name: 'Toon opslaan' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();
	// The server's render after saving shows the same.
	expect(await brandOf(page, '#settings-preview')).toBe('#7a2e8e');
	await expect(preview.getByText('Geachte Sanne de Vries,')).toBeVisible();

	// And so does the debtor's own page, which still ships no script of its own.
	const debtor = await phone(browser);
	const d = await debtor.newPage();
	await d.goto(t.link);
	await expect(d.getByRole('heading', { level: 1 })).toHaveText('Geachte Lotte Jansen,');
	await expect(d.locator('.brand-name')).toHaveText('Fietsplaats');
	expect(await brandOf(d, '.portal')).toBe('#7a2e8e');
	await expect(d.getByRole('link', { name: 'Bel 020 765 4321' })).toBeVisible();
	await debtor.close();
});

test('logo, contact details, sender name and the video script follow the form before saving', async ({ page }) => {
	const t = await tenant('Winkel Live');
	await signIn(page, t.owner);
	await page.goto('/console/settings');
	const preview = page.getByTestId('preview');
	const logo = preview.locator('.brand-header img');
	await expect(logo).toBeHidden();

	// A chosen logo shows in the phone at once, with a reminder that it is not uploaded yet.
	const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#f2b134"/></svg>';
	await page.getByLabel('Logobestand').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(svg) });
	await expect(logo).toBeVisible();
	expect(await logo.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
	await expect(page.getByText('Dit logo is nog niet geüpload')).toBeVisible();

	// Contact details appear in the phone's contact card as they are typed.
	await page.getByLabel('Telefoonnummer').fill('020 765 4321');
	await page.getByLabel('Bereikbaar', { exact: true }).fill('op werkdagen van 9 tot 17 uur');
	await expect(preview.getByText('Bel 020 765 4321')).toBeAttached();
	await expect(preview.getByText('Bereikbaar op werkdagen van 9 tot 17 uur')).toBeAttached();
	await page.getByLabel('Telefoonnummer').fill('');
	await expect(preview.getByText('Bel 020 765 4321')).toBeHidden();

	// The sender name signs the message with each link, in the tone chosen.
	await page.getByLabel('Naam van de afzender in berichten').fill('Team Winkel Live');
	await expect(page.getByText('Groetjes, Team Winkel Live')).toBeVisible();

	// The video's words follow the tone; this e2e server makes no videos and says so.
	const script = page.getByTestId('video-script');
	await expect(script).toContainText('Hoi Sanne, Een kort bericht van Winkel Live, speciaal voor jou.');
	await expect(page.getByRole('status').filter({ hasText: 'geen video’s' })).toBeVisible();
	await page.getByLabel('Formeel').check();
	await expect(script).toContainText('Geachte Sanne de Vries, Een kort bericht van Winkel Live, speciaal voor u.');
	await expect(page.getByText('Met vriendelijke groet, Team Winkel Live')).toBeVisible();
	await page.getByLabel('Naam op de pagina').fill('Winkel Levend');
	await expect(script).toContainText('Een kort bericht van Winkel Levend, speciaal voor u.');

	// Nothing of this was saved until the buttons are pressed.
	await page.reload();
	await expect(preview.locator('.brand-header img')).toBeHidden();
	await expect(script).toContainText('Hoi Sanne,');
	await expect(page.getByLabel('Naam van de afzender in berichten')).toHaveValue('');
	await expect(preview.getByText('Bereikbaar op werkdagen van 9 tot 17 uur')).toBeHidden();
});

test('policy: a minimum instalment above the plan threshold is explained, a good policy is saved', async ({ page }) => {
	const t = await tenant('Winkel Regels');
	await signIn(page, t.owner);
	await page.goto('/console/settings/policy');
	await page.getByLabel('Kleinste termijnbedrag (€)').fill('100');
	await page.getByRole('button', { name: 'Regels opslaan' }).click();
	await expect(page.getByText('Het kleinste termijnbedrag kan niet hoger zijn dan het kleinste openstaande bedrag')).toBeVisible();
	await expect(page.getByLabel('Kleinste termijnbedrag (€)')).toHaveValue('100');
	await page.getByLabel('Kleinste termijnbedrag (€)').fill('12,50');
	await page.getByLabel('Elke week').uncheck();
	await page.getByRole('button', { name: 'Regels opslaan' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Kleinste termijnbedrag (€)')).toHaveValue('12.50');
	await expect(page.getByLabel('Elke week')).not.toBeChecked();
});

test('agents cannot open the settings', async ({ page }) => {
	const t = await tenant('Winkel Agent');
	await signIn(page, t.agent);
	await expect(page.getByRole('link', { name: 'Instellingen' })).toHaveCount(0);
	for (const path of ['/console/settings', '/console/settings/policy']) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(403);
	}
});

test('behind a postcode check the debtor sees nothing until the right postcode', async ({ page }) => {
	const t = await tenant('Winkel Privacy', { privacyCheck: 'postcode' });
	await page.goto(t.link);
	expect(new URL(page.url()).pathname).toBe(`${t.link}/confirm`);
	await expect(page.locator('.brand-name')).toHaveText('Winkel Privacy');
	const hidden = async () => {
		const html = await page.content();
		for (const secret of ['Lotte', '42,50', 'Fietsabonnement']) expect(html).not.toContain(secret);
	};
	await hidden();
	// The plan page and the page's actions are behind the same check.
	await page.goto(`${t.link}/plan`);
	expect(new URL(page.url()).pathname).toBe(`${t.link}/confirm`);
	await hidden();

	await page.getByLabel('Postcode').fill('9999 ZZ');
	await page.getByRole('button', { name: 'Bevestigen' }).click();
	await expect(page.getByRole('alert')).toContainText('komt niet overeen');
	await hidden();

	await page.getByLabel('Postcode').fill('1234 ab');
	await page.getByRole('button', { name: 'Bevestigen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoi Lotte,');
	expect(new URL(page.url()).pathname).toBe(t.link);
	await expect(page.getByTestId('balance')).toContainText('42,50');
});

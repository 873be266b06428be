// Support on one screen while the debtor acts on another: the timeline updates live, actions need a reason.
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser } from '@playwright/test';
import { phone, signIn, tenant } from './fixtures';

/** A merchant of its own, "Supportwinkel": an agent, and Lotte Jansen owing `amountCents` on one claim. */
async function merchantWithDebtor(amountCents = 4250) {
	const t = await tenant('Supportwinkel', ['Lotte Jansen'], {}, { claim: { amountCents } });
	return { email: t.agent, debtorId: t.debtors[0].id, link: t.debtors[0].link };
}

/** The agent, signed in on a desktop screen of their own. */
async function agentAt(browser: Browser, email: string) {
	const agent = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
	await signIn(agent, email);
	return agent;
}

test('an agent watches a debtor act, live, then records a note with a reason', async ({ browser }) => {
	const { email, debtorId, link } = await merchantWithDebtor();
	const agent = await agentAt(browser, email);
	await agent.goto(`/console/debtors/${debtorId}`);
	const timeline = agent.getByTestId('timeline');
	await expect(timeline).toContainText('Nog niets gebeurd.');

	const debtor = await (await phone(browser)).newPage();
	await debtor.goto(link);
	await expect(timeline.locator('li[data-type="link.opened"]')).toHaveCount(1, { timeout: 10_000 });
	await expect(timeline).toContainText('Link geopend');
	// A live item reads as the page renders it: the merchant's clock and format, and who did it ("klant").
	const live = await timeline.locator('li[data-type="link.opened"]').innerText();
	expect(live).toContain('klant');
	await agent.reload();
	expect(await timeline.locator('li[data-type="link.opened"]').innerText()).toBe(live);
	await debtor.getByLabel('Ik betaal uiterlijk op').fill(new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10));
	await debtor.getByRole('button', { name: 'Meer tijd aanvragen' }).click();
	await expect(timeline.locator('li[data-type="promise.made"]')).toHaveCount(1, { timeout: 10_000 });
	await expect(timeline).toContainText('Meer tijd gevraagd');

	// A note without a reason is refused and the form keeps what was typed.
	await agent.getByLabel('Notitie toevoegen').fill('ok');
	await agent.getByRole('button', { name: 'Notitie toevoegen' }).click();
	await expect(agent.getByRole('alert')).toContainText('minstens een paar woorden');
	await agent.getByLabel('Notitie toevoegen').fill('Klant belde: betaalt volgende week.');
	await agent.getByRole('button', { name: 'Notitie toevoegen' }).click();
	await expect(agent.getByRole('status')).toHaveText('Vastgelegd.');
	await expect(agent.getByTestId('timeline').locator('li').first()).toContainText('Klant belde: betaalt volgende week.');
});

test('an agent makes a pay link for one instalment; the debtor pays just that instalment with it', async ({ browser }) => {
	const { email, debtorId, link } = await merchantWithDebtor(6000);
	const debtor = await (await phone(browser)).newPage();
	await debtor.goto(`${link}/plan`);
	await debtor.getByLabel('Zelf betalen, elke termijn via een link').check();
	await debtor.getByLabel('Aantal termijnen').selectOption('2');
	await debtor.getByRole('button', { name: 'Regeling bevestigen' }).click();
	await expect(debtor.getByTestId('plan-status')).toHaveText('Loopt volgens plan');

	const agent = await agentAt(browser, email);
	await agent.goto(`/console/debtors/${debtorId}`);
	// Looking at the plan options is on the timeline once, not once per preview.
	await expect(agent.getByTestId('timeline').locator('li[data-type="options.viewed"]')).toHaveCount(1);
	await agent.getByRole('button', { name: 'Betaallink voor termijn 2' }).click();
	const url = await agent.getByTestId('paylink').textContent();
	expect(url).toMatch(/\/i\/[\w-]{27}$/);

	await debtor.goto(new URL(url!).pathname);
	await expect(debtor.getByRole('heading', { level: 1 })).toHaveText('Termijn 2 van 2');
	await debtor.getByRole('button', { name: /met iDEAL/ }).click();
	await debtor.getByLabel('Betaald').check();
	await debtor.getByRole('button', { name: 'Doorgaan' }).click();
	await expect(debtor.getByTestId('payment-status')).toHaveText('Dank je wel! Je betaling is binnen.');
	await debtor.goto(new URL(url!).pathname);
	await expect(debtor.getByRole('status')).toHaveText('Deze termijn is al betaald. Dank je wel!');
});

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

test('a debtor says they already paid, with proof; the agent sees it live, answers, and the debtor reads the answer', async ({
	browser
}) => {
	const { email, debtorId, link } = await merchantWithDebtor(4250);
	const agent = await agentAt(browser, email);
	await agent.goto(`/console/debtors/${debtorId}`);
	const timeline = agent.getByTestId('timeline');

	const debtor = await (await phone(browser)).newPage();
	await debtor.goto(link);
	await debtor.getByRole('link', { name: 'Ik heb al betaald' }).click();
	await expect(debtor.getByLabel('Ik heb al betaald')).toBeChecked();

	// A file that only pretends to be a PDF is refused; what was typed stays.
	await debtor.getByLabel('Je bericht').fill('Ik heb op 3 oktober via de bank betaald.');
	await debtor
		.getByLabel('Bewijs of bijlage (niet verplicht)')
		.setInputFiles({ name: 'afschrift.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
	await debtor.getByRole('button', { name: 'Verstuur bericht' }).click();
	const why = 'Dit bestand kunnen we niet openen. Stuur een PDF, JPEG of PNG.';
	await expect(debtor.getByTestId('message-problem')).toHaveText(why);
	// The page opens on the file field, its reason next to it and read with it; a summary at the top links to it.
	const file = debtor.getByLabel('Bewijs of bijlage (niet verplicht)');
	await expect(file).toBeFocused();
	await expect(file).toBeInViewport();
	await expect(file).toHaveAccessibleDescription(new RegExp(why.replace(/\./g, '\\.')));
	await expect(debtor.getByTestId('error-summary').getByRole('link', { name: why })).toHaveAttribute('href', '#attachment');
	await expect(debtor.getByLabel('Je bericht')).toHaveValue('Ik heb op 3 oktober via de bank betaald.');
	await expect(debtor.getByLabel('Ik heb al betaald')).toBeChecked();

	await debtor
		.getByLabel('Bewijs of bijlage (niet verplicht)')
		.setInputFiles({ name: 'afschrift.pdf', mimeType: 'application/pdf', buffer: PDF });
	await debtor.getByRole('button', { name: 'Verstuur bericht' }).click();
	await expect(debtor.getByTestId('message-sent')).toContainText('staat nu in de wacht');
	await expect(timeline.locator('li[data-type="dispute.opened"]')).toHaveCount(1, { timeout: 10_000 });
	await expect(timeline).toContainText('Factuur betwist');

	// Back on the overview: nothing to pay while support looks, and the message waits for an answer.
	await debtor.getByRole('link', { name: 'Terug naar je overzicht' }).click();
	await expect(debtor.getByTestId('on-hold-note')).toContainText('€ 42,50 staat in de wacht');
	await expect(debtor.getByRole('button', { name: /met iDEAL/ })).toHaveCount(0);
	await expect(debtor.getByTestId('messages')).toContainText('We kijken ernaar.');

	// The agent reads the message and the proof, and answers.
	await agent.reload();
	const inbox = agent.getByTestId('console-messages');
	await expect(inbox).toContainText('Ik heb op 3 oktober via de bank betaald.');
	const download = agent.waitForEvent('download');
	await inbox.getByRole('link', { name: /Bijlage: afschrift\.pdf/ }).click();
	const saved = await download;
	expect(saved.suggestedFilename()).toBe('afschrift.pdf');
	expect((await readFile(await saved.path())).subarray(0, 5).toString()).toBe('%PDF-');
	await inbox.getByLabel('Antwoord aan de klant').fill('Klopt, we zien je betaling van 3 oktober. De factuur is afgeboekt.');
	await inbox.getByRole('button', { name: 'Oplossen' }).click();
	await expect(agent.getByRole('status')).toHaveText('Vastgelegd.');
	await expect(agent.getByTestId('timeline').locator('li').first()).toContainText('Bericht beantwoord');

	await debtor.reload();
	await expect(debtor.getByTestId('answer')).toHaveText('Klopt, we zien je betaling van 3 oktober. De factuur is afgeboekt.');
	await expect(debtor.getByTestId('messages')).toContainText('Opgelost — antwoord van Supportwinkel');
});

test('an agent pauses collection out of goodwill: the debtor page asks for nothing until it is resumed', async ({ browser }) => {
	const { email, debtorId, link } = await merchantWithDebtor(6000);
	const agent = await agentAt(browser, email);
	await agent.goto(`/console/debtors/${debtorId}`);
	await agent.getByLabel('Innen pauzeren — Reden (verplicht)').fill('Klant ligt in het ziekenhuis');
	await agent.getByRole('button', { name: 'Innen pauzeren' }).click();
	await expect(agent.getByTestId('paused-since')).toBeVisible();
	// Still owed, just not asked for.
	await expect(agent.getByTestId('debtor-balance')).toContainText(/60,00.*waarvan €\s60,00 in de wacht/);

	const debtor = await (await phone(browser)).newPage();
	await debtor.goto(link);
	await expect(debtor.getByTestId('paused')).toContainText('Je hoeft nu niets te doen');
	await expect(debtor.getByRole('button', { name: /met iDEAL/ })).toHaveCount(0);
	await expect(debtor.getByRole('link', { name: /regeling/i })).toHaveCount(0);

	await agent.getByLabel('Innen hervatten — Reden (verplicht)').fill('Klant is weer thuis');
	await agent.getByRole('button', { name: 'Innen hervatten' }).click();
	await debtor.reload();
	await expect(debtor.getByRole('button', { name: 'Betaal € 60,00 met iDEAL' })).toBeVisible();
});

test('the message form refuses an empty file and one over 5 MB with a clear message, and keeps what was typed', async ({
	page,
	baseURL
}) => {
	const { link } = await merchantWithDebtor(4250);
	const post = (buffer: Buffer, name: string) =>
		page.request.post(`${link}/message`, {
			headers: { origin: baseURL!, accept: 'text/html' },
			multipart: { kind: 'question', claimId: '', body: 'Mag ik later betalen?', attachment: { name, mimeType: 'application/pdf', buffer } }
		});
	const big = Buffer.alloc(5 * 1024 * 1024 + 10);
	PDF.copy(big);
	const tooLarge = await post(big, 'scan.pdf');
	expect(tooLarge.status()).toBe(413);
	expect(await tooLarge.text()).toContain('groter dan 5 MB');
	const empty = await post(Buffer.alloc(0), 'leeg.pdf');
	expect(empty.status()).toBe(400);
	const html = await empty.text();
	expect(html).toContain('Dit bestand is leeg.');
	expect(html).toContain('Mag ik later betalen?');
});

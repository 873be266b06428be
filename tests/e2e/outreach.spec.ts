// The reminder journey end to end: the merchant rewords a step and sees it on the phone preview; the debtor's mail
// arrives at a real SMTP server, its link opens their page, they pay — and no further reminder comes, only a receipt.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { debtors, merchants } from '../../src/lib/server/db/schema';
import { followEvents } from '../../src/lib/server/outreach/events';
import { merchantOutreachColumns, planMerchant } from '../../src/lib/server/outreach/plan';
import { sendDue } from '../../src/lib/server/outreach/send';
import { smtpTransport } from '../../src/lib/server/outreach/transport';
import { mailsIn } from '../helpers/smtp';
import { signIn, tenant, withDb } from './fixtures';

const ANY_TIME = { policy: { window: { timeZone: 'Europe/Amsterdam', startHour: 0, endHour: 24, sundays: true } } };
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

test('a reworded reminder is previewed, arrives by e-mail, its link opens the page, and after paying no reminder follows', async ({
	page,
	baseURL
}) => {
	const email = `lotte-${randomUUID().slice(0, 8)}@example.nl`;
	const shop = await tenant(
		'Fietsenwinkel Herinnering',
		['Lotte Jansen'],
		{ senderName: 'Team Herinnering', outreach: ANY_TIME as never },
		{ debtor: { email }, claim: { dueOn: daysAgo(3) } }
	);
	const merchantId = await withDb(
		async (db) => (await db.select({ m: debtors.merchantId }).from(debtors).where(eq(debtors.id, shop.debtors[0].id)))[0].m
	);

	// The merchant rewords the first reminder and sees it before saving.
	await signIn(page, shop.owner);
	await page.goto('/console/settings/outreach');
	const step = page.getByTestId('step').nth(1);
	await step.getByText('Eigen tekst (Nederlands)').click();
	await step.locator('input[name="step-1-nl-subject"]').fill('Even een seintje van ons');
	await step
		.locator('textarea[name="step-1-nl-body"]')
		.fill('Hoi {name}, bij ons staat nog {amount} open. Betalen kan in een minuut.\n\n{link}');
	await page.locator('select[name="previewStep"]').selectOption('1');
	await page.getByTestId('preview-button').click();
	await expect(page.getByTestId('preview-subject')).toHaveText('Even een seintje van ons');
	expect(await page.getByTestId('preview-frame').getAttribute('srcdoc')).toContain('Betalen kan in een minuut.');
	// Bad words are refused on the field, and what was typed stays.
	await page.locator('textarea[name="step-1-nl-body"]').fill('Hoi {naam}, betaal even. {link}');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByTestId('outreach-problems')).toBeVisible();
	await expect(page.getByText('{naam} kennen we niet.')).toBeVisible();
	await expect(page.locator('textarea[name="step-1-nl-body"]')).toHaveValue('Hoi {naam}, betaal even. {link}');
	await page
		.locator('textarea[name="step-1-nl-body"]')
		.fill('Hoi {name}, bij ons staat nog {amount} open. Betalen kan in een minuut.\n\n{link}');
	await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();

	// The day's run: the reminder goes out through SMTP.
	const transport = smtpTransport(process.env.E2E_SMTP_URL!);
	const run = (now: Date) =>
		withDb(async (db) => {
			const [m] = await db.select(merchantOutreachColumns).from(merchants).where(eq(merchants.id, merchantId));
			await planMerchant(db, m, { origin: baseURL!, mailDomain: 'coulant.test' }, now);
			await followEvents(db, { origin: baseURL!, mailDomain: 'coulant.test' }, now);
			await sendDue(db, { transport, origin: baseURL!, mailFrom: 'berichten@coulant.test', linkTtlDays: 30 }, () => now);
		});
	await run(new Date());
	const [reminder, ...rest] = await mailsIn(process.env.E2E_MAIL_DIR!, email);
	expect(rest).toEqual([]);
	expect(reminder.mail.subject).toBe('Even een seintje van ons');
	expect(reminder.mail.from?.value[0].name).toBe('Team Herinnering');
	expect(reminder.mail.text).toContain('Hoi Lotte Jansen, bij ons staat nog');

	// The link in it opens the debtor's own page; they pay.
	const link = new URL(reminder.mail.text!.match(/https?:\/\/\S+\/d\/[A-Za-z0-9_-]+/)![0]);
	await page.goto(link.pathname);
	await page.getByRole('button', { name: /Betaal € 42,50 met iDEAL/ }).click();
	await expect(page).toHaveURL(/\/standin\/mollie\/checkout\/tr_\w+$/);
	await page.getByLabel('Betaald').check();
	await page.getByRole('button', { name: 'Doorgaan' }).click();
	await expect(page.getByText('Betaald op')).toBeVisible();

	// A week later the next reminder would be due: nothing is asked any more; the receipt is all that came.
	await run(new Date(Date.now() + 8 * 86_400_000));
	await expect.poll(async () => (await mailsIn(process.env.E2E_MAIL_DIR!, email)).length).toBe(2);
	const [, receipt] = await mailsIn(process.env.E2E_MAIL_DIR!, email);
	expect(receipt.mail.subject).not.toBe('Even een seintje van ons');
	expect(receipt.mail.text).toMatch(/42,50/);
	transport.close();
});

test('one click from a mail client stops reminders (RFC 8058), and the debtor page says so and can turn them back on', async ({
	page,
	request,
	baseURL
}) => {
	const email = `stop-${randomUUID().slice(0, 8)}@example.nl`;
	const shop = await tenant(
		'Fietsenwinkel Stop',
		['Lotte Jansen'],
		{ outreach: ANY_TIME as never },
		{ debtor: { email }, claim: { dueOn: daysAgo(0) } }
	);
	const transport = smtpTransport(process.env.E2E_SMTP_URL!);
	await withDb(async (db) => {
		const merchantId = (await db.select({ m: debtors.merchantId }).from(debtors).where(eq(debtors.id, shop.debtors[0].id)))[0].m;
		const [m] = await db.select(merchantOutreachColumns).from(merchants).where(eq(merchants.id, merchantId));
		await planMerchant(db, m, { origin: baseURL!, mailDomain: 'coulant.test' }, new Date());
		await sendDue(db, { transport, origin: baseURL!, mailFrom: 'berichten@coulant.test', linkTtlDays: 30 }, () => new Date());
	});
	transport.close();
	const [mail] = await mailsIn(process.env.E2E_MAIL_DIR!, email);
	const stop = new URL(mail.raw.match(/^List-Unsubscribe: <([^>]+)>/m)![1]);
	// What a mail provider sends: a POST with no Origin and no session, only the one-click body.
	const posted = await request.post(stop.pathname, { form: { 'List-Unsubscribe': 'One-Click' } });
	expect(posted.status()).toBe(200);
	await page.goto(stop.pathname);
	await expect(page.getByTestId('reminders-stopped')).toBeVisible();
	// The debtor's own page has it too, with the way back.
	await page.goto(`${shop.debtors[0].link}/reach`);
	await expect(page.getByTestId('reach')).toContainText('Je krijgt geen herinneringen per e-mail.');
	await page.getByRole('button', { name: 'Toch weer herinneringen ontvangen' }).click();
	await expect(page.getByTestId('reach')).toContainText(`We sturen herinneringen naar ${email}.`);
	// A stop link that is not one of ours is a plain "not found", never a 500.
	expect((await request.get('/u/not-a-real-token')).status()).toBe(404);
});

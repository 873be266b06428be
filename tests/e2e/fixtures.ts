// What the e2e tests share: fresh merchants and debtors for tests that change state, written straight into the
// e2e server's database, and signing in to the console on a phone.
import { expect, type Browser, type Page } from '@playwright/test';
import { openPostgres } from '../../src/lib/server/db/client';
import * as accounts from '../../src/lib/server/accounts/service';
import * as links from '../../src/lib/server/links/service';
import * as make from '../helpers/fixtures';

/** The password of every console user made here. */
export const PASSWORD = 'een lang genoeg wachtwoord';

/** Work on the e2e server's database, through a connection of its own that is closed afterwards. */
export async function withDb<T>(work: (db: Awaited<ReturnType<typeof openPostgres>>['db']) => Promise<T>): Promise<T> {
	const database = await openPostgres(process.env.E2E_DATABASE_URL!, { max: 1 });
	try {
		return await work(database.db);
	} finally {
		await database.close();
	}
}

export async function debtorOwing(amounts: number[], merchant: { tone?: 'friendly' | 'neutral' | 'formal' } = {}) {
	return withDb(async (db) => {
		const m = await make.merchant(db, { displayName: 'Fietsenwinkel Test', brandColor: '#7a2e8e', ...merchant });
		const d = await make.debtor(db, m.id, { name: 'Lotte Jansen' });
		for (const amountCents of amounts) await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents });
		const { token } = await links.issue(db, d.id, 30);
		return `/d/${token}`;
	});
}

/**
 * A merchant of its own: an owner and an agent (both with PASSWORD), and debtors with one open claim each
 * (€ 42,50 for "Fietsabonnement november" unless `claim` says otherwise) and a live link.
 */
export async function tenant(
	name: string,
	debtorNames = ['Lotte Jansen'],
	merchant: Parameters<typeof make.merchant>[1] = {},
	over: { debtor?: Parameters<typeof make.debtor>[2]; claim?: Parameters<typeof make.claim>[2] } = {}
) {
	return withDb(async (db) => {
		const m = await make.merchant(db, { displayName: name, ...merchant });
		const mail = (who: string) => `${who}-${m.id.slice(0, 8)}@console.test`;
		const people = { owner: mail('owner'), agent: mail('agent') };
		await accounts.createUser(db, { merchantId: m.id, email: people.owner, name: `${name} eigenaar`, role: 'owner', password: PASSWORD });
		await accounts.createUser(db, { merchantId: m.id, email: people.agent, name: `${name} medewerker`, role: 'agent', password: PASSWORD });
		const debtors = [];
		for (const n of debtorNames) {
			const d = await make.debtor(db, m.id, { name: n, ...over.debtor });
			await make.claim(
				db,
				{ merchantId: m.id, debtorId: d.id },
				{ amountCents: 4250, description: 'Fietsabonnement november', ...over.claim }
			);
			const { token } = await links.issue(db, d.id, 30);
			debtors.push({ id: d.id, name: n, link: `/d/${token}` });
		}
		return { ...people, debtors };
	});
}

/** Signs in to the console and waits for the overview. */
export async function signIn(page: Page, email: string, password = PASSWORD) {
	await page.goto('/console/sign-in');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Overzicht', { timeout: 15_000 });
}

/** A second browser context on a phone, as the tests' own project uses. */
export async function phone(browser: Browser) {
	return browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL' });
}

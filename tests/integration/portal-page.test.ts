// The debtor page's one statement: the privacy gate, the visit, and the video's facts, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client';
import { claims, merchants, promises } from '../../src/lib/server/db/schema';
import * as linkService from '../../src/lib/server/links/service';
import * as linkQueries from '../../src/lib/server/links/queries';
import * as portal from '../../src/lib/server/portal/service';
import * as privacy from '../../src/lib/server/portal/privacy';
import * as timeline from '../../src/lib/server/timeline/queries';
import { factsOf } from '../../src/lib/server/video/queries';
import { jar } from '../helpers/cookies';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

async function debtorOf(check: 'none' | 'postcode') {
	const { db } = database;
	const m = await make.merchant(db, { privacyCheck: check, displayName: 'Fietsplaats' });
	const d = await make.debtor(db, m.id, { name: 'Sanne de Vries', postcode: '1234AB' });
	await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents: 2495, dueOn: '2026-09-01' });
	const { token, linkId } = await linkService.issue(db, d.id, 30);
	return { merchant: m, debtor: d, token, linkId };
}

const visits = async (debtorId: string) => (await timeline.forDebtor(database.db, debtorId)).filter((e) => e.type === 'link.opened').length;

describe('opening the debtor page', () => {
	it('without a privacy check: shows the page and records the visit once per half hour', async () => {
		const { debtor, token } = await debtorOf('none');
		const t0 = new Date('2026-11-22T10:00:00Z');
		const page = await portal.openPage(database.db, token, { locale: 'nl', cookies: jar(), now: t0 });
		expect(page.state).toBe('open');
		if (page.state !== 'open') return;
		expect(page.view.debtorName).toBe('Sanne de Vries');
		expect(page.view.balance.total).toEqual({ amountCents: 2495, currency: 'EUR' });
		await portal.openPage(database.db, token, { locale: 'nl', cookies: jar(), now: new Date(t0.getTime() + 60_000) });
		expect(await visits(debtor.id)).toBe(1);
	});

	it('behind a privacy check: locked and no visit until the check is passed, then one visit', async () => {
		const { db } = database;
		const { debtor, token } = await debtorOf('postcode');
		const cookies = jar();
		const locked = await portal.openPage(db, token, { locale: 'nl', cookies });
		expect(locked).toEqual({ state: 'locked' });
		expect(await visits(debtor.id)).toBe(0);

		// A confirmation for another link does not open this one.
		const other = await debtorOf('postcode');
		const elsewhere = jar();
		expect((await privacy.confirm(db, other.token, '1234 AB', { client: '10.1.1.1', cookies: elsewhere, secure: false })).outcome).toBe(
			'confirmed'
		);
		expect(await portal.openPage(db, token, { locale: 'nl', cookies: elsewhere })).toEqual({ state: 'locked' });
		expect(await visits(debtor.id)).toBe(0);

		expect((await privacy.confirm(db, token, '1234 AB', { client: '10.1.1.2', cookies, secure: false })).outcome).toBe('confirmed');
		const page = await portal.openPage(db, token, { locale: 'nl', cookies });
		expect(page.state).toBe('open');
		await portal.openPage(db, token, { locale: 'nl', cookies });
		expect(await visits(debtor.id)).toBe(1);
		// The expired confirmation locks the page again.
		const later = new Date(Date.now() + (privacy.CONFIRMED_FOR_SECONDS + 5) * 1000);
		expect(await portal.openPage(db, token, { locale: 'nl', cookies, now: later })).toEqual({ state: 'locked' });
	});

	it('answers unknown, revoked and expired links as invalid, and records nothing', async () => {
		const { db } = database;
		const { debtor, token, linkId } = await debtorOf('none');
		const now = new Date();
		await linkQueries.revoke(db, linkId, now);
		const expired = await linkService.issue(db, debtor.id, 1, new Date(now.getTime() - 3 * 86_400_000));
		for (const t of [token, expired.token, 'x'.repeat(27), 'nope']) {
			expect(await portal.openPage(db, t, { locale: 'nl', cookies: jar(), now })).toEqual({ state: 'invalid' });
		}
		expect(await visits(debtor.id)).toBe(0);
	});

	it('reads the same video facts as the render queue does, so the page finds the rendered files', async () => {
		const { db } = database;
		const { merchant, debtor, token } = await debtorOf('none');
		const logo = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>');
		await db.update(merchants).set({ logo, logoType: 'image/svg+xml', logoHash: 'abcdef0123456789' }).where(eq(merchants.id, merchant.id));
		// A part-paid claim (an instalment booked on it), a paid one, and a promise.
		const part = await make.claim(db, { merchantId: merchant.id, debtorId: debtor.id }, { amountCents: 10000, dueOn: '2026-08-01' });
		await db.update(claims).set({ amountPaidCents: 4000 }).where(eq(claims.id, part.id));
		await make.claim(db, { merchantId: merchant.id, debtorId: debtor.id }, { amountCents: 500, status: 'paid' });
		await db
			.insert(promises)
			.values({ merchantId: merchant.id, debtorId: debtor.id, promisedOn: '2026-12-01', amountCents: 12495, currency: 'EUR' });

		const page = await portal.openPage(db, token, { locale: 'nl', cookies: jar() });
		if (page.state !== 'open') throw new Error(page.state);
		const { logo: bytes, ...queued } = (await factsOf(db, debtor.id))!;
		const { logoHash, ...shown } = page.video;
		expect(shown).toEqual(queued);
		// The video's figures are the page's: what is still owed of the part-paid claim, not what was invoiced.
		expect(shown.story).toMatchObject({ total: page.view.balance.total, invoices: page.view.balance.asked.length });
		expect(shown.story!.total.amountCents).toBeLessThan(10000 + 2495);
		expect(logoHash).toBe('abcdef0123456789');
		expect(new TextDecoder().decode(bytes!)).toContain('<svg');
	});
});

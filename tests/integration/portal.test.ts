// The debtor page's data path, on a real database: links, the balance, the timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client';
import { links, timelineEvents } from '../../src/lib/server/db/schema';
import * as linkService from '../../src/lib/server/links/service';
import * as linkQueries from '../../src/lib/server/links/queries';
import * as portal from '../../src/lib/server/portal/service';
import * as timeline from '../../src/lib/server/timeline/queries';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

async function debtorWithClaims() {
	const { db } = database;
	const m = await make.merchant(db, { displayName: 'De Groene Fiets', tone: 'formal', brandColor: '#1d6b4f' });
	const d = await make.debtor(db, m.id, { name: 'Mehmet Yılmaz' });
	const owner = { merchantId: m.id, debtorId: d.id };
	await make.claim(db, owner, { reference: 'B-2', amountCents: 6450, dueOn: '2026-10-13' });
	await make.claim(db, owner, { reference: 'A-1', amountCents: 2495, dueOn: '2026-09-01' });
	await make.claim(db, owner, { reference: 'P-0', amountCents: 9999, status: 'paid' });
	return { merchant: m, debtor: d };
}

describe('opening a personal link', () => {
	it('shows the debtor their open claims, total and the merchant brand', async () => {
		const { debtor } = await debtorWithClaims();
		const { token } = await linkService.issue(database.db, debtor.id, 30);
		const view = await portal.open(database.db, token, { locale: 'nl' });
		expect(view).not.toBeNull();
		expect(view!.debtorName).toBe('Mehmet Yılmaz');
		expect(view!.tone).toBe('formal');
		expect(view!.brand).toMatchObject({ displayName: 'De Groene Fiets', brandColor: '#1d6b4f' });
		expect(view!.balance.total).toEqual({ amountCents: 8945, currency: 'EUR' });
		expect(view!.balance.open.map((c) => c.reference)).toEqual(['A-1', 'B-2']);
		expect(view!.balance.oldestDueOn).toBe('2026-09-01');
		expect(view!.settled.count).toBe(1);
	});

	it('stores only the hash of the token', async () => {
		const { debtor } = await debtorWithClaims();
		const { token, linkId } = await linkService.issue(database.db, debtor.id, 30);
		const [row] = await database.db.select().from(links).where(eq(links.id, linkId));
		expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
		const dump = await database.db.execute(sql`select * from links`);
		expect(JSON.stringify(dump)).not.toContain(token);
	});

	it('answers unknown, revoked and expired links the same way: nothing', async () => {
		const { debtor } = await debtorWithClaims();
		const now = new Date('2026-11-22T10:00:00Z');
		const revoked = await linkService.issue(database.db, debtor.id, 30, now);
		await linkQueries.revoke(database.db, revoked.linkId, now);
		const expired = await linkService.issue(database.db, debtor.id, 1, new Date('2026-10-01T10:00:00Z'));
		const unknown = 'x'.repeat(27);
		for (const token of [revoked.token, expired.token, unknown, 'not-a-token']) {
			expect(await portal.open(database.db, token, { locale: 'nl', now })).toBeNull();
		}
	});

	it('records the visit once per half hour on the timeline', async () => {
		const { debtor } = await debtorWithClaims();
		const { token } = await linkService.issue(database.db, debtor.id, 30);
		const t0 = new Date('2026-11-22T10:00:00Z');
		await portal.open(database.db, token, { locale: 'nl', now: t0 });
		await portal.open(database.db, token, { locale: 'nl', now: new Date(t0.getTime() + 5 * 60_000) });
		await portal.open(database.db, token, { locale: 'en', now: new Date(t0.getTime() + 45 * 60_000) });
		const events = await timeline.forDebtor(database.db, debtor.id);
		const opened = events.filter((e) => e.type === 'link.opened');
		expect(opened).toHaveLength(2);
		expect(opened[0]).toMatchObject({ actor: 'debtor', payload: { locale: 'en' } });
	});

	it('records one visit when two tabs open the link at the same moment', async () => {
		const { debtor } = await debtorWithClaims();
		const { token } = await linkService.issue(database.db, debtor.id, 30);
		const now = new Date('2026-11-22T12:00:00Z');
		await Promise.all(Array.from({ length: 5 }, () => portal.open(database.db, token, { locale: 'nl', now })));
		const events = await timeline.forDebtor(database.db, debtor.id);
		expect(events.filter((e) => e.type === 'link.opened')).toHaveLength(1);
	});

	it('records a language switch and remembers it on the debtor', async () => {
		const { debtor } = await debtorWithClaims();
		const { token } = await linkService.issue(database.db, debtor.id, 30);
		expect(await portal.switchLanguage(database.db, token, { from: 'nl', to: 'en' })).toBe(true);
		const [event] = await timeline.forDebtor(database.db, debtor.id);
		expect(event).toMatchObject({ type: 'language.changed', actor: 'debtor', payload: { from: 'nl', to: 'en' } });
		const view = await portal.open(database.db, token, { locale: 'en' });
		expect(view).not.toBeNull();
		expect(await portal.switchLanguage(database.db, 'y'.repeat(27), { from: 'nl', to: 'en' })).toBe(false);
	});

	it('says there is nothing to pay when everything is settled', async () => {
		const { db } = database;
		const m = await make.merchant(db);
		const d = await make.debtor(db, m.id);
		await make.claim(db, { merchantId: m.id, debtorId: d.id }, { status: 'paid' });
		const { token } = await linkService.issue(db, d.id, 30);
		const view = await portal.open(db, token, { locale: 'nl' });
		expect(view!.balance.total.amountCents).toBe(0);
		expect(view!.balance.open).toEqual([]);
	});
});

describe('the timeline', () => {
	it('cannot be changed or deleted once written', async () => {
		const { merchant, debtor } = await debtorWithClaims();
		const event = await timeline.append(database.db, {
			merchantId: merchant.id,
			debtorId: debtor.id,
			type: 'note.added',
			actor: 'system',
			payload: { text: 'hello' }
		});
		await expect(database.db.update(timelineEvents).set({ type: 'tampered' }).where(eq(timelineEvents.id, event.id))).rejects.toThrow();
		await expect(database.db.delete(timelineEvents).where(eq(timelineEvents.id, event.id))).rejects.toThrow();
		const [still] = await timeline.forDebtor(database.db, debtor.id);
		expect(still.type).toBe('note.added');
	});
});

describe('claims', () => {
	it('keeps money as whole positive cents and references unique per merchant', async () => {
		const { db } = database;
		const m = await make.merchant(db);
		const d = await make.debtor(db, m.id);
		const owner = { merchantId: m.id, debtorId: d.id };
		await expect(make.claim(db, owner, { amountCents: 0 })).rejects.toThrow();
		await expect(make.claim(db, owner, { amountCents: -100 })).rejects.toThrow();
		await make.claim(db, owner, { reference: 'SAME' });
		await expect(make.claim(db, owner, { reference: 'SAME' })).rejects.toThrow();
		const other = await make.merchant(db);
		const otherDebtor = await make.debtor(db, other.id);
		await expect(make.claim(db, { merchantId: other.id, debtorId: otherDebtor.id }, { reference: 'SAME' })).resolves.toBeTruthy();
	});
});

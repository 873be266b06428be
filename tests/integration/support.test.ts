// Support: one timeline per debtor (newest first, by kind, a page at a time) and agent actions with reasons.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database, Db } from '../../src/lib/server/db/client';
import { claims } from '../../src/lib/server/db/schema';
import * as linkService from '../../src/lib/server/links/service';
import * as plans from '../../src/lib/server/plans/service';
import * as portal from '../../src/lib/server/portal/service';
import * as support from '../../src/lib/server/support/actions';
import { search } from '../../src/lib/server/support/search';
import * as supportTimeline from '../../src/lib/server/support/timeline';
import * as timeline from '../../src/lib/server/timeline/queries';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
let db: Db;
beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
});
afterAll(async () => {
	await database?.close();
});

async function setup() {
	const m = await make.merchant(db);
	const d = await make.debtor(db, m.id);
	const c = await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents: 6000 });
	const scope = { merchantId: m.id, userId: randomUUID(), role: 'agent' as const };
	return { m, d, c, scope };
}

describe('the support timeline', () => {
	it('shows everything newest first, filters by kind and pages with a cursor', async () => {
		const { m, d } = await setup();
		const t0 = Date.parse('2026-11-01T10:00:00Z');
		const types = ['link.opened', 'payment.started', 'payment.failed', 'note.added', 'promise.made', 'link.opened'];
		for (const [i, type] of types.entries()) {
			await timeline.append(db, { merchantId: m.id, debtorId: d.id, type, actor: 'debtor', occurredAt: new Date(t0 + i * 60_000) });
		}
		const all = await supportTimeline.page(db, m.id, d.id, { limit: 4 });
		expect(all.items.map((e) => e.type)).toEqual(['link.opened', 'promise.made', 'note.added', 'payment.failed']);
		const rest = await supportTimeline.page(db, m.id, d.id, { limit: 4, before: all.next! });
		expect(rest.items.map((e) => e.type)).toEqual(['payment.started', 'link.opened']);
		expect(rest.next).toBeNull();
		const pays = await supportTimeline.page(db, m.id, d.id, { kind: 'payments' });
		expect(pays.items.map((e) => e.type)).toEqual(['payment.failed', 'payment.started']);
		// Another merchant sees none of it.
		expect((await supportTimeline.page(db, randomUUID(), d.id)).items).toEqual([]);
	});
});

describe('agent actions', () => {
	it('records a note with who wrote it', async () => {
		const { d, scope } = await setup();
		expect(await support.addNote(db, scope, d.id, 'Called the customer, will pay Friday')).toBe(true);
		const { items } = await supportTimeline.page(db, scope.merchantId, d.id, { kind: 'agent' });
		expect(items[0]).toMatchObject({
			type: 'note.added',
			actor: `user:${scope.userId}`,
			payload: { text: 'Called the customer, will pay Friday' }
		});
	});

	it('recalls a claim, which the debtor then no longer owes', async () => {
		const { d, c, scope } = await setup();
		const { token } = await linkService.issue(db, d.id, 30);
		expect(await support.closeClaim(db, scope, d.id, c.id, 'recalled', 'Invoice sent in error')).toBe(true);
		expect((await portal.open(db, token, { locale: 'nl' }))!.balance.total.amountCents).toBe(0);
		const [row] = await db.select().from(claims).where(eq(claims.id, c.id));
		expect(row.status).toBe('recalled');
		expect(await support.closeClaim(db, scope, d.id, c.id, 'paid_outside', 'twice')).toBe(false);
		const { items } = await supportTimeline.page(db, scope.merchantId, d.id, { kind: 'agent' });
		expect(items[0]).toMatchObject({ type: 'claim.recalled', payload: { reason: 'Invoice sent in error', reference: c.reference } });
	});

	it('marks a claim paid outside Coulant', async () => {
		const { d, c, scope } = await setup();
		expect(await support.closeClaim(db, scope, d.id, c.id, 'paid_outside', 'Paid by bank transfer on 20 Nov')).toBe(true);
		const [row] = await db.select().from(claims).where(eq(claims.id, c.id));
		expect(row.status).toBe('paid');
	});

	it('ends a payment plan with the reason on the timeline', async () => {
		const { m, d, scope } = await setup();
		const who = { debtorId: d.id, merchantId: m.id, merchantName: m.displayName, policy: DEFAULT_POLICY, debtorName: d.name };
		const today = new Date().toISOString().slice(0, 10);
		expect(
			(
				await plans.confirm(
					db,
					who,
					{ terms: 2, frequency: 'monthly', firstDate: today, collection: 'pay_by_link' },
					{ origin: 'http://app.test', locale: 'nl' }
				)
			).kind
		).toBe('active');
		expect(await support.cancelPlan(db, scope, d.id, 'Customer moved abroad')).toBe(true);
		const { items } = await supportTimeline.page(db, scope.merchantId, d.id, { kind: 'plans' });
		expect(items[0]).toMatchObject({ type: 'plan.canceled', actor: `user:${scope.userId}`, payload: { reason: 'Customer moved abroad' } });
	});

	it('lets nobody act on another merchant’s debtor', async () => {
		const { d, c } = await setup();
		const other = await make.merchant(db);
		const stranger = { merchantId: other.id, userId: randomUUID(), role: 'owner' as const };
		expect(await support.addNote(db, stranger, d.id, 'hello there')).toBe(false);
		expect(await support.closeClaim(db, stranger, d.id, c.id, 'recalled', 'not mine')).toBe(false);
		expect(await support.cancelPlan(db, stranger, d.id, 'not mine')).toBe(false);
		const [row] = await db.select().from(claims).where(eq(claims.id, c.id));
		expect(row.status).toBe('open');
	});
});

describe('finding a debtor', () => {
	it('matches name, e-mail, customer number and claim reference, only within the merchant', async () => {
		const m = await make.merchant(db);
		const d = await make.debtor(db, m.id, { name: 'Mehmet Yılmaz', email: 'mehmet@example.nl', customerRef: 'K-7781' });
		await make.claim(db, { merchantId: m.id, debtorId: d.id }, { reference: 'GF-2026-0912' });
		const other = await make.merchant(db);
		await make.debtor(db, other.id, { name: 'Mehmet Other' });
		for (const q of ['yılmaz', 'MEHMET@', 'k-778', '2026-0912']) {
			expect(
				(await search(db, m.id, q)).map((r) => r.id),
				q
			).toEqual([d.id]);
		}
		expect(await search(db, m.id, '%')).toEqual([]);
		expect(await search(db, m.id, 'x')).toEqual([]);
	});

	it('lists each debtor once, the first ones by name, whether the name or a claim matched', async () => {
		const m = await make.merchant(db);
		const zoe = await make.debtor(db, m.id, { name: 'Zoë de Wit', customerRef: 'K-1' });
		const anna = await make.debtor(db, m.id, { name: 'Anna Wit', customerRef: 'K-2' });
		const bram = await make.debtor(db, m.id, { name: 'Bram Smit', customerRef: 'K-3' });
		// Bram matches by two claims' references only; Anna by her name and a claim.
		await make.claim(db, { merchantId: m.id, debtorId: bram.id }, { reference: 'WIT-1' });
		await make.claim(db, { merchantId: m.id, debtorId: bram.id }, { reference: 'WIT-2' });
		await make.claim(db, { merchantId: m.id, debtorId: anna.id }, { reference: 'WIT-3' });
		expect((await search(db, m.id, 'wit')).map((r) => r.name)).toEqual(['Anna Wit', 'Bram Smit', 'Zoë de Wit']);
		expect((await search(db, m.id, 'wit', 2)).map((r) => r.id)).toEqual([anna.id, bram.id]);
		expect((await search(db, m.id, 'wit', 2)).map((r) => r.id)).not.toContain(zoe.id);
	});
});

// Webhooks out: signed deliveries that survive a failing, hanging and late receiver, secret rotation, giving up
// after the retry window, and a sender that died mid-request — checked by a real receiver with standardwebhooks.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS } from '../../src/lib/domain/webhooks';
import type { Database, Db } from '../../src/lib/server/db/client';
import { webhookDeliveries, webhookEndpoints } from '../../src/lib/server/db/schema';
import * as support from '../../src/lib/server/support/actions';
import * as timeline from '../../src/lib/server/timeline/queries';
import { deliver, nextDue, type DeliverOptions } from '../../src/lib/server/webhooks/deliver';
import * as endpoints from '../../src/lib/server/webhooks/endpoints';
import { follow } from '../../src/lib/server/webhooks/follow';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { startReceiver, verifies } from '../helpers/receiver';

let database: Database;
let db: Db;
beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
});
afterAll(async () => {
	await database?.close();
});

const fast: DeliverOptions = { allowLoopback: true, timeoutMs: 250, backoff: { firstMs: 10, maxMs: 40 } };

async function tenant() {
	const m = await make.merchant(db);
	const owner = await make.user(db, m.id, { role: 'owner' });
	const d = await make.debtor(db, m.id, { email: 'sanne@example.test' });
	return {
		merchantId: m.id,
		debtorId: d.id,
		customerRef: d.customerRef,
		scope: { merchantId: m.id, userId: owner.id, role: 'owner' as const }
	};
}

/** Follows and delivers until nothing is due any more (or the time is up). */
async function drain(options: DeliverOptions, ms = 15_000) {
	const until = Date.now() + ms;
	await follow(db);
	while (Date.now() < until) {
		await deliver(db, options);
		const due = await nextDue(db);
		if (!due) return;
		await new Promise((r) => setTimeout(r, Math.max(5, Math.min(100, due.getTime() - Date.now()))));
	}
}

describe('delivery', () => {
	it('gets every event to a receiver that fails, hangs and answers late, signed, and deduplicable by webhook-id', async () => {
		const t = await tenant();
		let secret = '';
		const receiver = await startReceiver({
			secrets: () => [secret],
			answer: (a, nth) => {
				const n = Number(a.id.slice(4));
				if (nth > 1) return { status: 200 };
				if (n % 4 === 0) return { status: 500, body: 'down' };
				if (n % 4 === 1) return { status: 204, delayMs: 600 }; // late: processed, but after our timeout
				if (n % 7 === 2) return { status: 204, delayMs: 10_000 }; // hangs
				return { status: 204 };
			}
		});
		try {
			const created = await endpoints.create(db, t.scope, { url: receiver.url, events: [...WEBHOOK_EVENTS] });
			secret = created.secret;
			const claimRows = [];
			for (let i = 0; i < 24; i++) claimRows.push(await make.claim(db, t, { reference: `F-${i}`, amountCents: 1000 + i }));
			for (const [i, c] of claimRows.entries())
				expect(await support.closeClaim(db, t.scope, t.debtorId, c.id, i % 2 ? 'recalled' : 'paid_outside', 'Betaald per bank')).toBe(true);
			for (let i = 0; i < 6; i++)
				await timeline.append(db, {
					merchantId: t.merchantId,
					debtorId: t.debtorId,
					type: 'outreach.sent',
					actor: 'system',
					payload: { messageId: `m${i}`, kind: 'reminder', channel: 'email', subject: 'Herinnering' }
				});
			// Not an event: a note stays inside Coulant.
			await timeline.append(db, {
				merchantId: t.merchantId,
				debtorId: t.debtorId,
				type: 'note.added',
				actor: 'system',
				payload: { text: 'x' }
			});

			await drain(fast);

			expect(receiver.unverified).toEqual([]);
			expect(receiver.distinct().size).toBe(30);
			// Late and failed answers made the same event arrive more than once, always with the same webhook-id.
			expect(receiver.arrivals.length).toBeGreaterThan(30);
			const types = [...receiver.distinct()].map((id) => receiver.arrivals.find((a) => a.id === id)!.type);
			expect(types.filter((x) => x === 'claim.paid')).toHaveLength(12);
			expect(types.filter((x) => x === 'claim.recalled')).toHaveLength(12);
			expect(types.filter((x) => x === 'message.sent')).toHaveLength(6);
			const paid = receiver.arrivals.find((a) => a.type === 'claim.paid')!.body;
			expect(paid).toMatchObject({ id: expect.stringMatching(/^evt_\d+$/), timestamp: expect.any(String) });
			expect(paid.data).toMatchObject({
				customer_ref: t.customerRef,
				via: 'outside',
				claims: [{ amount_cents: expect.any(Number), currency: 'EUR' }]
			});
			// What the accounting needs, and nothing the merchant's staff typed or the debtor's address.
			expect(JSON.stringify(receiver.arrivals.map((a) => a.body))).not.toMatch(/Betaald per bank|sanne@example|whsec_/);
			const rows = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, created.id));
			expect(rows.map((r) => r.status)).toEqual(rows.map(() => 'delivered'));
		} finally {
			await receiver.close();
		}
	});

	it('signs with the old and the new secret during the overlap after a rotation, and with the new one only after it', async () => {
		const t = await tenant();
		const receiver = await startReceiver();
		try {
			const { id, secret: old } = await endpoints.create(db, t.scope, { url: receiver.url, events: ['claim.paid'] });
			const rotated = (await endpoints.rotate(db, t.merchantId, id))!;
			const c = await make.claim(db, t);
			await support.closeClaim(db, t.scope, t.debtorId, c.id, 'paid_outside', 'bank');
			await drain(fast);
			const during = receiver.arrivals.at(-1)!;
			expect(during.headers['webhook-signature'].split(' ')).toHaveLength(2);
			expect(verifies(old, JSON.stringify(during.body), during.headers)).toBe(true);
			expect(verifies(rotated.secret, JSON.stringify(during.body), during.headers)).toBe(true);

			// A rotation a day and more ago: its overlap is over.
			const again = (await endpoints.rotate(db, t.merchantId, id, new Date(Date.now() - 25 * 3600_000)))!;
			const c2 = await make.claim(db, t);
			await support.closeClaim(db, t.scope, t.debtorId, c2.id, 'paid_outside', 'bank');
			await drain(fast);
			const after = receiver.arrivals.at(-1)!;
			expect(after.id).not.toBe(during.id);
			expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
			expect(verifies(again.secret, JSON.stringify(after.body), after.headers)).toBe(true);
			expect(verifies(rotated.secret, JSON.stringify(after.body), after.headers)).toBe(false);
			expect(verifies(old, JSON.stringify(after.body), after.headers)).toBe(false);
		} finally {
			await receiver.close();
		}
	});

	it('sends only the events an endpoint asked for, and never another merchant’s', async () => {
		const a = await tenant();
		const b = await tenant();
		const receiver = await startReceiver();
		try {
			await endpoints.create(db, b.scope, { url: receiver.url, events: [...WEBHOOK_EVENTS] });
			await endpoints.create(db, a.scope, { url: `${receiver.url}?only=recalled`, events: ['claim.recalled'] });
			const c1 = await make.claim(db, a);
			const c2 = await make.claim(db, a);
			await support.closeClaim(db, a.scope, a.debtorId, c1.id, 'paid_outside', 'bank');
			await support.closeClaim(db, a.scope, a.debtorId, c2.id, 'recalled', 'goodwill');
			await drain(fast);
			expect(receiver.arrivals.map((x) => x.type)).toEqual(['claim.recalled']);
			expect((receiver.arrivals[0].body.data as { claims: { reference: string }[] }).claims[0].reference).toBe(c2.reference);
		} finally {
			await receiver.close();
		}
	});
});

describe('when things go wrong', () => {
	it('turns an endpoint off after failing for the whole retry window, gives up its deliveries, and tells the owner', async () => {
		const t = await tenant();
		const receiver = await startReceiver({ answer: () => ({ status: 503, body: 'x'.repeat(10_000) }) });
		try {
			const { id } = await endpoints.create(db, t.scope, { url: receiver.url, events: ['claim.paid'] });
			const c = await make.claim(db, t);
			let now = new Date();
			await support.closeClaim(db, t.scope, t.debtorId, c.id, 'paid_outside', 'bank', now);
			await follow(db, {}, now);
			const clock = { ...fast, backoff: undefined, now: () => now };
			await deliver(db, clock);
			const [first] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
			expect(first).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 503 });
			// At most ~2 KB of the answer is kept.
			expect(first.responseBody!.length).toBeLessThanOrEqual(2048);
			// Three days of retries by the default schedule, in moments.
			const start = now.getTime();
			while (now.getTime() - start < 4 * 86_400_000) {
				now = new Date(now.getTime() + 3600_000);
				await deliver(db, clock);
			}
			const [last] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
			expect(last.status).toBe('failed');
			expect(last.attempts).toBeGreaterThan(10);
			const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
			expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'failing' });
			expect((await endpoints.turnedOff(db, t.merchantId)).map((e) => e.id)).toEqual([id]);
			// Nothing more goes to a turned-off endpoint.
			const tries = receiver.arrivals.length;
			const c2 = await make.claim(db, t);
			await support.closeClaim(db, t.scope, t.debtorId, c2.id, 'paid_outside', 'bank', now);
			await follow(db, {}, now);
			await deliver(db, clock);
			expect(receiver.arrivals.length).toBe(tries);
			// The owner fixes it and turns it on: what was given up while it failed goes again, and arrives.
			receiver.answerWith(() => ({ status: 204 }));
			expect(await endpoints.setEnabled(db, t.merchantId, id, true, now)).toBe(true);
			await deliver(db, clock);
			expect(receiver.arrivals.slice(tries).map((a) => a.id)).toEqual([`evt_${first.eventId}`]);
			expect(await endpoints.turnedOff(db, t.merchantId)).toEqual([]);
		} finally {
			await receiver.close();
		}
	});

	it('sends again, with the same webhook-id, what a sender killed mid-request left behind, and what the owner sends again', async () => {
		const t = await tenant();
		const receiver = await startReceiver();
		try {
			const { id } = await endpoints.create(db, t.scope, { url: receiver.url, events: ['claim.paid'] });
			const c = await make.claim(db, t);
			await support.closeClaim(db, t.scope, t.debtorId, c.id, 'paid_outside', 'bank');
			await follow(db);
			// What a kill -9 after taking the row leaves: 'sending', tried once, its lease over.
			await db
				.update(webhookDeliveries)
				.set({ status: 'sending', attempts: 1, nextAttemptAt: new Date(Date.now() - 1000) })
				.where(eq(webhookDeliveries.endpointId, id));
			await deliver(db, fast);
			expect(receiver.arrivals).toHaveLength(1);
			const [row] = await endpoints.deliveries(db, t.merchantId, id);
			expect(row).toMatchObject({ status: 'delivered', attempts: 2, responseStatus: 204 });
			expect(await endpoints.resend(db, t.merchantId, row.id)).toBe(true);
			await deliver(db, fast);
			expect(receiver.arrivals.map((a) => a.id)).toEqual([`evt_${row.eventId}`, `evt_${row.eventId}`]);
			// Another merchant cannot send it again.
			const other = await tenant();
			expect(await endpoints.resend(db, other.merchantId, row.id)).toBe(false);
			expect(await endpoints.deliveries(db, other.merchantId, id)).toEqual([]);
		} finally {
			await receiver.close();
		}
	});
});

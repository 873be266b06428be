// The reminder journey and the notices on a real database, sent through a real SMTP server and read back as a mail
// client would: what arrives, when, with which headers and links — and what does not, and why.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client';
import { claims, debtors, outboxMessages, timelineEvents } from '../../src/lib/server/db/schema';
import { followEvents } from '../../src/lib/server/outreach/events';
import { planAll } from '../../src/lib/server/outreach/plan';
import { setReminders, stopLinkOwner } from '../../src/lib/server/outreach/reach';
import { sendDue } from '../../src/lib/server/outreach/send';
import { smtpTransport, type Transport } from '../../src/lib/server/outreach/transport';
import * as portal from '../../src/lib/server/portal/service';
import * as timeline from '../../src/lib/server/timeline/queries';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

const ORIGIN = 'http://app.test';
const options = { origin: ORIGIN, mailDomain: 'coulant.test' };
/** A moment on the Amsterdam clock in winter (UTC+1). */
const at = (day: string, hour: number, minute = 0) =>
	new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10), hour - 1, minute));

let database: Database;
let smtp: TestSmtp;
let transport: Transport;
beforeAll(async () => {
	database = await testDatabase();
	smtp = await startSmtp();
	transport = smtpTransport(smtp.url, { maxConnections: 2, timeoutMs: 3000 });
});
afterAll(async () => {
	transport?.close();
	await smtp?.close();
	await database?.close();
});
beforeEach(() => {
	smtp.received.length = 0;
	smtp.fail.clear();
});

const send = (now: Date) =>
	sendDue(database.db, { transport, origin: ORIGIN, mailFrom: 'berichten@coulant.test', linkTtlDays: 365 }, () => now);
const day = async (now: Date) => {
	await planAll(database.db, options, now);
	await followEvents(database.db, options, now);
	return send(now);
};

async function debtorOwing(email: string, over: Partial<Parameters<typeof make.debtor>[2]> = {}) {
	const { db } = database;
	const m = await make.merchant(db, {
		displayName: 'De Groene Fiets',
		senderName: 'Team De Groene Fiets',
		contactEmail: 'klantenservice@degroenefiets.example',
		tone: 'friendly'
	});
	const d = await make.debtor(db, m.id, { name: 'Sanne de Vries', email, ...over });
	const c = await make.claim(
		db,
		{ merchantId: m.id, debtorId: d.id },
		{ reference: 'F-2026-118', description: 'Fietsonderhoud', amountCents: 12_450, dueOn: '2026-11-02' }
	);
	return { m, d, c };
}

const outbox = (debtorId: string) =>
	database.db.select().from(outboxMessages).where(eq(outboxMessages.debtorId, debtorId)).orderBy(outboxMessages.createdAt);
const eventsOf = async (debtorId: string, type: string) =>
	(await timeline.forDebtor(database.db, debtorId, 200)).filter((e) => e.type === type);
const inbox = (address: string) => smtp.received.filter((r) => r.to.includes(address));
const linkIn = (text: string) => text.match(/http:\/\/app\.test\/d\/([A-Za-z0-9_-]+)/)?.[1];

describe('the reminder journey by e-mail', () => {
	it('sends the link on the due date as a mail client sees it: sender, reply-to, one-click stop, both parts, a link that opens the page', async () => {
		const { d } = await debtorOwing('sanne@example.nl');
		const r = await day(at('2026-11-02', 10));
		expect(r.sent).toBeGreaterThanOrEqual(1);
		await smtp.waitFor(1);
		const [got] = inbox('sanne@example.nl');
		const mail = got.mail;
		expect(got.to).toEqual(['sanne@example.nl']);
		expect(mail.from?.value[0]).toEqual({ name: 'Team De Groene Fiets', address: 'berichten@coulant.test' });
		expect(mail.replyTo?.value[0].address).toBe('klantenservice@degroenefiets.example');
		expect(mail.subject).toMatch(/De Groene Fiets/);
		const [row] = await outbox(d.id);
		expect(row).toMatchObject({ status: 'sent', kind: 'link', transport: 'smtp' });
		expect(mail.messageId).toBe(row.messageId);
		expect(got.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
		expect(got.raw).toMatch(/^List-Unsubscribe: <http:\/\/app\.test\/u\/[A-Za-z0-9_-]+>\r?$/m);
		expect(mail.text).toMatch(/€\s124,50/);
		expect(mail.text).toContain('F-2026-118');
		expect(mail.html).toMatch(/€\s124,50/);
		expect(Buffer.byteLength(String(mail.html))).toBeLessThan(100_000);
		// What is stored for support never holds a usable token.
		expect(row.html).not.toMatch(/\/d\/[A-Za-z0-9_-]{20,}/);
		// The link in the message opens this debtor's page, and the visit names the message that brought them.
		const token = linkIn(mail.text!)!;
		expect(mail.html).toContain(`/d/${token}`);
		const view = await portal.open(database.db, token, { locale: 'nl' });
		expect(view?.debtorName).toBe('Sanne de Vries');
		const [opened] = await eventsOf(d.id, 'link.opened');
		expect(opened.payload).toMatchObject({ messageId: row.id });
	});

	it('follows the journey over a month: a reminder after 3 and 10 days, the 14-day letter with the statutory costs and its term, once each', async () => {
		const { d } = await debtorOwing('month@example.nl');
		for (let n = 0; n <= 30; n++) {
			const dayIso = new Date(Date.UTC(2026, 10, 2 + n)).toISOString().slice(0, 10);
			await day(at(dayIso, 9));
			await day(at(dayIso, 15)); // a second run the same day changes nothing
		}
		const rows = await outbox(d.id);
		expect(rows.map((r) => [r.kind, r.createdAt.toISOString().slice(0, 10)])).toEqual([
			['link', '2026-11-02'],
			['reminder', '2026-11-05'],
			['reminder', '2026-11-12'],
			['fourteen_day', '2026-11-19']
		]);
		expect(rows.every((r) => r.status === 'sent')).toBe(true);
		const letter = inbox('month@example.nl').find((r) => r.mail.messageId === rows[3].messageId)!;
		// 15 % of € 124,50 is under the minimum: € 40,00; the term ends 14 days after the day of sending.
		expect(letter.mail.text).toMatch(/€\s40,00/);
		expect(letter.mail.text).toContain('3 december 2026');
		// The last notice waits for the term: day 35 is after the month above.
		expect(inbox('month@example.nl')).toHaveLength(4);
	});

	it('never sends in the quiet hours or on a Sunday: queued at night, it goes at eight', async () => {
		const { d } = await debtorOwing('night@example.nl');
		await day(at('2026-11-02', 22, 30));
		expect(inbox('night@example.nl')).toHaveLength(0);
		const [row] = await outbox(d.id);
		expect(row.status).toBe('queued');
		expect(row.sendAfter.toISOString()).toBe(at('2026-11-03', 8).toISOString());
		await send(at('2026-11-03', 7, 59));
		expect(inbox('night@example.nl')).toHaveLength(0);
		await send(at('2026-11-03', 8, 0));
		expect(inbox('night@example.nl')).toHaveLength(1);
	});

	it('checks again at the moment of sending: a claim paid after planning is not asked for, and the timeline says why', async () => {
		const { d, c } = await debtorOwing('paid@example.nl');
		await planAll(database.db, options, at('2026-11-02', 6));
		await database.db.update(claims).set({ status: 'paid', amountPaidCents: c.amountCents }).where(eq(claims.id, c.id));
		await send(at('2026-11-02', 8));
		expect(inbox('paid@example.nl')).toHaveLength(0);
		const [row] = await outbox(d.id);
		expect(row).toMatchObject({ status: 'canceled', reason: 'paid' });
		const [canceled] = await eventsOf(d.id, 'outreach.canceled');
		expect(canceled.payload).toMatchObject({ reason: 'paid', messageId: row.id });
	});

	it('holds the journey for a dispute and says so once, not every run', async () => {
		const { d, c } = await debtorOwing('dispute@example.nl');
		await day(at('2026-11-02', 10));
		await database.db
			.update(claims)
			.set({ disputedAt: at('2026-11-03', 12) })
			.where(eq(claims.id, c.id));
		await day(at('2026-11-05', 10));
		await day(at('2026-11-05', 14));
		await day(at('2026-11-06', 10));
		expect((await outbox(d.id)).map((r) => r.kind)).toEqual(['link']);
		const held = await eventsOf(d.id, 'outreach.held');
		expect(held).toHaveLength(1);
		expect(held[0].payload).toMatchObject({ stepId: 'reminder-1', reason: 'disputed' });
	});

	it('a permanent failure (550) marks the address as bouncing and stops e-mail to it; a temporary one (451) is tried again later', async () => {
		const a = await debtorOwing('gone@example.nl');
		smtp.fail.set('gone@example.nl', 550);
		await day(at('2026-11-02', 10));
		const [bounced] = await outbox(a.d.id);
		expect(bounced.status).toBe('bounced');
		expect(bounced.reason).toMatch(/550/);
		const [who] = await database.db.select().from(debtors).where(eq(debtors.id, a.d.id));
		expect(who.emailBouncedAt).not.toBeNull();
		await day(at('2026-11-05', 10));
		expect((await eventsOf(a.d.id, 'outreach.held'))[0].payload).toMatchObject({ reason: 'bouncing' });
		expect(await outbox(a.d.id)).toHaveLength(1);

		const b = await debtorOwing('busy@example.nl');
		smtp.fail.set('busy@example.nl', 451);
		await planAll(database.db, options, at('2026-11-02', 10));
		await send(at('2026-11-02', 10));
		const [deferred] = await outbox(b.d.id);
		expect(deferred.status).toBe('deferred');
		smtp.fail.delete('busy@example.nl');
		await send(at('2026-11-02', 10, 0)); // the backoff has not passed
		expect((await outbox(b.d.id))[0].status).toBe('deferred');
		await send(at('2026-11-02', 10, 2));
		const [sent] = await outbox(b.d.id);
		expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
		const arrived = inbox('busy@example.nl');
		expect(arrived).toHaveLength(1);
		expect(arrived[0].mail.messageId).toBe(deferred.messageId);
	});

	it('stops reminders from the one-click link, and still sends a receipt', async () => {
		const { m, d, c } = await debtorOwing('stop@example.nl');
		await day(at('2026-11-02', 10));
		const [got] = inbox('stop@example.nl');
		const stopToken = got.raw.match(/^List-Unsubscribe: <http:\/\/app\.test\/u\/([A-Za-z0-9_-]+)>/m)![1];
		const owner = await stopLinkOwner(database.db, stopToken);
		expect(owner?.debtorId).toBe(d.id);
		expect(await stopLinkOwner(database.db, 'not-a-token')).toBeNull();
		expect(await setReminders(database.db, owner!, false, 'email_link', at('2026-11-03', 9))).toBe(true);
		await day(at('2026-11-05', 10));
		expect(inbox('stop@example.nl')).toHaveLength(1);
		expect((await eventsOf(d.id, 'outreach.held'))[0].payload).toMatchObject({ reason: 'opted_out' });
		// A payment's receipt is not a reminder: it goes.
		await timeline.append(database.db, {
			merchantId: m.id,
			debtorId: d.id,
			type: 'payment.paid',
			actor: 'mollie',
			occurredAt: at('2026-11-05', 11),
			payload: { paymentId: 'p1', amountCents: c.amountCents, currency: 'EUR' }
		});
		await database.db.update(claims).set({ status: 'paid', amountPaidCents: c.amountCents }).where(eq(claims.id, c.id));
		await day(at('2026-11-05', 11));
		const [receipt] = (await outbox(d.id)).filter((r) => r.kind === 'receipt');
		expect(receipt.status).toBe('sent');
		const mails = inbox('stop@example.nl');
		expect(mails).toHaveLength(2);
		expect(mails[1].mail.text).toMatch(/€\s124,50/);
		expect(mails[1].raw).not.toMatch(/^List-Unsubscribe/m);
		// And following the events again queues nothing twice.
		await followEvents(database.db, options, at('2026-11-05', 12));
		expect((await outbox(d.id)).filter((r) => r.kind === 'receipt')).toHaveLength(1);
	});

	it('sends nothing to a debtor without an address, and records why', async () => {
		const { d } = await debtorOwing('', { email: null });
		await day(at('2026-11-02', 10));
		expect(await outbox(d.id)).toHaveLength(0);
		const held = await database.db
			.select()
			.from(timelineEvents)
			.where(and(eq(timelineEvents.debtorId, d.id), eq(timelineEvents.type, 'outreach.held')));
		expect(held[0].payload).toMatchObject({ reason: 'no_address' });
	});
});

// Text messages through CM.com's official SDK against its local stand-in (a real HTTP server), with the status
// reports and replies CM posts back to Coulant's webhooks; and a "preferred" step falling back from a text that could
// not be delivered to an e-mail that arrives at the test SMTP server.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client';
import { debtors, outboxMessages } from '../../src/lib/server/db/schema';
import { hashToken } from '../../src/lib/server/links/token';
import { planAll } from '../../src/lib/server/outreach/plan';
import { sendDue } from '../../src/lib/server/outreach/send';
import { smtpTransport, type Transport } from '../../src/lib/server/outreach/transport';
import * as timeline from '../../src/lib/server/timeline/queries';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { startSms, type TestSms } from '../helpers/sms';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

const ORIGIN = 'http://app.test';
const CHANNELS = ['email', 'sms', 'letter'] as const;
const options = { origin: ORIGIN, mailDomain: 'coulant.test', channels: CHANNELS };
/** A moment on the Amsterdam clock in winter (UTC+1). */
const at = (day: string, hour: number) => new Date(`${day}T${String(hour - 1).padStart(2, '0')}:00:00Z`);

let database: Database;
let smtp: TestSmtp;
let sms: TestSms;
let transport: Transport;
beforeAll(async () => {
	database = await testDatabase();
	smtp = await startSmtp();
	sms = await startSms(database.db, { origin: ORIGIN, channels: CHANNELS });
	transport = smtpTransport(smtp.url, { maxConnections: 1, timeoutMs: 3000 });
});
afterAll(async () => {
	transport?.close();
	await sms?.close();
	await smtp?.close();
	await database?.close();
});
beforeEach(() => {
	smtp.received.length = 0;
	sms.cm.messages.length = 0;
});

const send = (now: Date) =>
	sendDue(
		database.db,
		{ transport, channels: { sms: sms.channel }, origin: ORIGIN, mailFrom: 'berichten@coulant.test', linkTtlDays: 365 },
		() => now
	);

async function debtorOwing(phone: string, email: string | null, preferredChannel: 'sms' | 'email' = 'sms') {
	const { db } = database;
	const m = await make.merchant(db, {
		displayName: 'De Groene Fiets',
		senderName: 'De Groene Fiets',
		tone: 'friendly',
		outreach: { policy: { costs: { smsCents: 9, letterCents: 95 } } } as never
	});
	const d = await make.debtor(db, m.id, { name: 'Sanne de Vries', email, phone, preferredChannel });
	await make.claim(db, { merchantId: m.id, debtorId: d.id }, { reference: `F-${phone}`, amountCents: 12_450, dueOn: '2026-11-02' });
	return { m, d };
}

const outbox = (debtorId: string) =>
	database.db.select().from(outboxMessages).where(eq(outboxMessages.debtorId, debtorId)).orderBy(outboxMessages.createdAt);
const events = async (debtorId: string, type: string) =>
	(await timeline.forDebtor(database.db, debtorId, 200)).filter((e) => e.type === type);

describe('text messages through CM.com', () => {
	it('sends the step by SMS to the number it was imported with: the link in it, the merchant as sender, counted in parts and priced', async () => {
		const { d } = await debtorOwing('+31612340001', 'sanne@example.nl');
		await planAll(database.db, options, at('2026-11-02', 10));
		const r = await send(at('2026-11-02', 10));
		expect(r.sent).toBe(1);
		expect(sms.cm.messages).toHaveLength(1);
		const [text] = sms.cm.messages;
		expect(text).toMatchObject({ to: '0031612340001', from: 'De Groene F' });
		expect(text.text).toMatch(/^Hoi Sanne de Vries, bij De Groene Fiets staat nog €\s124,50 open\./);
		expect(text.text).toMatch(/Stuur STOP\.$/);
		// The link in it is a working personal link of this debtor, made at sending.
		const token = /http:\/\/app\.test\/d\/([A-Za-z0-9_-]{27})/.exec(text.text)![1];
		const [link] = await database.db.query.links.findMany({ where: (l, { eq }) => eq(l.tokenHash, hashToken(token)) });
		expect(link.debtorId).toBe(d.id);
		const [row] = await outbox(d.id);
		expect(row).toMatchObject({ channel: 'sms', status: 'sent', transport: 'cm', parts: text.parts, costCents: 9 * text.parts });
		expect(smtp.received).toHaveLength(0);
		// CM's status report comes back to the webhook: delivered, on the timeline.
		await sms.cm.settled();
		const [after] = await outbox(d.id);
		expect(after.deliveredAt).not.toBeNull();
		expect(await events(d.id, 'outreach.delivered')).toHaveLength(1);
	});

	it('a text that could not be delivered marks the number and goes on by e-mail, and the timeline says why', async () => {
		const { d } = await debtorOwing('+31612340000', 'fallback@example.nl');
		await planAll(database.db, options, at('2026-11-02', 10));
		await send(at('2026-11-02', 10));
		expect(sms.cm.messages).toHaveLength(1);
		await sms.cm.settled();
		const [failed, fallback] = await outbox(d.id);
		expect(failed).toMatchObject({ channel: 'sms', status: 'bounced', reason: 'SMS not delivered: Unknown subscriber' });
		expect(fallback).toMatchObject({ channel: 'email', status: 'queued', toAddress: 'fallback@example.nl' });
		expect(fallback.tried).toEqual([{ channel: 'sms', reason: 'SMS not delivered: Unknown subscriber' }]);
		const [debtor] = await database.db.select().from(debtors).where(eq(debtors.id, d.id));
		expect(debtor.phoneFailedAt).not.toBeNull();
		// The report came in on the real clock; the e-mail goes at the next moment the sending window allows.
		await send(fallback.sendAfter);
		await smtp.waitFor(1);
		expect(smtp.received[0].to).toEqual(['fallback@example.nl']);
		expect(smtp.received[0].mail.text).toMatch(/€\s124,50/);
		const queued = await events(d.id, 'outreach.queued');
		expect(queued.map((e) => e.payload.channel).sort()).toEqual(['email', 'sms']);
		expect(queued.find((e) => e.payload.channel === 'email')!.payload.tried).toEqual([
			{ channel: 'sms', reason: 'SMS not delivered: Unknown subscriber' }
		]);
		// Still one journey message that day: the next run adds nothing.
		await planAll(database.db, options, at('2026-11-02', 16));
		expect(await outbox(d.id)).toHaveLength(2);
	});

	it('a gateway that is down for a moment is tried again later, with the same message', async () => {
		const { d } = await debtorOwing('+31612340002', null);
		await planAll(database.db, options, at('2026-11-02', 10));
		sms.cm.failNext(503);
		const r = await send(at('2026-11-02', 10));
		expect(r.deferred).toBe(1);
		const [row] = await outbox(d.id);
		expect(row.status).toBe('deferred');
		expect(sms.cm.messages).toHaveLength(0);
		await send(new Date(row.sendAfter.getTime() + 1000));
		expect(sms.cm.messages).toHaveLength(1);
		expect(sms.cm.messages[0].reference).toBe(row.id);
	});

	it('STOP (in any case) stops reminders by SMS; the next step goes by e-mail', async () => {
		const { d } = await debtorOwing('+31612340003', 'stop@example.nl');
		await planAll(database.db, options, at('2026-11-02', 10));
		await send(at('2026-11-02', 10));
		const [first] = await outbox(d.id);
		expect(await sms.cm.reply('+31612340003', 'Stop', first.id)).toBe(200);
		const [debtor] = await database.db.select().from(debtors).where(eq(debtors.id, d.id));
		expect(debtor.smsStoppedAt).not.toBeNull();
		const [stopped] = await events(d.id, 'outreach.stopped');
		expect(stopped.payload).toMatchObject({ channel: 'sms', via: 'sms_reply' });
		// A reply from a number we never texted, or a forged key, changes nothing.
		expect(await sms.cm.reply('+31699999999', 'STOP')).toBe(200);
		// Three days later the reminder goes by e-mail, and says it passed over SMS.
		await planAll(database.db, options, at('2026-11-05', 10));
		await send(at('2026-11-05', 10));
		const rows = await outbox(d.id);
		expect(rows.map((r) => [r.kind, r.channel])).toEqual([
			['link', 'sms'],
			['reminder', 'email']
		]);
		expect(rows[1].tried).toEqual([{ channel: 'sms', reason: 'opted_out' }]);
		expect(sms.cm.messages.filter((m) => m.to === '0031612340003')).toHaveLength(1);
		expect(smtp.received.filter((r) => r.to.includes('stop@example.nl'))).toHaveLength(1);
	});

	it('refuses a webhook call without the installation’s key', async () => {
		const { onReport } = await import('../../src/lib/server/sms/service');
		const forged = await onReport(
			{ db: database.db, key: 'f'.repeat(32), origin: ORIGIN, channels: CHANNELS },
			new Request('http://app/x', { method: 'POST', body: '{}' })
		);
		expect(forged.status).toBe(404);
	});
});

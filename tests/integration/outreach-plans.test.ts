// The SEPA pre-notification on a real plan: through the official Mollie client and the stand-in, a weekly direct
// debit whose second debit would fall inside the notice period is moved, and the notice that goes out names every
// date and amount, the mandate and the creditor — at least the notice period before the first debit it covers.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween } from '../../src/lib/domain/schedule';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy';
import type { Db } from '../../src/lib/server/db/client';
import { outboxMessages, standinSubscriptions, timelineEvents } from '../../src/lib/server/db/schema';
import * as controls from '../../src/lib/server/mollie-standin/controls';
import { followEvents } from '../../src/lib/server/outreach/events';
import { sendDue } from '../../src/lib/server/outreach/send';
import { smtpTransport, type Transport } from '../../src/lib/server/outreach/transport';
import * as plans from '../../src/lib/server/plans/service';
import * as pq from '../../src/lib/server/plans/queries';
import * as make from '../helpers/fixtures';
import { startSmtp, type TestSmtp } from '../helpers/smtp';
import { APP_ORIGIN, eventually, useStandinDatabase, type Standin } from '../helpers/standin';

const env = useStandinDatabase();
let db: Db;
let standin: Standin;
let smtp: TestSmtp;
let transport: Transport;
beforeAll(async () => {
	({ db, standin } = env);
	smtp = await startSmtp();
	transport = smtpTransport(smtp.url, { maxConnections: 1 });
});
afterAll(async () => {
	transport?.close();
	await smtp?.close();
});

const ANY_TIME = { window: { timeZone: 'Europe/Amsterdam', startHour: 0, endHour: 24, sundays: true } };

describe('the SEPA pre-notification', () => {
	it('moves a debit the notice would not cover in time, and tells every date, the mandate and the creditor first', async () => {
		const m = await make.merchant(db, {
			displayName: 'De Groene Fiets',
			outreach: { policy: { ...ANY_TIME, noticeDays: 14, creditor: { name: 'De Groene Fiets B.V.', id: 'NL79ZZZ999999990000' } } } as never
		});
		const d = await make.debtor(db, m.id, { email: 'plan@example.nl' });
		await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents: 9000 });
		const who = { debtorId: d.id, merchantId: m.id, merchantName: m.displayName, policy: DEFAULT_POLICY, debtorName: d.name };
		const today = standin.clock.now.toISOString().slice(0, 10);
		const outcome = await plans.confirm(
			db,
			who,
			{ terms: 3, frequency: 'weekly', firstDate: today, collection: 'direct_debit' },
			{ origin: APP_ORIGIN, locale: 'nl' }
		);
		if (outcome.kind !== 'checkout') throw new Error(JSON.stringify(outcome));
		const wanted = (await pq.instalmentsOf(db, (await pq.liveOf(db, d.id))!.id)).map((i) => i.dueOn);
		await controls.decide(db, outcome.url.split('/').pop()!, 'paid', standin.clock.now);
		const subscriptionId = (await eventually(async () => (await pq.liveOf(db, d.id))?.mollieSubscriptionId, Boolean))!;

		// A week is too soon for a 14-day notice: the debits move to the first day it allows, a week apart.
		const plan = (await pq.liveOf(db, d.id))!;
		const moved = (await pq.instalmentsOf(db, plan.id)).map((i) => i.dueOn);
		expect(wanted[1]).toBe(new Date(Date.parse(`${today}T12:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10));
		expect(daysBetween(today, moved[1])).toBeGreaterThanOrEqual(14);
		expect(daysBetween(moved[1], moved[2])).toBe(7);
		const [sub] = await db.select().from(standinSubscriptions).where(eq(standinSubscriptions.id, subscriptionId));
		expect(sub.startDate).toBe(moved[1]);
		const redated = await db.select().from(timelineEvents).where(eq(timelineEvents.type, 'plan.redated_for_notice'));
		expect(redated.some((e) => e.debtorId === d.id)).toBe(true);

		// The notice: every date and amount, the mandate, the creditor; sent today, 14 days or more before the first debit.
		await followEvents(db, { origin: APP_ORIGIN, mailDomain: 'coulant.test' }, standin.clock.now);
		await sendDue(db, { transport, origin: APP_ORIGIN, mailFrom: 'berichten@coulant.test', linkTtlDays: 365 }, () => standin.clock.now);
		const notices = (await db.select().from(outboxMessages).where(eq(outboxMessages.debtorId, d.id))).filter(
			(o) => o.kind === 'pre_debit_notice'
		);
		expect(notices).toHaveLength(1);
		expect(notices[0].status).toBe('sent');
		expect(daysBetween(notices[0].sentAt!.toISOString().slice(0, 10), moved[1])).toBeGreaterThanOrEqual(14);
		const mail = smtp.received.find((r) => r.mail.messageId === notices[0].messageId)!.mail;
		expect(mail.text).toContain('NL79ZZZ999999990000');
		expect(mail.text).toContain('De Groene Fiets B.V.');
		expect(mail.text).toContain(plan.mollieMandateId!);
		expect(mail.text).toContain('NL55INGB0000000000');
		for (const day of moved.slice(1))
			expect(mail.text).toContain(
				new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`))
			);
		// Required by the plan's terms: no stop link.
		expect(smtp.received.find((r) => r.mail.messageId === notices[0].messageId)!.raw).not.toMatch(/^List-Unsubscribe/m);
	});
});

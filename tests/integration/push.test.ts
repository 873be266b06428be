// Push from the installed app against a local push service (web-push-testing, which checks the VAPID signature and
// decrypts what arrives, RFC 8291): subscriptions kept per link within limits and refused with a message when bad,
// the notices that go by push, and subscriptions the push service dropped (404/410) removed. And the debtor's own
// choice of channel: stored, on the timeline, used by the next "preferred" step.
import { randomBytes, createECDH } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushSubscription } from '../../src/lib/schemas/push';
import type { Database, Db } from '../../src/lib/server/db/client';
import { debtors, instalments, links, outboxMessages, plans, pushSubscriptions, serverSecrets } from '../../src/lib/server/db/schema';
import { issue } from '../../src/lib/server/links/service';
import { followEvents } from '../../src/lib/server/outreach/events';
import { planAll } from '../../src/lib/server/outreach/plan';
import { setPreferredChannel, contactChoices } from '../../src/lib/server/outreach/reach';
import { sendDue } from '../../src/lib/server/outreach/send';
import { situations } from '../../src/lib/server/outreach/situations';
import { pushChannel } from '../../src/lib/server/push/channel';
import { vapidKeys, type Vapid } from '../../src/lib/server/push/keys';
import * as push from '../../src/lib/server/push/service';
import * as promises from '../../src/lib/server/promises/service';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy';
import * as timeline from '../../src/lib/server/timeline/queries';
import { sql } from 'drizzle-orm';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { startAnswering, startPush, testAgent, type TestPush } from '../helpers/push';

const ORIGIN = 'http://app.test';
const ANY_TIME = { policy: { window: { timeZone: 'Europe/Amsterdam', startHour: 0, endHour: 24, sundays: true } } };
const CONFIG = { push: { vapid: null, subject: 'mailto:ops@coulant.test', allowLoopback: true } };
const today = () => new Date().toISOString().slice(0, 10);

let database: Database;
let db: Db;
let service: TestPush;
let vapid: Vapid;
beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
	service = await startPush();
	vapid = await vapidKeys(db, CONFIG);
});
afterAll(async () => {
	await service?.close();
	await database?.close();
});

const channel = () => pushChannel({ db: async () => db, vapid: async () => vapid, allowLoopback: true, timeoutMs: 3000, agent: testAgent });
const send = (channels: Parameters<typeof sendDue>[1]['channels'], now = new Date()) =>
	sendDue(db, { channels, origin: ORIGIN, mailFrom: 'berichten@coulant.test', linkTtlDays: 30 }, () => now);
const events = async (debtorId: string, type: string) => (await timeline.forDebtor(db, debtorId, 200)).filter((e) => e.type === type);
const outbox = (debtorId: string) => db.select().from(outboxMessages).where(eq(outboxMessages.debtorId, debtorId));

async function debtorWithLink(over: Partial<Parameters<typeof make.debtor>[2]> = {}, tone: 'friendly' | 'neutral' | 'formal' = 'friendly') {
	const m = await make.merchant(db, { displayName: 'De Groene Fiets', tone, outreach: ANY_TIME as never });
	const d = await make.debtor(db, m.id, { name: 'Sanne de Vries', email: `sanne-${randomBytes(3).toString('hex')}@example.nl`, ...over });
	const c = await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents: 9000, dueOn: today() });
	const link = await issue(db, d.id, 30);
	return { m, d, c, link, owner: { linkId: link.linkId, debtorId: d.id, merchantId: m.id } };
}

/** A subscription as a browser would post it, to an FCM-shaped endpoint (never sent to). */
function fakeSubscription(n: number) {
	const ecdh = createECDH('prime256v1');
	ecdh.generateKeys();
	return {
		endpoint: `https://fcm.googleapis.com/fcm/send/test-${randomBytes(4).toString('hex')}-${n}`,
		keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') }
	};
}

async function planDueToday(
	m: { id: string },
	d: { id: string },
	c: { id: string },
	collection: 'pay_by_link' | 'direct_debit' = 'pay_by_link'
) {
	const [p] = await db
		.insert(plans)
		.values({
			merchantId: m.id,
			debtorId: d.id,
			status: 'active',
			collection,
			frequency: 'monthly',
			terms: 2,
			totalCents: 9000,
			currency: 'EUR'
		})
		.returning();
	await db.execute(sql`insert into plan_claims (plan_id, claim_id) values (${p.id}::uuid, ${c.id}::uuid)`);
	const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
	const rows = await db
		.insert(instalments)
		.values([
			{ planId: p.id, number: 1, dueOn: today(), amountCents: 4500 },
			{ planId: p.id, number: 2, dueOn: later, amountCents: 4500 }
		])
		.returning();
	return { plan: p, first: rows.find((r) => r.number === 1)! };
}

describe('VAPID keys', () => {
	it('are made once, kept in the database, and the configured pair wins', async () => {
		const again = await vapidKeys(db, CONFIG);
		expect(again).toEqual(vapid);
		expect(vapid.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
		const [row] = await db.select().from(serverSecrets).where(eq(serverSecrets.name, 'vapid'));
		expect(JSON.parse(row.value).publicKey).toBe(vapid.publicKey);
		const own = { publicKey: 'B'.repeat(87), privateKey: 'p'.repeat(43) };
		expect(await vapidKeys(db, { push: { ...CONFIG.push, vapid: own } })).toMatchObject(own);
	});
});

describe('subscriptions from the debtor page', () => {
	it('keeps a phone behind the link, refreshes it when it comes again, and tells the timeline without the endpoint', async () => {
		const { d, owner } = await debtorWithLink();
		const browser = await service.subscribe(vapid.publicKey);
		const input = pushSubscription.parse(browser);
		expect(await push.subscribe(db, owner, input, { allowLoopback: true })).toEqual({ ok: true, created: true });
		expect(await push.subscribe(db, owner, input, { allowLoopback: true })).toEqual({ ok: true, created: false });
		expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.debtorId, d.id))).toHaveLength(1);
		const [e] = await events(d.id, 'push.subscribed');
		expect(e.payload).toEqual({ service: '127.0.0.1' });
		expect(JSON.stringify(await timeline.forDebtor(db, d.id))).not.toContain(browser.clientHash);
		expect(await push.isOn(db, d.id)).toBe(true);
	});

	it('refuses what is not a subscription, with a message that says what is wrong', () => {
		const good = fakeSubscription(0);
		const problem = (v: unknown) => {
			const r = pushSubscription.safeParse(v);
			return r.success ? null : r.error.issues[0].message;
		};
		expect(problem(good)).toBeNull();
		expect(problem({})).toBe('endpoint is missing');
		expect(problem({ endpoint: good.endpoint })).toBe('keys are missing');
		expect(problem({ ...good, keys: { ...good.keys, p256dh: 'abc' } })).toBe('keys.p256dh must be 65 bytes');
		expect(problem({ ...good, keys: { ...good.keys, auth: 'no spaces please' } })).toBe('keys.auth must be base64url');
		expect(problem({ ...good, endpoint: 'x'.repeat(2000) })).toBe('endpoint is too long');
	});

	it('sends no push to anything but a browser push service: other hosts, http, private addresses', async () => {
		const { d, owner } = await debtorWithLink();
		const keys = fakeSubscription(0).keys;
		for (const [endpoint, message] of [
			['https://example.com/push', "endpoint must be a browser push service's URL"],
			['https://169.254.169.254/latest/meta-data', "endpoint must be a browser push service's URL"],
			['http://fcm.googleapis.com/fcm/send/x', 'endpoint must be an https:// URL'],
			['https://user:pw@fcm.googleapis.com/x', 'endpoint must not carry credentials']
		]) {
			expect(await push.subscribe(db, owner, { endpoint, keys }, { allowLoopback: true })).toMatchObject({ ok: false, message });
		}
		// The local push service only with the explicit test setting.
		const local = pushSubscription.parse(await service.subscribe(vapid.publicKey));
		expect(await push.subscribe(db, owner, local, { allowLoopback: false })).toMatchObject({ ok: false, problem: 'not_a_push_service' });
		expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.debtorId, d.id))).toHaveLength(0);
	});

	it('takes at most five phones per link and ten per debtor, counted before the insert even when posts arrive at once', async () => {
		const { d, m, owner } = await debtorWithLink();
		for (let i = 0; i < 4; i++) expect((await push.subscribe(db, owner, fakeSubscription(i), { allowLoopback: false })).ok).toBe(true);
		const together = await Promise.all([5, 6, 7].map((i) => push.subscribe(db, owner, fakeSubscription(i), { allowLoopback: false })));
		expect(together.filter((r) => r.ok)).toHaveLength(1);
		expect(together.filter((r) => !r.ok)).toEqual([
			{ ok: false, problem: 'too_many', message: 'at most 5 devices per link' },
			{ ok: false, problem: 'too_many', message: 'at most 5 devices per link' }
		]);
		// Another link of the same debtor: five more, then the debtor's own limit.
		const second = { linkId: (await issue(db, d.id, 30)).linkId, debtorId: d.id, merchantId: m.id };
		for (let i = 0; i < 5; i++) await push.subscribe(db, second, fakeSubscription(10 + i), { allowLoopback: false });
		const third = { linkId: (await issue(db, d.id, 30)).linkId, debtorId: d.id, merchantId: m.id };
		expect(await push.subscribe(db, third, fakeSubscription(20), { allowLoopback: false })).toMatchObject({ problem: 'too_many' });
		expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.debtorId, d.id))).toHaveLength(10);
	});

	it('turned off on the page: every phone of the debtor goes, once on the timeline', async () => {
		const { d, m, owner } = await debtorWithLink();
		await push.subscribe(db, owner, fakeSubscription(1), { allowLoopback: false });
		await push.subscribe(db, owner, fakeSubscription(2), { allowLoopback: false });
		expect(await push.stop(db, { debtorId: d.id, merchantId: m.id })).toBe(2);
		expect(await push.stop(db, { debtorId: d.id, merchantId: m.id })).toBe(0);
		expect((await events(d.id, 'push.stopped')).map((e) => e.payload)).toEqual([{ devices: 2, via: 'page' }]);
		expect(await push.isOn(db, d.id)).toBe(false);
	});
});

describe('notices by push', () => {
	it('an instalment due today: beside the e-mail, encrypted and signed, decrypted by the push service, one tap from paying', async () => {
		const { m, d, c, owner } = await debtorWithLink();
		const { first } = await planDueToday(m, d, c);
		const browser = await service.subscribe(vapid.publicKey);
		await push.subscribe(db, owner, pushSubscription.parse(browser), { allowLoopback: true });
		await planAll(db, { origin: ORIGIN, mailDomain: 'coulant.test', channels: ['email', 'push'] });
		const rows = (await outbox(d.id)).filter((r) => r.kind === 'instalment_due');
		expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'push']);
		const pushRow = rows.find((r) => r.channel === 'push')!;
		expect(pushRow).toMatchObject({
			dedupeKey: `notice:instalment_due:${first.id}>push`,
			instalmentId: first.id,
			subject: 'Vandaag: termijn 1'
		});
		// Planning again changes nothing.
		await planAll(db, { origin: ORIGIN, mailDomain: 'coulant.test', channels: ['email', 'push'] });
		expect((await outbox(d.id)).filter((r) => r.kind === 'instalment_due')).toHaveLength(2);

		const r = await send({ push: channel() });
		expect(r.sent).toBeGreaterThanOrEqual(1);
		const [message] = await service.received(browser.clientHash);
		const payload = JSON.parse(message);
		expect(payload).toMatchObject({
			title: 'Vandaag: termijn 1',
			body: 'Termijn 1 van je regeling bij De Groene Fiets is vandaag. Tik om te betalen.',
			tag: 'instalment_due'
		});
		// The instalment's own pay link, and nothing on the lock screen about money.
		expect(payload.url).toMatch(new RegExp(`^${ORIGIN}/i/[A-Za-z0-9_-]+$`));
		expect(message).not.toMatch(/45|€|EUR/);
		const [sent] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, pushRow.id));
		expect(sent).toMatchObject({ status: 'sent', transport: 'push' });
		expect((await events(d.id, 'outreach.sent')).some((e) => (e.payload as { channel: string }).channel === 'push')).toBe(true);
	});

	it('an answer from support goes by push at once, in the merchant’s tone — and for a debtor without e-mail, by push alone', async () => {
		const { m, d, owner } = await debtorWithLink({ email: null }, 'formal');
		const browser = await service.subscribe(vapid.publicKey);
		await push.subscribe(db, owner, pushSubscription.parse(browser), { allowLoopback: true });
		await followEvents(db, { origin: ORIGIN, mailDomain: 'coulant.test', channels: ['email', 'push'] });
		await timeline.append(db, { merchantId: m.id, debtorId: d.id, type: 'message.answered', actor: 'staff', payload: {} });
		await followEvents(db, { origin: ORIGIN, mailDomain: 'coulant.test', channels: ['email', 'push'] });
		expect((await outbox(d.id)).map((r) => [r.kind, r.channel])).toEqual([['support_answered', 'push']]);
		await send({ push: channel() });
		const [payload] = (await service.received(browser.clientHash)).map((t) => JSON.parse(t));
		expect(payload.title).toBe('Antwoord van De Groene Fiets');
		expect(payload.body).toBe('Wij hebben uw bericht beantwoord. Tik om het te lezen.');
		expect(payload.url).toMatch(new RegExp(`^${ORIGIN}/d/[A-Za-z0-9_-]+$`));
	});

	it('the reminder before a direct debit goes by push too, naming the day and the instalment, not the account', async () => {
		const { m, d, c, owner } = await debtorWithLink();
		const { plan } = await planDueToday(m, d, c, 'direct_debit');
		const inTwoDays = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
		await db
			.update(plans)
			.set({ mollieSubscriptionId: `sub_${randomBytes(5).toString('hex')}`, mandateAccount: 'NL55INGB0000000000' })
			.where(eq(plans.id, plan.id));
		await db
			.update(instalments)
			.set({ status: 'paid' })
			.where(sql`${instalments.planId} = ${plan.id} and ${instalments.number} = 1`);
		await db
			.update(instalments)
			.set({ dueOn: inTwoDays })
			.where(sql`${instalments.planId} = ${plan.id} and ${instalments.number} = 2`);
		const browser = await service.subscribe(vapid.publicKey);
		await push.subscribe(db, owner, pushSubscription.parse(browser), { allowLoopback: true });
		await planAll(db, { origin: ORIGIN, mailDomain: 'coulant.test', channels: ['email', 'push'] });
		expect(
			(await outbox(d.id))
				.filter((r) => r.kind === 'pre_debit_reminder')
				.map((r) => r.channel)
				.sort()
		).toEqual(['email', 'push']);
		await send({ push: channel() });
		const [payload] = (await service.received(browser.clientHash)).map((t) => JSON.parse(t));
		expect(payload.title).toMatch(/^Afschrijving op /);
		expect(payload.body).toMatch(/^Op .+ schrijft De Groene Fiets termijn 2 van je rekening af\. Zorg dat er genoeg op staat\.$/);
		expect(JSON.stringify(payload)).not.toContain('NL55');
	});

	it('the day before a promised date: a push that names the date', async () => {
		const { m, d, owner } = await debtorWithLink();
		const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
		expect((await promises.make(db, { debtorId: d.id, merchantId: m.id, policy: DEFAULT_POLICY }, tomorrow)).ok).toBe(true);
		const browser = await service.subscribe(vapid.publicKey);
		await push.subscribe(db, owner, pushSubscription.parse(browser), { allowLoopback: true });
		await planAll(db, { origin: ORIGIN, mailDomain: 'coulant.test', channels: ['email', 'push'] });
		await send({ push: channel() });
		const [payload] = (await service.received(browser.clientHash)).map((t) => JSON.parse(t));
		expect(payload.title).toBe('Morgen: je afspraak om te betalen');
		expect(payload.body).toMatch(/^Je hebt met De Groene Fiets afgesproken dat je uiterlijk .+ betaalt\. Tik om te betalen\.$/);
	});

	it('a debtor without a subscription gets no push row, and a revoked link takes its phones with it', async () => {
		const { m, d, c, owner, link } = await debtorWithLink();
		await planDueToday(m, d, c);
		await push.subscribe(db, owner, fakeSubscription(1), { allowLoopback: false });
		const clock = { today: today(), monday: today(), timeZone: 'Europe/Amsterdam' };
		expect((await situations(db, sql`d.id = ${d.id}::uuid`, clock))[0].pushable).toBe(true);
		await db.update(links).set({ revokedAt: new Date() }).where(eq(links.id, link.linkId));
		expect((await situations(db, sql`d.id = ${d.id}::uuid`, clock))[0].pushable).toBe(false);
		await planAll(db, { origin: ORIGIN, mailDomain: 'coulant.test', channels: ['email', 'push'] });
		expect((await outbox(d.id)).filter((r) => r.channel === 'push')).toHaveLength(0);
	});
});

describe('subscriptions the push service dropped', () => {
	it('410 and 404 remove that subscription; the phone still subscribed gets the message', async () => {
		const { m, d, c, owner } = await debtorWithLink();
		await planDueToday(m, d, c);
		const live = await service.subscribe(vapid.publicKey);
		const expired = await service.subscribe(vapid.publicKey);
		const unknown = await startAnswering(404);
		try {
			for (const s of [live, expired]) await push.subscribe(db, owner, pushSubscription.parse(s), { allowLoopback: true });
			await push.subscribe(db, owner, { endpoint: `${unknown.url}abc`, keys: fakeSubscription(0).keys }, { allowLoopback: true });
			await service.expire(expired.clientHash);
			await planAll(db, { origin: ORIGIN, mailDomain: 'coulant.test', channels: ['email', 'push'] });
			await send({ push: channel() });
			expect(await service.received(live.clientHash)).toHaveLength(1);
			expect(unknown.hits).toBe(1);
			const left = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.debtorId, d.id));
			expect(left.map((s) => s.endpoint)).toEqual([live.endpoint]);
			expect((await events(d.id, 'push.gone')).map((e) => e.payload)).toEqual([{ devices: 2 }]);
		} finally {
			await unknown.close();
		}
	});

	it('when every one is gone the message bounces and push is off; a push service in trouble (500) is tried again later', async () => {
		const { m, d, c, owner } = await debtorWithLink();
		await planDueToday(m, d, c);
		const broken = await startAnswering(500);
		const gone = await startAnswering(410);
		try {
			await push.subscribe(db, owner, { endpoint: `${broken.url}x`, keys: fakeSubscription(0).keys }, { allowLoopback: true });
			await planAll(db, { origin: ORIGIN, mailDomain: 'coulant.test', channels: ['email', 'push'] });
			await send({ push: channel() });
			const [deferred] = (await outbox(d.id)).filter((r) => r.channel === 'push');
			expect(deferred).toMatchObject({ status: 'deferred', reason: 'push service answered 500' });
			expect(await push.isOn(db, d.id)).toBe(true);

			await db
				.update(pushSubscriptions)
				.set({ endpoint: `${gone.url}x` })
				.where(eq(pushSubscriptions.debtorId, d.id));
			await send({ push: channel() }, new Date(Date.now() + 10 * 60_000));
			const [bounced] = (await outbox(d.id)).filter((r) => r.channel === 'push');
			expect(bounced).toMatchObject({ status: 'bounced', reason: 'subscription_gone' });
			expect(await push.isOn(db, d.id)).toBe(false);
		} finally {
			await broken.close();
			await gone.close();
		}
	});
});

describe('the debtor’s choice of channel', () => {
	it('is stored and on the timeline, offers only channels with an address, and the next "preferred" step uses it', async () => {
		const { m, d } = await debtorWithLink({ phone: '+31612345678' });
		const who = { debtorId: d.id, merchantId: m.id };
		expect((await contactChoices(db, d.id))!.choosable).toEqual(['email', 'sms']);
		expect(await setPreferredChannel(db, who, 'letter')).toEqual({ ok: false, problem: 'not_choosable' });
		expect(await setPreferredChannel(db, who, 'sms')).toEqual({ ok: true, changed: true });
		expect(await setPreferredChannel(db, who, 'sms')).toEqual({ ok: true, changed: false });
		const [row] = await db.select({ p: debtors.preferredChannel }).from(debtors).where(eq(debtors.id, d.id));
		expect(row.p).toBe('sms');
		expect((await events(d.id, 'outreach.channel_chosen')).map((e) => e.payload)).toEqual([{ from: null, to: 'sms', via: 'page' }]);

		await planAll(db, { origin: ORIGIN, mailDomain: 'coulant.test', channels: ['email', 'sms', 'letter'] });
		const [step] = (await outbox(d.id)).filter((r) => r.stepId === 'link');
		expect(step).toMatchObject({ channel: 'sms', toAddress: '+31612345678' });
	});

	it('a number that failed is not offered', async () => {
		const { d } = await debtorWithLink({ phone: '+31612345679', phoneFailedAt: new Date() });
		expect((await contactChoices(db, d.id))!.choosable).toEqual(['email']);
	});
});

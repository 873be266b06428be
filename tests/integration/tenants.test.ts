// Many merchants, each with their own money: two merchants sign up, each connects its own stand-in Mollie
// organization, a debtor of each pays, and no payment, token or webhook ever crosses from one to the other.
import { createMollieClient } from '@mollie/api-client';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { MOLLIE_STANDIN } from '../../src/lib/server/config';
import type { Db } from '../../src/lib/server/db/client';
import { merchantMollie, merchantSignups, payments, standinPayments } from '../../src/lib/server/db/schema';
import * as controls from '../../src/lib/server/mollie-standin/controls';
import { approve, createOrganization, expireAccessTokens, revokeOrganization } from '../../src/lib/server/mollie-standin/oauth';
import * as pay from '../../src/lib/server/payments/service';
import * as settlement from '../../src/lib/server/settlement/service';
import * as connect from '../../src/lib/server/tenants/connect';
import { fieldErrors, signUpForm } from '../../src/lib/server/tenants/forms';
import * as signup from '../../src/lib/server/tenants/signup';
import { paymentsStanding } from '../../src/lib/server/tenants/standing';
import { SCOPES } from '../../src/lib/server/tenants/oauth';
import * as fx from '../helpers/fixtures';
import { APP_ORIGIN, eventually, useStandinDatabase } from '../helpers/standin';

const env = useStandinDatabase();
let db: Db;
beforeAll(() => {
	db = env.db;
});

const ctx = { origin: APP_ORIGIN, locale: 'nl' as const };
const idOf = (checkoutUrl: string) => checkoutUrl.split('/').pop()!;
let n = 0;

const form = (over: Record<string, string> = {}) => ({
	company: 'Fietsenmakerij Spaak',
	name: 'Ilse Spaak',
	email: `ilse+${++n}-${Date.now()}@spaak.example`,
	password: 'vier losse woorden samen',
	legalName: 'Spaak B.V.',
	address: 'Kerkstraat 1, 1017 GA Amsterdam',
	kvk: '12345678',
	sepaCreditorName: 'Spaak BV',
	...over
});

async function signUp(over: Record<string, string> = {}) {
	const parsed = signUpForm.parse(form(over));
	const result = await signup.signUp(db, parsed, `10.0.0.${n}`);
	if (result.kind !== 'ok') throw new Error(`sign-up failed: ${JSON.stringify(result)}`);
	return { ...result, email: parsed.email };
}

/** The merchant's owner goes through Mollie Connect: the tester approves in the stand-in, the callback exchanges the code. */
async function connectOwnOrganization(merchantId: string, name: string) {
	const approved = await approve(db, {
		clientId: 'app_standin',
		redirectUri: connect.redirectUri(),
		scope: SCOPES.join(' '),
		organizationName: name
	});
	expect(await connect.completeOAuth(db, merchantId, approved!.code)).toEqual({ ok: true });
	const profiles = await connect.profilesOf(db, merchantId);
	expect(profiles).toHaveLength(1);
	expect(await connect.chooseProfile(db, merchantId, profiles![0].id, 'test')).toBe(true);
	return approved!.organization;
}

async function debtorOf(merchantId: string, cents: number) {
	const d = await fx.debtor(db, merchantId);
	await fx.claim(db, { merchantId, debtorId: d.id }, { amountCents: cents });
	return { debtorId: d.id, merchantId, merchantName: 'Testwinkel' };
}

describe('sign-up', () => {
	it('says, next to the field, when the e-mail address is taken, the password weak or the KvK number wrong', async () => {
		const first = await signUp();
		const again = await signup.signUp(db, signUpForm.parse(form({ email: first.email })), '10.1.0.1');
		expect(again).toEqual({ kind: 'invalid', errors: { email: 'tenants_error_email_taken' } });
		const weak = await signup.signUp(db, signUpForm.parse(form({ password: 'password123' })), '10.1.0.2');
		expect(weak).toEqual({ kind: 'invalid', errors: { password: 'tenants_error_password_weak' } });
		const short = signUpForm.safeParse(form({ password: 'kort' }));
		expect(fieldErrors(short.error!)).toEqual({ password: 'tenants_error_password_short' });
		const bad = signUpForm.safeParse(form({ kvk: '1234', email: 'not an address' }));
		expect(bad.success).toBe(false);
		expect(fieldErrors(bad.error!)).toMatchObject({ kvk: 'tenants_error_kvk', email: 'tenants_error_email' });
	});

	it('keeps the merchant unverified (nothing to debtors) until the link is opened, once', async () => {
		const s = await signUp();
		expect(await signup.isVerified(db, s.merchantId)).toBe(false);
		expect(s.mail.delivered).toBe('local');
		const token = s.link.split('/').pop()!;
		expect(await signup.verify(db, token)).toEqual({ kind: 'ok', merchantId: s.merchantId });
		expect(await signup.isVerified(db, s.merchantId)).toBe(true);
		expect(await signup.verify(db, token)).toEqual({ kind: 'gone' });
		const [legal] = await db.select().from(merchantSignups).where(eq(merchantSignups.merchantId, s.merchantId));
		expect(legal).toMatchObject({ legalName: 'Spaak B.V.', kvk: '12345678', sepaCreditorName: 'Spaak BV' });
	});

	it('gives a new merchant no Mollie at all: not the installation key, so no payment can start', async () => {
		const s = await signUp();
		expect(await paymentsStanding(db, s.merchantId)).toBe('none');
		const payer = await debtorOf(s.merchantId, 1500);
		expect(await pay.start(db, payer, ['ideal'], ctx)).toEqual({ kind: 'unavailable' });
		expect(await db.select().from(standinPayments).where(eq(standinPayments.description, `Testwinkel`))).toHaveLength(0);
	});
});

describe('two merchants, two Mollie organizations', () => {
	it('creates each payment in its own merchant organization and applies both webhooks with the right credentials', async () => {
		const a = await signUp({ company: 'Winkel A' });
		const b = await signUp({ company: 'Winkel B' });
		const orgA = await connectOwnOrganization(a.merchantId, 'Organisatie A');
		const orgB = await connectOwnOrganization(b.merchantId, 'Organisatie B');
		expect(orgA.id).not.toBe(orgB.id);

		const payerA = await debtorOf(a.merchantId, 2500);
		const payerB = await debtorOf(b.merchantId, 4000);
		const { url: urlA } = (await pay.start(db, payerA, ['ideal'], ctx)) as { url: string };
		const { url: urlB } = (await pay.start(db, payerB, ['ideal'], ctx)) as { url: string };
		expect((await controls.payment(db, idOf(urlA)))!.organizationId).toBe(orgA.id);
		expect((await controls.payment(db, idOf(urlB)))!.organizationId).toBe(orgB.id);

		// Each organization's own view: its payment, never the other's.
		const tokenOf = async (merchantId: string) => {
			const [row] = await db.select().from(merchantMollie).where(eq(merchantMollie.merchantId, merchantId));
			return row;
		};
		const rowA = await tokenOf(a.merchantId);
		const keyClient = createMollieClient({ apiKey: orgA.apiKey, apiEndpoint: MOLLIE_STANDIN.apiEndpoint });
		expect([...(await keyClient.payments.page())].map((p) => p.id)).toEqual([idOf(urlA)]);
		await expect(keyClient.payments.get(idOf(urlB))).rejects.toMatchObject({ statusCode: 404 });
		const installation = createMollieClient(MOLLIE_STANDIN);
		await expect(installation.payments.get(idOf(urlA))).rejects.toMatchObject({ statusCode: 404 });

		await controls.decide(db, idOf(urlA), 'paid');
		await controls.decide(db, idOf(urlB), 'paid');
		const statusOf = async (debtorId: string) => (await db.select().from(payments).where(eq(payments.debtorId, debtorId)))[0]?.status;
		expect(
			await eventually(
				() => statusOf(payerA.debtorId),
				(s) => s === 'paid'
			)
		).toBe('paid');
		expect(
			await eventually(
				() => statusOf(payerB.debtorId),
				(s) => s === 'paid'
			)
		).toBe('paid');

		// Tokens at rest are sealed: the row holds no token Mollie handed out.
		expect(rowA.accessToken).toMatch(/^v1:/);
		expect(rowA.refreshToken).toMatch(/^v1:/);
		expect(JSON.stringify(rowA)).not.toMatch(/access_[A-Za-z0-9]{20}|refresh_[A-Za-z0-9]{20}/);
		expect(rowA.secretHint).toMatch(/^access_…\w{4}$/);
	});

	it('refreshes an expired access token by itself', async () => {
		const s = await signUp();
		await connectOwnOrganization(s.merchantId, 'Organisatie C');
		const before = (await db.select().from(merchantMollie).where(eq(merchantMollie.merchantId, s.merchantId)))[0];
		await expireAccessTokens(db);
		await db
			.update(merchantMollie)
			.set({ accessExpiresAt: new Date(Date.now() - 1000) })
			.where(eq(merchantMollie.merchantId, s.merchantId));
		const payer = await debtorOf(s.merchantId, 1200);
		expect((await pay.start(db, payer, ['ideal'], ctx)).kind).toBe('checkout');
		const after = (await db.select().from(merchantMollie).where(eq(merchantMollie.merchantId, s.merchantId)))[0];
		expect(after.accessToken).not.toBe(before.accessToken);
		expect(after.state).toBe('connected');
	});

	it('a revoked authorization: the merchant is asked to reconnect, debtors get no pay button, reconnecting works', async () => {
		const s = await signUp();
		const org = await connectOwnOrganization(s.merchantId, 'Organisatie D');
		await revokeOrganization(db, org.id);
		const payer = await debtorOf(s.merchantId, 3300);
		expect(await pay.start(db, payer, ['ideal'], ctx)).toEqual({ kind: 'unavailable' });
		expect(await paymentsStanding(db, s.merchantId)).toBe('revoked');
		expect((await connect.view(db, s.merchantId)).state).toBe('revoked');

		const again = await approve(db, {
			clientId: 'app_standin',
			redirectUri: connect.redirectUri(),
			scope: SCOPES.join(' '),
			organizationId: org.id
		});
		await connect.completeOAuth(db, s.merchantId, again!.code);
		const [profile] = (await connect.profilesOf(db, s.merchantId))!;
		await connect.chooseProfile(db, s.merchantId, profile.id, 'test');
		expect(await paymentsStanding(db, s.merchantId)).toBe('ready');
		expect((await pay.start(db, payer, ['ideal'], ctx)).kind).toBe('checkout');
	});

	it('takes a pasted API key only when Mollie accepts it, and keeps it sealed', async () => {
		const s = await signUp();
		expect(await connect.pasteApiKey(db, s.merchantId, 'nonsense')).toEqual({ ok: false, problem: 'format' });
		expect(await connect.pasteApiKey(db, s.merchantId, 'test_notarealkeynotarealkey1234')).toEqual({ ok: false, problem: 'refused' });
		const org = await createOrganization(db, 'Organisatie E');
		expect(await connect.pasteApiKey(db, s.merchantId, org.apiKey)).toEqual({ ok: true });
		const [row] = await db.select().from(merchantMollie).where(eq(merchantMollie.merchantId, s.merchantId));
		expect(row.apiKey).toMatch(/^v1:/);
		expect(JSON.stringify(row)).not.toContain(org.apiKey);
		const payer = await debtorOf(s.merchantId, 999);
		const { url } = (await pay.start(db, payer, ['ideal'], ctx)) as { url: string };
		expect((await controls.payment(db, idOf(url)))!.organizationId).toBe(org.id);
	});
});

describe('the Mollie webhook', () => {
	it('asks Mollie about an unknown payment id once, then remembers it is nobody’s', async () => {
		expect(await settlement.onWebhook(db, 'tr_NobodysPay1')).toBe('unknown');
		// Had it asked again, this fault would make the answer "retry".
		await controls.failNext(db, { status: 503, times: 4 });
		expect(await settlement.onWebhook(db, 'tr_NobodysPay1')).toBe('unknown');
		await controls.clearFaults(db);
	});
});

// The edge to Mollie: the official client, made for the merchant whose money it is (their OAuth token or API key, or
// the installation's key), pointed where the configuration says (Mollie, or the stand-in's address).
// Every call is bounded in time and its failure is a value, so the debtor gets a calm answer.
import { createMollieClient, MollieApiError as ApiError, type MollieClient, type Payment } from '@mollie/api-client';
import { config } from '../config';
import type { Db } from '../db/client';
import * as credentials from '../tenants/credentials';
import type { PaymentStatus } from '../../domain/payment';

export type Gateway = 'mollie' | 'standin';
/** `status` is Mollie's HTTP status when it answered; `standing` says why no call was made (the merchant's Mollie). */
export type Failure = {
	ok: false;
	reason: 'unavailable' | 'rejected';
	detail: string;
	field?: string;
	status?: number;
	standing?: 'none' | 'revoked' | 'unavailable';
};
export type Result<T> = { ok: true; value: T } | Failure;
export type MolliePayment = {
	id: string;
	status: PaymentStatus;
	method: string | null;
	checkoutUrl: string | null;
	expiresAt: Date | null;
	paidAt: Date | null;
	amountCents?: number;
	sequenceType?: 'oneoff' | 'first' | 'recurring';
	customerId?: string | null;
	subscriptionId?: string | null;
	/** A chargeback keeps the payment 'paid' but takes the money back. */
	chargedBackCents?: number;
};
export type Method = { id: string; description: string; min: number; max: number };

/**
 * Whose Mollie a call is for: a merchant (their own account, or the installation's when they never connected one),
 * or null for the installation's account itself (a webhook about a payment we never stored).
 */
export type Account = { db: Db; merchantId: string | null; credentials?: credentials.Credentials };

/** Clients by credential, so a busy merchant does not build one per call; small, as each holds an agent. */
const clients = new Map<string, MollieClient>();
const CLIENTS_MAX = 100;

export function timeoutMs(): number {
	return config().mollieTimeoutMs;
}

export function gateway(): Gateway {
	return config().mollieApiKey ? 'mollie' : 'standin';
}

/** Where Mollie reports: our webhook, except when the real Mollie could not reach it (a laptop); then the result page asks Mollie. */
export function webhookUrl(origin: string, merchantId?: string): string | undefined {
	const local = /^(localhost|127\.|\[::1\])/.test(new URL(origin).hostname);
	if (gateway() === 'mollie' && local) return undefined;
	// Payments Mollie makes by itself (subscription collections) are not stored yet: the webhook says whose they are.
	return `${origin}/api/webhooks/mollie${merchantId ? `?m=${merchantId}` : ''}`;
}

function clientFor(c: credentials.Credentials): MollieClient {
	const secret = c.source === 'oauth' ? c.accessToken : c.apiKey;
	const key = `${c.apiEndpoint ?? ''}|${secret}|${c.source === 'oauth' ? `${c.profileId}|${c.testmode}` : ''}`;
	let client = clients.get(key);
	if (!client) {
		const endpoint = c.apiEndpoint ? { apiEndpoint: c.apiEndpoint } : {};
		client =
			c.source === 'oauth'
				? createMollieClient({
						accessToken: c.accessToken,
						// Before a profile is chosen (connect.ts) only the organization and its profiles are read.
						parameterDefaults: c.profileId ? { profileId: c.profileId, testmode: c.testmode } : { testmode: c.testmode },
						...endpoint
					})
				: createMollieClient({ apiKey: c.apiKey, ...endpoint });
		if (clients.size >= CLIENTS_MAX) clients.delete(clients.keys().next().value!);
		clients.set(key, client);
	}
	return client;
}

async function credentialsOf(account: Account): Promise<credentials.Standing> {
	if (account.credentials) return { kind: 'ready', credentials: account.credentials };
	if (account.merchantId) return credentials.standing(account.db, account.merchantId);
	const c = config().mollie;
	return { kind: 'ready', credentials: { source: 'installation', merchantId: '', apiKey: c.apiKey, apiEndpoint: c.apiEndpoint } };
}

/** A call with the account's client; a 401 to a merchant's own credentials means they were revoked. */
async function withMollie<T>(account: Account, what: string, run: (client: MollieClient) => Promise<T>): Promise<Result<T>> {
	const standing = await credentialsOf(account);
	if (standing.kind !== 'ready') {
		return {
			ok: false,
			reason: 'unavailable',
			detail: `${what}: the merchant's Mollie account is ${standing.kind}`,
			standing: standing.kind
		};
	}
	const result = await call(what, () => run(clientFor(standing.credentials)));
	if (!result.ok && result.status === 401 && standing.credentials.source !== 'installation' && account.merchantId && !account.credentials) {
		await credentials.markRevoked(account.db, account.merchantId);
		return { ...result, reason: 'unavailable', standing: 'revoked' };
	}
	return result;
}

async function call<T>(what: string, run: () => Promise<T>): Promise<Result<T>> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<Failure>((resolve) => {
		timer = setTimeout(
			() => resolve({ ok: false, reason: 'unavailable', detail: `Mollie did not answer ${what} in time` }),
			config().mollieTimeoutMs
		);
	});
	try {
		return await Promise.race([run().then((value) => ({ ok: true as const, value })), timeout]);
	} catch (e) {
		if (e instanceof ApiError) {
			const status = e.statusCode ?? 0;
			const reason = status >= 500 || status === 0 || status === 429 ? 'unavailable' : 'rejected';
			return { ok: false, reason, detail: `${what}: ${status} ${e.message}`, field: e.field, status };
		}
		return { ok: false, reason: 'unavailable', detail: `${what}: ${(e as Error).message}` };
	} finally {
		clearTimeout(timer);
	}
}

const cents = (a?: { value: string } | null) => (a ? Math.round(Number(a.value) * 100) : 0);

function toPayment(p: Payment): MolliePayment {
	return {
		id: p.id,
		status: p.status as PaymentStatus,
		method: (p.method as string | null) ?? null,
		checkoutUrl: p.getCheckoutUrl(),
		expiresAt: p.expiresAt ? new Date(p.expiresAt) : null,
		paidAt: p.paidAt ? new Date(p.paidAt) : null,
		amountCents: cents(p.amount),
		sequenceType: p.sequenceType as MolliePayment['sequenceType'],
		customerId: p.customerId ?? null,
		subscriptionId: p.subscriptionId ?? null,
		chargedBackCents: cents(p.amountChargedBack)
	};
}

export async function createPayment(
	account: Account,
	params: {
		amount: { value: string; currency: string };
		description: string;
		redirectUrl: string;
		webhookUrl?: string;
		method: string[];
		locale: 'nl_NL' | 'en_US' | 'de_DE' | 'fr_FR' | 'pl_PL';
		metadata: Record<string, string>;
		idempotencyKey: string;
		/** A first payment sets up a SEPA direct-debit mandate on the customer for the rest of a plan. */
		customerId?: string;
		sequenceType?: 'first';
	}
): Promise<Result<MolliePayment>> {
	const { method, ...rest } = params;
	const parameters = { ...rest, method: method.length === 1 ? method[0] : method } as unknown as Parameters<
		MollieClient['payments']['create']
	>[0];
	return withMollie(account, 'create payment', async (m) => toPayment((await m.payments.create(parameters)) as Payment));
}

export async function getPayment(account: Account, id: string): Promise<Result<MolliePayment>> {
	return withMollie(account, 'get payment', async (m) => toPayment(await m.payments.get(id)));
}

const METHODS_TTL_MS = 10 * 60_000;
const methodsCache = new Map<string, { at: number; methods: Method[] }>();

/** The methods the merchant's profile enables, iDEAL first; cached, and never in the way of the page. */
export async function methodsFor(account: Account, currency: string, now = Date.now()): Promise<Method[]> {
	return (await methodsAsked(account, currency, now)).methods;
}

/** methodsFor, and whether Mollie was asked this time (only a call can notice that the merchant's authorization went). */
export async function methodsAsked(
	account: Account,
	currency: string,
	now = Date.now()
): Promise<{ methods: Method[]; askedMollie: boolean }> {
	const cacheKey = `${account.merchantId ?? ''}|${currency}`;
	const hit = methodsCache.get(cacheKey);
	if (hit && now - hit.at < METHODS_TTL_MS) return { methods: hit.methods, askedMollie: false };
	const result = await withMollie(account, 'list methods', (m) => m.methods.list({ amount: { value: '1.00', currency } } as never));
	if (!result.ok) return { methods: hit?.methods ?? [{ id: 'ideal', description: 'iDEAL', min: 1, max: 5_000_000 }], askedMollie: true };
	const methods = [...result.value]
		.map((m) => ({
			id: m.id as string,
			description: m.description,
			min: Math.round(Number(m.minimumAmount.value) * 100),
			max: Math.round(Number(m.maximumAmount?.value ?? '1000000') * 100)
		}))
		.sort((a, b) => Number(b.id === 'ideal') - Number(a.id === 'ideal'));
	methodsCache.set(cacheKey, { at: now, methods });
	return { methods, askedMollie: true };
}

export async function createCustomer(
	account: Account,
	params: { name: string; email?: string; metadata: Record<string, string>; idempotencyKey: string }
) {
	return withMollie(account, 'create customer', async (m) => (await m.customers.create(params as never)).id);
}

export type Mandate = { id: string; status: string; account: string | null };

export async function validMandate(account: Account, customerId: string): Promise<Result<Mandate | null>> {
	return withMollie(account, 'list mandates', async (m) => {
		const page = await m.customerMandates.page({ customerId });
		const valid = [...page].find((x) => x.status === 'valid');
		const details = valid?.details as { consumerAccount?: string } | undefined;
		return valid ? { id: valid.id, status: valid.status, account: details?.consumerAccount ?? null } : null;
	});
}

export async function createSubscription(
	account: Account,
	params: {
		customerId: string;
		mandateId: string;
		amount: { value: string; currency: string };
		interval: string;
		times: number;
		startDate: string;
		description: string;
		webhookUrl?: string;
		metadata: Record<string, string>;
		idempotencyKey: string;
	}
) {
	return withMollie(account, 'create subscription', async (m) => (await m.customerSubscriptions.create(params as never)).id);
}

export async function cancelSubscription(account: Account, customerId: string, subscriptionId: string) {
	return withMollie(account, 'cancel subscription', async (m) => {
		await m.customerSubscriptions.cancel(subscriptionId, { customerId });
		return true;
	});
}

export type MollieOrganization = { id: string; name: string };
export type MollieProfile = { id: string; name: string; website: string; mode: 'test' | 'live' };

/** Who the merchant's credentials belong to, and the website profiles to choose from (connect.ts). */
export async function accountInfo(
	account: Account,
	oauth: boolean
): Promise<Result<{ organization: MollieOrganization | null; profiles: MollieProfile[] }>> {
	return withMollie(account, 'read organization and profiles', async (m) => {
		const profile = (p: { id: string; name: string; website: string; mode: string }): MollieProfile => ({
			id: p.id,
			name: p.name,
			website: p.website,
			mode: p.mode === 'live' ? 'live' : 'test'
		});
		if (!oauth) return { organization: null, profiles: [profile(await m.profiles.getCurrent())] };
		const org = await m.organizations.getCurrent();
		const page = await m.profiles.page();
		return { organization: { id: org.id, name: org.name }, profiles: [...page].map(profile) };
	});
}

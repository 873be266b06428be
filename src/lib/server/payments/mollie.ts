// The edge to Mollie: the official client, pointed where the configuration says (Mollie, or the stand-in's address).
// Every call is bounded in time and its failure is a value, so the debtor gets a calm answer.
import { createMollieClient, MollieApiError as ApiError, type MollieClient, type Payment } from '@mollie/api-client';
import { config } from '../config';
import type { PaymentStatus } from '../../domain/payment';

export type Gateway = 'mollie' | 'standin';
export type Failure = { ok: false; reason: 'unavailable' | 'rejected'; detail: string; field?: string };
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

let client: MollieClient | undefined;

export function timeoutMs(): number {
	return config().mollieTimeoutMs;
}

export function gateway(): Gateway {
	return config().mollieApiKey ? 'mollie' : 'standin';
}

/** Where Mollie reports: our webhook, except when the real Mollie could not reach it (a laptop); then the result page asks Mollie. */
export function webhookUrl(origin: string): string | undefined {
	const local = /^(localhost|127\.|\[::1\])/.test(new URL(origin).hostname);
	return gateway() === 'mollie' && local ? undefined : `${origin}/api/webhooks/mollie`;
}

function mollie(): MollieClient {
	client ??= createMollieClient(config().mollie);
	return client;
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
			return { ok: false, reason, detail: `${what}: ${status} ${e.message}`, field: e.field };
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

export async function createPayment(params: {
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
}): Promise<Result<MolliePayment>> {
	const { method, ...rest } = params;
	const parameters = { ...rest, method: method.length === 1 ? method[0] : method } as unknown as Parameters<
		MollieClient['payments']['create']
	>[0];
	return call('create payment', async () => toPayment((await mollie().payments.create(parameters)) as Payment));
}

export async function getPayment(id: string): Promise<Result<MolliePayment>> {
	return call('get payment', async () => toPayment(await mollie().payments.get(id)));
}

const METHODS_TTL_MS = 10 * 60_000;
const methodsCache = new Map<string, { at: number; methods: Method[] }>();

/** The methods the merchant's profile enables, iDEAL first; cached, and never in the way of the page. */
export async function methodsFor(currency: string, now = Date.now()): Promise<Method[]> {
	const hit = methodsCache.get(currency);
	if (hit && now - hit.at < METHODS_TTL_MS) return hit.methods;
	const result = await call('list methods', () => mollie().methods.list({ amount: { value: '1.00', currency } } as never));
	if (!result.ok) return hit?.methods ?? [{ id: 'ideal', description: 'iDEAL', min: 1, max: 5_000_000 }];
	const methods = [...result.value]
		.map((m) => ({
			id: m.id as string,
			description: m.description,
			min: Math.round(Number(m.minimumAmount.value) * 100),
			max: Math.round(Number(m.maximumAmount?.value ?? '1000000') * 100)
		}))
		.sort((a, b) => Number(b.id === 'ideal') - Number(a.id === 'ideal'));
	methodsCache.set(currency, { at: now, methods });
	return methods;
}

export async function createCustomer(params: { name: string; email?: string; metadata: Record<string, string>; idempotencyKey: string }) {
	return call('create customer', async () => (await mollie().customers.create(params as never)).id);
}

export type Mandate = { id: string; status: string; account: string | null };

export async function validMandate(customerId: string): Promise<Result<Mandate | null>> {
	return call('list mandates', async () => {
		const page = await mollie().customerMandates.page({ customerId });
		const m = [...page].find((x) => x.status === 'valid');
		const details = m?.details as { consumerAccount?: string } | undefined;
		return m ? { id: m.id, status: m.status, account: details?.consumerAccount ?? null } : null;
	});
}

export async function createSubscription(params: {
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
}) {
	return call('create subscription', async () => (await mollie().customerSubscriptions.create(params as never)).id);
}

export async function cancelSubscription(customerId: string, subscriptionId: string) {
	return call('cancel subscription', async () => {
		await mollie().customerSubscriptions.cancel(subscriptionId, { customerId });
		return true;
	});
}

// Mollie's response shapes, rendered from the stand-in's rows.
import type { StandinCustomer, StandinMandate, StandinPayment, StandinSubscription } from './store';

export const PROFILE_ID = 'pfl_StandIn001';
const DOCS = 'https://docs.mollie.com/reference';

export type MethodSpec = { id: string; description: string; min: string; max: string };

/** The methods the stand-in's profile has activated, iDEAL first as Dutch debtors expect. */
export const METHODS: MethodSpec[] = [
	{ id: 'ideal', description: 'iDEAL', min: '0.01', max: '50000.00' },
	{ id: 'bancontact', description: 'Bancontact', min: '0.02', max: '50000.00' },
	{ id: 'creditcard', description: 'Card', min: '0.01', max: '10000.00' }
];

export function problem(status: number, title: string, detail: string, field?: string) {
	return {
		status,
		body: {
			status,
			title,
			detail,
			...(field ? { field } : {}),
			_links: { documentation: { href: `${DOCS}/handling-errors`, type: 'text/html' } }
		}
	};
}

const iso = (d: Date | null) => (d ? d.toISOString().replace(/\.\d{3}Z$/, '+00:00') : undefined);

export function paymentJson(p: StandinPayment, origin: string) {
	const open = p.status === 'open';
	return {
		resource: 'payment',
		id: p.id,
		mode: 'test',
		createdAt: iso(p.createdAt),
		amount: { value: p.amountValue, currency: p.currency },
		description: p.description,
		method: p.method,
		metadata: p.metadata ?? null,
		status: p.status,
		isCancelable: open && p.method !== 'ideal',
		...(open ? { expiresAt: iso(p.expiresAt) } : {}),
		...(p.paidAt
			? {
					paidAt: iso(p.paidAt),
					amountRefunded: { value: '0.00', currency: p.currency },
					amountRemaining: { value: p.amountValue, currency: p.currency }
				}
			: {}),
		...(p.canceledAt ? { canceledAt: iso(p.canceledAt) } : {}),
		...(p.expiredAt ? { expiredAt: iso(p.expiredAt) } : {}),
		...(p.failedAt ? { failedAt: iso(p.failedAt) } : {}),
		profileId: PROFILE_ID,
		sequenceType: p.sequenceType,
		...(p.customerId ? { customerId: p.customerId } : {}),
		...(p.mandateId ? { mandateId: p.mandateId } : {}),
		...(p.subscriptionId ? { subscriptionId: p.subscriptionId } : {}),
		...(p.amountChargedBack ? { amountChargedBack: { value: p.amountChargedBack, currency: p.currency } } : {}),
		redirectUrl: p.redirectUrl,
		webhookUrl: p.webhookUrl,
		_links: {
			self: { href: `https://api.mollie.test/v2/payments/${p.id}`, type: 'application/hal+json' },
			...(open ? { checkout: { href: `${origin}/standin/mollie/checkout/${p.id}`, type: 'text/html' } } : {}),
			dashboard: { href: `${origin}/standin/mollie/checkout/${p.id}`, type: 'text/html' },
			documentation: { href: `${DOCS}/get-payment`, type: 'text/html' }
		}
	};
}

export function methodJson(m: MethodSpec, currency: string) {
	return {
		resource: 'method',
		id: m.id,
		description: m.description,
		minimumAmount: { value: m.min, currency },
		maximumAmount: { value: m.max, currency },
		image: { size1x: '', size2x: '', svg: '' },
		status: 'activated',
		_links: { self: { href: `https://api.mollie.test/v2/methods/${m.id}`, type: 'application/hal+json' } }
	};
}

export function customerJson(c: StandinCustomer) {
	return {
		resource: 'customer',
		id: c.id,
		mode: 'test',
		name: c.name,
		email: c.email,
		locale: null,
		metadata: c.metadata ?? null,
		createdAt: iso(c.createdAt),
		_links: { self: { href: `https://api.mollie.test/v2/customers/${c.id}`, type: 'application/hal+json' } }
	};
}

export function mandateJson(m: StandinMandate) {
	return {
		resource: 'mandate',
		id: m.id,
		mode: 'test',
		status: m.status,
		method: m.method,
		details: { consumerName: m.consumerName, consumerAccount: m.consumerAccount, consumerBic: 'INGBNL2A' },
		mandateReference: null,
		signatureDate: iso(m.createdAt)?.slice(0, 10),
		createdAt: iso(m.createdAt),
		_links: { self: { href: `https://api.mollie.test/v2/customers/${m.customerId}/mandates/${m.id}`, type: 'application/hal+json' } }
	};
}

export function subscriptionJson(s: StandinSubscription) {
	return {
		resource: 'subscription',
		id: s.id,
		mode: 'test',
		createdAt: iso(s.createdAt),
		status: s.status,
		amount: { value: s.amountValue, currency: s.currency },
		times: s.times,
		timesRemaining: s.times == null ? null : s.times - s.timesCollected,
		interval: s.interval,
		startDate: s.startDate,
		...(s.status === 'active' && s.nextPaymentDate ? { nextPaymentDate: s.nextPaymentDate } : {}),
		description: s.description,
		method: null,
		mandateId: s.mandateId,
		webhookUrl: s.webhookUrl,
		metadata: s.metadata ?? null,
		...(s.canceledAt ? { canceledAt: iso(s.canceledAt) } : {}),
		customerId: s.customerId,
		_links: { self: { href: `https://api.mollie.test/v2/customers/${s.customerId}/subscriptions/${s.id}`, type: 'application/hal+json' } }
	};
}

type Org = { id: string; name: string; profileId: string };

export function organizationJson(o: Org) {
	return {
		resource: 'organization',
		id: o.id,
		name: o.name,
		email: 'tester@standin.test',
		locale: 'nl_NL',
		address: { streetAndNumber: 'Teststraat 1', postalCode: '1011 AA', city: 'Amsterdam', country: 'NL' },
		registrationNumber: '12345678',
		vatNumber: null,
		_links: { self: { href: `https://api.mollie.test/v2/organizations/${o.id}`, type: 'application/hal+json' } }
	};
}

export function profileJson(o: Org) {
	return {
		resource: 'profile',
		id: o.profileId,
		mode: 'test',
		name: o.name,
		website: 'https://www.example.test',
		email: 'tester@standin.test',
		phone: '+31201234567',
		businessCategory: 'OTHER_MERCHANDISE',
		status: 'verified',
		createdAt: new Date().toISOString(),
		_links: { self: { href: `https://api.mollie.test/v2/profiles/${o.profileId}`, type: 'application/hal+json' } }
	};
}

// Mollie's recurring side in the stand-in: customers, mandates from paid first payments, subscriptions
// that collect on their dates (pending, then paid or failed), and chargebacks.
import { z } from 'zod';
import { addDays, addMonthsClamped } from '../../domain/schedule';
import type { ApiResponse, CallerContext, StandinContext } from './context';
import { mollieId } from './ids';
import { customerJson, mandateJson, problem, subscriptionJson } from './resources';
import * as store from './store';
import { deliverWebhook } from './webhooks';

const day = (d: Date) => d.toISOString().slice(0, 10);
const INTERVAL = /^(\d+) (day|days|week|weeks|month|months)$/;

/** The date `n` intervals after `start` (months clamp to the month's end, from the original day). */
export function nthDate(start: string, interval: string, n: number): string {
	const m = INTERVAL.exec(interval);
	if (!m) throw new RangeError(`Bad interval ${interval}`);
	const step = Number(m[1]) * n;
	if (m[2].startsWith('day')) return addDays(start, step);
	if (m[2].startsWith('week')) return addDays(start, 7 * step);
	return addMonthsClamped(start, step, Number(start.slice(8, 10)));
}

const subscriptionBody = z.object({
	amount: z.object(
		{ value: z.string().regex(/^\d+\.\d{2}$/, 'The amount contains an invalid value'), currency: z.string() },
		{ error: 'The amount is required' }
	),
	interval: z.string().regex(INTERVAL, 'The interval is invalid'),
	times: z.number().int().min(1).optional(),
	startDate: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, 'The start date is invalid')
		.optional(),
	description: z.string({ error: 'The description is required' }).min(1),
	webhookUrl: z.string().url().optional(),
	mandateId: z.string().optional(),
	metadata: z.unknown().optional()
});

export async function handleCustomers(ctx: CallerContext, method: string, parts: string[], body: unknown): Promise<ApiResponse> {
	const [customerId, sub, subId] = parts;
	if (!customerId) {
		if (method !== 'POST') return problem(405, 'Method Not Allowed', 'Not supported');
		const b = (body ?? {}) as { name?: string; email?: string; metadata?: unknown };
		const c = await store.insertCustomer(ctx.db, {
			id: mollieId('cst'),
			organizationId: ctx.caller.organizationId,
			name: b.name ?? null,
			email: b.email ?? null,
			metadata: b.metadata ?? null,
			createdAt: ctx.now()
		});
		return { status: 201, body: customerJson(c) };
	}
	const customer = await store.customer(ctx.db, customerId, ctx.caller.organizationId);
	if (!customer) return problem(404, 'Not Found', `No customer exists with token ${customerId}.`);
	if (!sub) return { status: 200, body: customerJson(customer) };
	if (sub === 'mandates' && method === 'GET') {
		const mandates = await store.mandatesOf(ctx.db, customerId);
		return { status: 200, body: { count: mandates.length, _embedded: { mandates: mandates.map(mandateJson) }, _links: {} } };
	}
	if (sub !== 'subscriptions') return problem(404, 'Not Found', 'The resource does not exist');
	if (!subId && method === 'GET') {
		const subs = await store.subscriptionsOf(ctx.db, customerId);
		return { status: 200, body: { count: subs.length, _embedded: { subscriptions: subs.map(subscriptionJson) }, _links: {} } };
	}
	if (!subId && method === 'POST') return createSubscription(ctx, customerId, body);
	const found = subId ? await store.subscription(ctx.db, customerId, subId) : undefined;
	if (!found) return problem(404, 'Not Found', `No subscription exists with token ${subId}.`);
	if (method === 'GET') return { status: 200, body: subscriptionJson(found) };
	if (method === 'DELETE') {
		if (found.status !== 'active') return problem(422, 'Unprocessable Entity', 'The subscription has been canceled already');
		const canceled = await store.updateSubscription(ctx.db, found.id, { status: 'canceled', canceledAt: ctx.now() });
		return { status: 200, body: subscriptionJson(canceled) };
	}
	return problem(405, 'Method Not Allowed', 'Not supported');
}

async function createSubscription(ctx: StandinContext, customerId: string, body: unknown): Promise<ApiResponse> {
	const parsed = subscriptionBody.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return problem(422, 'Unprocessable Entity', issue.message, issue.path.join('.') || undefined);
	}
	const b = parsed.data;
	const valid = (await store.mandatesOf(ctx.db, customerId)).find((m) => m.status === 'valid' && (!b.mandateId || m.id === b.mandateId));
	if (!valid) return problem(422, 'Unprocessable Entity', 'The customer has no valid mandate', 'mandateId');
	const existing = await store.subscriptionsOf(ctx.db, customerId);
	if (existing.some((s) => s.status === 'active' && s.description === b.description)) {
		return problem(422, 'Unprocessable Entity', 'A subscription with this description already exists for this customer', 'description');
	}
	const startDate = b.startDate ?? day(ctx.now());
	const created = await store.insertSubscription(ctx.db, {
		id: mollieId('sub'),
		customerId,
		mandateId: valid.id,
		status: 'active',
		amountValue: b.amount.value,
		currency: b.amount.currency,
		interval: b.interval,
		times: b.times ?? null,
		startDate,
		nextPaymentDate: startDate,
		description: b.description,
		webhookUrl: b.webhookUrl ?? null,
		metadata: b.metadata ?? null,
		createdAt: ctx.now()
	});
	return { status: 201, body: subscriptionJson(created) };
}

/** A paid first payment leaves a valid SEPA direct-debit mandate on its customer. */
export async function afterPaid(ctx: Pick<StandinContext, 'db' | 'now'>, paymentId: string) {
	const p = await store.payment(ctx.db, paymentId);
	if (!p || p.status !== 'paid' || p.sequenceType !== 'first' || !p.customerId) return;
	const customer = await store.customer(ctx.db, p.customerId);
	const mandate = await store.insertMandate(ctx.db, {
		id: mollieId('mdt'),
		customerId: p.customerId,
		status: 'valid',
		method: 'directdebit',
		consumerName: customer?.name ?? 'T. Tester',
		consumerAccount: 'NL55INGB0000000000',
		createdAt: ctx.now()
	});
	await store.updatePayment(ctx.db, p.id, { mandateId: mandate.id });
}

/**
 * Runs what is due on the stand-in's clock: every subscription whose next date has come gets a
 * recurring payment (pending), and pending collections are then settled, paid or — when a test queued a
 * bounce for that customer — failed. Final states fire the subscription's webhook.
 */
export async function runDue(ctx: StandinContext) {
	const now = ctx.now();
	let created = 0;
	for (;;) {
		const due = await store.dueSubscriptions(ctx.db, day(now));
		if (due.length === 0) break;
		for (const s of due) {
			const owner = await store.customer(ctx.db, s.customerId);
			await store.insertPayment(ctx.db, {
				id: mollieId('tr'),
				...(owner ? { organizationId: owner.organizationId } : {}),
				status: 'pending',
				amountValue: s.amountValue,
				currency: s.currency,
				description: s.description,
				method: 'directdebit',
				webhookUrl: s.webhookUrl,
				metadata: s.metadata,
				sequenceType: 'recurring',
				customerId: s.customerId,
				mandateId: s.mandateId,
				subscriptionId: s.id,
				createdAt: now,
				expiresAt: now
			});
			created++;
			const collected = s.timesCollected + 1;
			const done = s.times != null && collected >= s.times;
			await store.updateSubscription(ctx.db, s.id, {
				timesCollected: collected,
				status: done ? 'completed' : 'active',
				nextPaymentDate: done ? null : nthDate(s.startDate, s.interval, collected)
			});
		}
	}
	let settled = 0;
	for (const p of await store.pendingRecurring(ctx.db)) {
		const bounce = p.customerId ? await store.takeCollectionFault(ctx.db, p.customerId) : false;
		const finished = await store.finish(ctx.db, p.id, bounce ? 'failed' : 'paid', now);
		if (finished) {
			settled++;
			deliverWebhook(finished);
		}
	}
	return { created, settled };
}

/** A chargeback: the payment stays paid, gains amountChargedBack, and Mollie calls the webhook. */
export async function chargeback(ctx: Pick<StandinContext, 'db'>, paymentId: string) {
	const p = await store.payment(ctx.db, paymentId);
	if (!p || p.status !== 'paid') return null;
	const updated = await store.updatePayment(ctx.db, p.id, { amountChargedBack: p.amountValue });
	deliverWebhook(updated);
	return updated;
}

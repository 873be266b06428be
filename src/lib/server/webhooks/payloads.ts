// What a webhook event says: built from a timeline entry and the rows it names, with only what a merchant's
// accounting needs (references, amounts in cents, currency, customer_ref, dates). Contact details only in
// debtor.contact_changed; never a secret, a link token or a debtor's own words.
import { inArray, sql } from 'drizzle-orm';
import { eventsOf, type WebhookEvent } from '../../domain/webhooks';
import type { Db } from '../db/client';
import { rowsOf } from '../db/client';
import { claims, debtors, timelineEvents } from '../db/schema';

type Timeline = typeof timelineEvents.$inferSelect;
export type Built = {
	timelineEventId: number;
	seq: number;
	merchantId: string;
	type: WebhookEvent;
	occurredAt: Date;
	data: Record<string, unknown>;
};

const CONTACT_FIELDS = ['email', 'phone', 'locale', 'preferred_channel', 'street', 'postcode', 'city', 'country'] as const;
const uuidOf = (v: unknown) => (typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v : null);

type ClaimRow = { id: string; reference: string; amountCents: number; currency: string; issuedOn: string; dueOn: string };
const claimJson = (c: ClaimRow) => ({
	reference: c.reference,
	amount_cents: c.amountCents,
	currency: c.currency,
	issued_on: c.issuedOn,
	due_on: c.dueOn
});

/** Links from payments, plans and promises to their claims, and the facts of each, for a batch of entries. */
async function related(db: Db, events: Timeline[]) {
	const ids = (key: string) => [...new Set(events.map((e) => uuidOf(e.payload[key])).filter((v): v is string => !!v))];
	const [paymentIds, planIds, promiseIds] = [ids('paymentId'), ids('planId'), ids('promiseId')];
	const q = <T>(query: ReturnType<typeof sql>) => db.execute(query).then((r) => rowsOf<T>(r));
	const none = Promise.resolve([]);
	const [payments, planRows, promiseRows] = await Promise.all([
		paymentIds.length
			? q<{ id: string; instalment_id: string | null; claim_ids: string[] | null }>(sql`
				select p.id, p.instalment_id,
					array_agg(distinct coalesce(pc.claim_id, plc.claim_id)) filter (where coalesce(pc.claim_id, plc.claim_id) is not null) as claim_ids
				from payments p left join payment_claims pc on pc.payment_id = p.id
					-- An instalment's payment is for the claims of its plan.
					left join instalments i on i.id = p.instalment_id left join plan_claims plc on plc.plan_id = i.plan_id
				where p.id in ${paymentIds} group by p.id`)
			: none,
		planIds.length
			? q<{
					id: string;
					terms: number;
					frequency: string;
					collection: string;
					total_cents: string;
					currency: string;
					claim_ids: string[] | null;
				}>(sql`
				select p.id, p.terms, p.frequency, p.collection, p.total_cents, p.currency,
					array_agg(pc.claim_id) filter (where pc.claim_id is not null) as claim_ids
				from plans p left join plan_claims pc on pc.plan_id = p.id where p.id in ${planIds} group by p.id`)
			: none,
		promiseIds.length
			? q<{ id: string; promised_on: string; amount_cents: string; currency: string; claim_ids: string[] | null }>(sql`
				select p.id, p.promised_on::text, p.amount_cents, p.currency,
					array_agg(pc.claim_id) filter (where pc.claim_id is not null) as claim_ids
				from promises p left join promise_claims pc on pc.promise_id = p.id where p.id in ${promiseIds} group by p.id`)
			: none
	]);
	return {
		payments: new Map(payments.map((p) => [p.id, p])),
		plans: new Map(planRows.map((p) => [p.id, p])),
		promises: new Map(promiseRows.map((p) => [p.id, p]))
	};
}

/** The events a batch of timeline entries gives, in the entries' order. */
export async function build(db: Db, events: Timeline[]): Promise<Built[]> {
	if (!events.length) return [];
	const links = await related(db, events);
	const claimIdsOf = (e: Timeline): string[] => {
		const p = links.payments.get(uuidOf(e.payload.paymentId) ?? '');
		const plan = links.plans.get(uuidOf(e.payload.planId) ?? '');
		const promise = links.promises.get(uuidOf(e.payload.promiseId) ?? '');
		return [
			...new Set(
				[e.claimId, ...(p?.claim_ids ?? []), ...(plan?.claim_ids ?? []), ...(promise?.claim_ids ?? [])].filter((v): v is string => !!v)
			)
		];
	};
	const byRef = events.filter((e) => !e.claimId && typeof e.payload.reference === 'string');
	const claimIds = [...new Set(events.flatMap(claimIdsOf))];
	const debtorIds = [...new Set(events.map((e) => e.debtorId))];
	const claimColumns = {
		id: claims.id,
		merchantId: claims.merchantId,
		reference: claims.reference,
		amountCents: claims.amountCents,
		currency: claims.currency,
		issuedOn: claims.issuedOn,
		dueOn: claims.dueOn
	};
	const [claimRows, refRows, debtorRows] = await Promise.all([
		claimIds.length ? db.select(claimColumns).from(claims).where(inArray(claims.id, claimIds)) : [],
		byRef.length
			? db
					.select(claimColumns)
					.from(claims)
					.where(inArray(claims.reference, [...new Set(byRef.map((e) => String(e.payload.reference)))]))
			: [],
		db.select({ id: debtors.id, customerRef: debtors.customerRef }).from(debtors).where(inArray(debtors.id, debtorIds))
	]);
	const claimById = new Map(claimRows.map((c) => [c.id, c]));
	const customerRef = new Map(debtorRows.map((d) => [d.id, d.customerRef]));
	const out: Built[] = [];
	for (const e of events) {
		const payment = links.payments.get(uuidOf(e.payload.paymentId) ?? '');
		const types = eventsOf(e.type, { ...e.payload, instalment: !!payment?.instalment_id });
		const found = claimIdsOf(e)
			.map((id) => claimById.get(id))
			.filter((c) => !!c);
		const named = found.length ? [] : refRows.filter((c) => c.merchantId === e.merchantId && c.reference === e.payload.reference);
		const claimList = [...found, ...named].map(claimJson);
		const base = { customer_ref: customerRef.get(e.debtorId) ?? null, claims: claimList };
		types.forEach((type, seq) => {
			if (type === 'claim.paid' && e.type === 'payment.paid' && claimList.length === 0) return;
			out.push({
				timelineEventId: e.id,
				seq,
				merchantId: e.merchantId,
				type,
				occurredAt: e.occurredAt,
				data: { ...base, ...specific(type, e, links) }
			});
		});
	}
	return out;
}

function specific(type: WebhookEvent, e: Timeline, links: Awaited<ReturnType<typeof related>>): Record<string, unknown> {
	const p = e.payload;
	const day = e.occurredAt.toISOString().slice(0, 10);
	if (type.startsWith('payment.'))
		return {
			payment: {
				id: p.paymentId ?? null,
				amount_cents: Number(p.amountCents ?? 0),
				currency: String(p.currency ?? 'EUR'),
				method: p.method ?? null
			}
		};
	if (type === 'claim.paid') return { paid_on: day, via: e.type === 'payment.paid' ? 'coulant' : 'outside' };
	if (type.startsWith('plan.')) {
		const plan = links.plans.get(uuidOf(p.planId) ?? '');
		return {
			plan: plan
				? {
						id: plan.id,
						terms: plan.terms,
						frequency: plan.frequency,
						collection: plan.collection,
						total_cents: Number(plan.total_cents),
						currency: plan.currency
					}
				: { id: p.planId ?? null }
		};
	}
	if (type.startsWith('promise.')) {
		const promise = links.promises.get(uuidOf(p.promiseId) ?? '');
		return {
			promise: promise
				? { id: promise.id, promised_on: promise.promised_on, amount_cents: Number(promise.amount_cents), currency: promise.currency }
				: { id: p.promiseId ?? null, promised_on: p.promisedOn ?? null }
		};
	}
	if (type.startsWith('message.')) return { message: { id: p.messageId ?? null, channel: p.channel ?? null, kind: p.kind ?? null } };
	if (type === 'dispute.opened') return { dispute: { id: p.messageId ?? null, kind: p.kind ?? null } };
	if (type === 'dispute.answered') return { dispute: { id: p.messageId ?? null, kind: p.kind ?? null, outcome: p.outcome ?? null } };
	if (type === 'debtor.contact_changed') {
		const contact: Record<string, unknown> = {};
		for (const f of CONTACT_FIELDS) {
			const v = p[f] ?? p[f.replace(/_(.)/g, (_, c: string) => c.toUpperCase())];
			if (v !== undefined) contact[f] = v;
		}
		return { contact };
	}
	if (type === 'claim.handed_over' || type === 'claim.taken_back')
		return { on: day, agency: typeof p.agency === 'string' ? p.agency : null };
	return { on: day };
}

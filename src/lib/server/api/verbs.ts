// The API's verbs on one claim or debtor (paid outside Coulant, recall, contact details) and a claim's payments
// and plans. Same keys, rate limits, problem documents and Idempotency-Key handling as POST /claims.
import type { z } from 'zod';
import { addressProblems, channelProblem, claimReference, customerRef } from '../../schemas/claims';
import { CLEARABLE, contactRequest, paidRequest, recallRequest } from '../../schemas/api-verbs';
import { closeClaim, payPart } from '../claims/close';
import type { Db } from '../db/client';
import * as timeline from '../timeline/queries';
import { claimJson, json, readJson, withKey, type ApiContext } from './handlers';
import * as history from './history';
import * as idempotency from './idempotency';
import type { ApiCaller } from './keys';
import { ProblemError, invalidParams, reasonOf } from './problem';

const actorOf = (caller: ApiCaller) => `api:${caller.keyId}`;

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
	const parsed = schema.safeParse(body);
	if (parsed.success) return parsed.data;
	const params = invalidParams(parsed.error);
	throw new ProblemError('validation', `${params.length} field(s) are not valid: ${params.map((p) => p.name).join(', ')}.`, {
		invalid_params: params
	});
}

/** A body that may be left out: no body at all is {}. */
async function readOptionalJson(request: Request): Promise<unknown> {
	if (!request.headers.get('content-type') && Number(request.headers.get('content-length') ?? 0) === 0) {
		const text = await request.text();
		if (text === '') return {};
		throw new ProblemError('unsupported_media_type', 'Send the body as application/json.');
	}
	return readJson(request);
}

function keyOf(request: Request) {
	const key = request.headers.get('idempotency-key');
	if (key !== null && !idempotency.KEY_SHAPE.test(key))
		throw new ProblemError('bad_idempotency_key', 'Use up to 255 printable characters, for example a UUID.');
	return key;
}

/**
 * Runs a change once per Idempotency-Key, in one transaction: a replay gets the first answer, another body with the
 * same key 422. A problem thrown inside rolls everything back, the key's claim included, so a fixed request may retry.
 */
async function once(
	ctx: ApiContext,
	caller: ApiCaller,
	key: string | null,
	method: string,
	path: string,
	// The validated body, never the raw one: unknown fields neither change the request nor reach the hashing (a
	// deeply nested one would overflow the stack).
	body: unknown,
	run: (tx: Db) => Promise<{ status: number; body: unknown }>
): Promise<Response> {
	const outcome = await ctx.db.transaction(async (tx) => {
		if (key !== null) {
			const hash = idempotency.requestHash(method, path, body);
			const prior = await idempotency.claim(tx, caller.merchantId, key, hash);
			if (prior && prior.requestHash !== hash)
				throw new ProblemError(
					'idempotency_key_reused',
					'Send a new Idempotency-Key for a different request, or the same body to get the first answer again.'
				);
			if (prior) return { replay: true, status: prior.status, body: prior.body };
		}
		const done = await run(tx);
		if (key !== null) await idempotency.store(tx, caller.merchantId, key, done.status, done.body);
		return { replay: false, ...done };
	});
	return json(outcome.status, outcome.body, outcome.replay ? { 'idempotent-replayed': 'true' } : {});
}

async function claimOf(db: Db, caller: ApiCaller, reference: string) {
	const ref = claimReference.safeParse(reference);
	const found = ref.success ? await history.claimRow(db, caller.merchantId, ref.data) : undefined;
	if (!found) throw new ProblemError('not_found', 'There is no claim with this reference.');
	return found;
}

const notOpen = (status: string) => new ProblemError('not_open', `The claim is ${status}, not open; nothing changed.`);

/** POST /api/v1/claims/{reference}/paid — the debtor paid the merchant directly; the journey stops for this claim. */
export function postPaid(ctx: ApiContext, request: Request, reference: string) {
	return withKey(ctx, request, async (caller) => {
		const key = keyOf(request);
		const body = await readOptionalJson(request);
		const input = parse(paidRequest, body);
		const now = ctx.now ?? new Date();
		return once(ctx, caller, key, 'POST', `/api/v1/claims/${reference}/paid`, input, async (tx) => {
			const claim = await claimOf(tx, caller, reference);
			if (claim.status !== 'open') throw notOpen(claim.status);
			const open = claim.amountCents - claim.amountPaidCents;
			const paidOn = input.paid_on ?? now.toISOString().slice(0, 10);
			const reason = input.reason ?? `Paid outside Coulant on ${paidOn} (reported through the API)`;
			const details = { source: 'api', paidOn, amountCents: input.amount_cents ?? open, currency: claim.currency };
			const common = { merchantId: caller.merchantId, claimId: claim.id, actor: actorOf(caller), reason, now, details };
			if (input.amount_cents !== undefined && input.amount_cents < open) {
				const part = await payPart(tx, { ...common, cents: input.amount_cents });
				if (part === 'has_plan')
					throw new ProblemError(
						'has_plan',
						'The debtor has a running payment plan; a part payment would not fit its instalments. Pay it in full or adjust the plan in the console.'
					);
				if (!part) throw notOpen(claim.status);
			} else if (!(await closeClaim(tx, { ...common, how: 'paid_outside' }))) throw notOpen('closed');
			return { status: 200, body: claimJson((await history.claimRow(tx, caller.merchantId, claim.reference))!) };
		});
	});
}

/** POST /api/v1/claims/{reference}/recall — the merchant takes the claim back out of Coulant. */
export function postRecall(ctx: ApiContext, request: Request, reference: string) {
	return withKey(ctx, request, async (caller) => {
		const key = keyOf(request);
		const body = await readJson(request);
		const input = parse(recallRequest, body);
		const now = ctx.now ?? new Date();
		return once(ctx, caller, key, 'POST', `/api/v1/claims/${reference}/recall`, input, async (tx) => {
			const claim = await claimOf(tx, caller, reference);
			if (claim.status !== 'open') throw notOpen(claim.status);
			const closed = await closeClaim(tx, {
				merchantId: caller.merchantId,
				claimId: claim.id,
				how: 'recalled',
				actor: actorOf(caller),
				reason: input.reason,
				now,
				details: { source: 'api' }
			});
			if (!closed) throw notOpen('closed');
			return { status: 200, body: claimJson((await history.claimRow(tx, caller.merchantId, claim.reference))!) };
		});
	});
}

/** The change as fields to set: nulls (for the fields that may be removed) as null, the rest through the schema. */
function parseContact(body: unknown): Record<string, string | null | undefined> {
	const raw = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
	if (!raw)
		throw new ProblemError('validation', 'Send a JSON object with the fields to change.', {
			invalid_params: [{ name: '(body)', pointer: '/', reason: 'must be an object' }]
		});
	const cleared = CLEARABLE.filter((k) => raw[k] === null);
	const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !(cleared as string[]).includes(k)));
	const input: Record<string, string | null | undefined> = { ...parse(contactRequest, rest) };
	for (const k of cleared) input[k] = null;
	if (!Object.values(input).some((v) => v !== undefined))
		throw new ProblemError('validation', 'Name at least one field to change.', {
			invalid_params: [{ name: '(body)', pointer: '/', reason: 'names no field to change' }]
		});
	return input;
}

type DebtorRow = NonNullable<Awaited<ReturnType<typeof history.debtorRow>>>;
const contactJson = (d: DebtorRow, changed: string[]) => ({
	customer_ref: d.customerRef,
	name: d.name,
	email: d.email,
	phone: d.phone,
	street: d.street,
	postcode: d.postcode,
	city: d.city,
	country: d.country,
	locale: d.locale,
	preferred_channel: d.preferredChannel,
	changed
});

const COLUMN = {
	email: 'email',
	phone: 'phone',
	street: 'street',
	postcode: 'postcode',
	city: 'city',
	country: 'country',
	locale: 'locale',
	preferred_channel: 'preferredChannel'
} as const;

/** PATCH /api/v1/debtors/{customer_ref} — new contact details, language or channel; only what is sent changes. */
export function patchDebtor(ctx: ApiContext, request: Request, ref: string) {
	return withKey(ctx, request, async (caller) => {
		const key = keyOf(request);
		const body = await readJson(request);
		const input = parseContact(body);
		const now = ctx.now ?? new Date();
		return once(ctx, caller, key, 'PATCH', `/api/v1/debtors/${ref}`, input, async (tx) => {
			const parsedRef = customerRef.safeParse(ref);
			const debtor = parsedRef.success ? await history.debtorRow(tx, caller.merchantId, parsedRef.data) : undefined;
			if (!debtor) throw new ProblemError('not_found', 'There is no debtor with this customer_ref.');
			const change: history.ContactChange = {};
			const changed: string[] = [];
			for (const [field, column] of Object.entries(COLUMN) as [keyof typeof COLUMN, (typeof COLUMN)[keyof typeof COLUMN]][]) {
				const value = input[field];
				if (value === undefined || (value ?? null) === (debtor[column] ?? null)) continue;
				Object.assign(change, { [column]: value });
				changed.push(field);
			}
			// The address and the channel are checked as they will be: what is stored, with this change.
			const after = { ...debtor, ...change };
			const opt = (v: string | null) => v ?? undefined;
			const problems = addressProblems({
				street: opt(after.street),
				postcode: opt(after.postcode),
				city: opt(after.city),
				country: after.country
			});
			const channel = channelProblem({
				preferred_channel: opt(after.preferredChannel),
				phone: opt(after.phone),
				email: opt(after.email),
				street: opt(after.street)
			});
			if (channel) problems.push({ field: 'preferred_channel', code: channel });
			if (problems.length) {
				const params = problems.map((p) => ({ name: p.field, pointer: `/${p.field}`, reason: reasonOf(p.code) }));
				throw new ProblemError('validation', `${params.length} field(s) are not valid: ${params.map((p) => p.name).join(', ')}.`, {
					invalid_params: params
				});
			}
			if (!changed.length) return { status: 200, body: contactJson(debtor, []) };
			const saved = (await history.updateContact(tx, caller.merchantId, debtor.id, change))!;
			const contact = changed.filter((f) => f !== 'locale');
			if (contact.length)
				await timeline.append(tx, {
					merchantId: caller.merchantId,
					debtorId: debtor.id,
					type: 'debtor.contact_changed',
					actor: actorOf(caller),
					occurredAt: now,
					payload: { fields: contact, source: 'api' }
				});
			if (changed.includes('locale'))
				await timeline.append(tx, {
					merchantId: caller.merchantId,
					debtorId: debtor.id,
					type: 'language.changed',
					actor: actorOf(caller),
					occurredAt: now,
					payload: { from: debtor.locale, to: saved.locale }
				});
			return { status: 200, body: contactJson(saved, changed) };
		});
	});
}

/** GET /api/v1/claims/{reference}/payments */
export function getPayments(ctx: ApiContext, request: Request, reference: string) {
	return withKey(ctx, request, async (caller) => {
		const claim = await claimOf(ctx.db, caller, reference);
		const rows = await history.paymentsOf(ctx.db, caller.merchantId, claim.id);
		return json(200, {
			reference: claim.reference,
			payments: rows.map((p) => ({
				id: p.id,
				status: p.status,
				amount_cents: p.amountCents,
				currency: p.currency,
				method: p.method,
				purpose: p.purpose,
				charged_back_cents: p.chargedBackCents,
				created_at: p.createdAt.toISOString(),
				paid_at: p.paidAt?.toISOString() ?? null
			}))
		});
	});
}

/** GET /api/v1/claims/{reference}/plans */
export function getPlans(ctx: ApiContext, request: Request, reference: string) {
	return withKey(ctx, request, async (caller) => {
		const claim = await claimOf(ctx.db, caller, reference);
		const rows = await history.plansOf(ctx.db, caller.merchantId, claim.id);
		return json(200, {
			reference: claim.reference,
			plans: rows.map(({ plan, instalments }) => ({
				id: plan.id,
				status: plan.status,
				collection: plan.collection,
				frequency: plan.frequency,
				terms: plan.terms,
				total_cents: plan.totalCents,
				currency: plan.currency,
				created_at: plan.createdAt.toISOString(),
				instalments: instalments.map((i) => ({
					number: i.number,
					due_on: i.dueOn,
					amount_cents: i.amountCents,
					status: i.status,
					paid_at: i.paidAt?.toISOString() ?? null
				}))
			}))
		});
	});
}

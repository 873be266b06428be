// The REST API's handlers, apart from SvelteKit so tests can call them with their own database.
import { apiClaimsRequest, claimReference, customerRef } from '../../schemas/claims';
import type { Db } from '../db/client';
import * as claims from '../claims/queries';
import { receiveRows, requestVideos } from '../claims/service';
import { hashToken, newToken } from '../links/token';
import * as idempotency from './idempotency';
import { authenticate, type ApiCaller } from './keys';
import { ProblemError, invalidParams, problemBody, problemResponse, type InvalidParam } from './problem';
import { API_RATE_LIMIT, countRequest, type ApiRateLimit } from './ratelimit';

export type ApiContext = { db: Db; origin: string; ttlDays: number; now?: Date; rateLimit?: ApiRateLimit };

const MAX_BODY = 1024 * 1024;

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
	return new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }
	});
}

/** Authenticates the caller, runs the handler, and turns expected failures into problem documents. */
export async function withKey(ctx: ApiContext, request: Request, run: (caller: ApiCaller) => Promise<Response>): Promise<Response> {
	let rateHeaders: Record<string, string> = {};
	try {
		const caller = await authenticate(ctx.db, request.headers.get('authorization'), ctx.now);
		if (!caller)
			throw new ProblemError('unauthorized', 'Send a live API key as "Authorization: Bearer <key>". Owners create keys in the console.');
		// Counted before any work, so a refused request costs one statement and changes nothing.
		const rateLimit = ctx.rateLimit ?? API_RATE_LIMIT;
		const rate = await countRequest(ctx.db, caller.keyId, rateLimit, ctx.now);
		rateHeaders = rate.headers;
		if (!rate.allowed) {
			const { limit, windowSeconds } = rateLimit;
			throw new ProblemError(
				'rate_limited',
				`This key may send ${limit} requests per ${windowSeconds} seconds. Try again in ${rate.retryAfterSeconds} seconds; nothing of this request was done.`,
				{ retry_after: rate.retryAfterSeconds }
			);
		}
		const response = await run(caller);
		for (const [name, value] of Object.entries(rateHeaders)) response.headers.set(name, value);
		return response;
	} catch (e) {
		if (!(e instanceof ProblemError)) throw e;
		const headers: Record<string, string> = { ...rateHeaders, ...e.headers };
		if (e.type === 'unauthorized') headers['www-authenticate'] = 'Bearer realm="coulant"';
		return problemResponse(problemBody(ctx.origin, e.type, e.detail, { instance: new URL(request.url).pathname, ...e.extra }), headers);
	}
}

export async function readJson(request: Request): Promise<unknown> {
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'application/json' && !type.endsWith('+json'))
		throw new ProblemError('unsupported_media_type', 'Send the body as application/json.');
	if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) throw new ProblemError('too_large', 'At most 1 MB per request.');
	const text = await request.text();
	if (text.length > MAX_BODY) throw new ProblemError('too_large', 'At most 1 MB per request.');
	try {
		return JSON.parse(text);
	} catch {
		throw new ProblemError('bad_json', 'The body could not be read as JSON.');
	}
}

/** POST /api/v1/claims — one debtor and their claims; a new debtor's personal link is in the answer, once. */
export function postClaims(ctx: ApiContext, request: Request) {
	return withKey(ctx, request, async (caller) => {
		const key = request.headers.get('idempotency-key');
		if (key !== null && !idempotency.KEY_SHAPE.test(key))
			throw new ProblemError('bad_idempotency_key', 'Use up to 255 printable characters, for example a UUID.');
		const body = await readJson(request);
		const parsed = apiClaimsRequest.safeParse(body);
		if (!parsed.success) {
			const params = invalidParams(parsed.error);
			throw new ProblemError('validation', `${params.length} field(s) are not valid: ${params.map((p) => p.name).join(', ')}.`, {
				invalid_params: params
			});
		}
		const input = parsed.data;
		const seen = new Map<string, number>();
		const twice: InvalidParam[] = [];
		input.claims.forEach((c, i) => {
			if (seen.has(c.reference))
				twice.push({
					name: `claims.${i}.reference`,
					pointer: `/claims/${i}/reference`,
					reason: `is the same as claims.${seen.get(c.reference)}.reference`
				});
			else seen.set(c.reference, i);
		});
		if (twice.length) throw new ProblemError('validation', 'Each claim needs its own reference.', { invalid_params: twice });

		const now = ctx.now ?? new Date();
		const outcome = await ctx.db.transaction(async (tx) => {
			if (key !== null) {
				const hash = idempotency.requestHash('POST', '/api/v1/claims', input);
				const prior = await idempotency.claim(tx, caller.merchantId, key, hash);
				if (prior && prior.requestHash !== hash)
					throw new ProblemError(
						'idempotency_key_reused',
						'Send a new Idempotency-Key for a different request, or the same body to get the first answer again.'
					);
				if (prior) return { replay: true as const, status: prior.status, body: prior.body };
			}
			// The token is made before we know whether the debtor is new: only its hash goes to the database.
			const token = newToken();
			const tokenHash = hashToken(token);
			const expiresAt = new Date(now.getTime() + ctx.ttlDays * 86_400_000);
			const rows = input.claims.map((c, i) => ({ ...input.debtor, ...c, line: i, tokenHash }));
			const done = await receiveRows(tx, caller.merchantId, { actor: `api:${caller.keyId}`, source: 'api', expiresAt, now }, rows);
			if (done.taken.total)
				throw new ProblemError(
					'reference_taken',
					'These references are already in use for another debtor, amount or currency; nothing was created.',
					{
						invalid_params: done.taken.lines.map((c) => ({
							name: `claims.${c.line}.reference`,
							pointer: `/claims/${c.line}/reference`,
							reason: 'is already in use with other details'
						}))
					}
				);
			const created = new Set(done.newClaims.first.map((c) => c.reference));
			const link = done.newDebtors.total ? { url: `${ctx.origin}/d/${token}`, expires_at: expiresAt.toISOString() } : null;
			const answer = {
				debtor: { customer_ref: input.debtor.customer_ref, created: !!link },
				claims: input.claims.map((c) => ({ reference: c.reference, created: created.has(c.reference) })),
				link
			};
			const status = created.size ? 201 : 200;
			// The link's token is never stored: a replay gets the same answer without the URL.
			if (key !== null)
				await idempotency.store(tx, caller.merchantId, key, status, { ...answer, link: answer.link && { ...answer.link, url: null } });
			return { replay: false as const, status, body: answer, debtorIds: [...new Set(done.newClaims.first.map((c) => c.debtorId))] };
		});
		if (outcome.replay) return json(outcome.status, outcome.body, { 'idempotent-replayed': 'true' });
		requestVideos(ctx.db, outcome.debtorIds);
		return json(outcome.status, outcome.body);
	});
}

type ClaimOut = NonNullable<Awaited<ReturnType<typeof claims.claimByReference>>>;
export function claimJson(c: ClaimOut) {
	return {
		reference: c.reference,
		customer_ref: c.customerRef,
		description: c.description,
		amount_cents: c.amountCents,
		amount_paid_cents: c.amountPaidCents,
		open_cents: c.status === 'open' ? c.amountCents - c.amountPaidCents : 0,
		currency: c.currency,
		issued_on: c.issuedOn,
		due_on: c.dueOn,
		status: c.status
	};
}

/** GET /api/v1/claims/{reference} */
export function getClaim(ctx: ApiContext, request: Request, reference: string) {
	return withKey(ctx, request, async (caller) => {
		const ref = claimReference.safeParse(reference);
		const found = ref.success ? await claims.claimByReference(ctx.db, caller.merchantId, ref.data) : undefined;
		if (!found) throw new ProblemError('not_found', 'There is no claim with this reference.');
		return json(200, claimJson(found));
	});
}

/** GET /api/v1/debtors/{customer_ref} — the balance and the claims, never a link. */
export function getDebtor(ctx: ApiContext, request: Request, ref: string) {
	return withKey(ctx, request, async (caller) => {
		const parsed = customerRef.safeParse(ref);
		const found = parsed.success ? await claims.debtorByRef(ctx.db, caller.merchantId, parsed.data) : undefined;
		if (!found) throw new ProblemError('not_found', 'There is no debtor with this customer_ref.');
		const lines = found.claims.map(claimJson);
		const balance = new Map<string, number>();
		for (const c of lines) if (c.open_cents > 0) balance.set(c.currency, (balance.get(c.currency) ?? 0) + c.open_cents);
		return json(200, {
			customer_ref: found.debtor.customerRef,
			name: found.debtor.name,
			locale: found.debtor.locale,
			balance: [...balance].sort().map(([currency, amount_cents]) => ({ currency, amount_cents })),
			claims: lines
		});
	});
}

// The stand-in's REST API: the parts of Mollie's v2 payments API that Coulant uses, with Mollie's rules.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ApiRequest, ApiResponse, CallerContext, StandinContext } from './context';
import { mollieId } from './ids';
import { METHODS, methodJson, organizationJson, paymentJson, problem, profileJson } from './resources';
import * as store from './store';
import { handleCustomers } from './recurring';
import { deliverWebhook } from './webhooks';
import { callerOf, organization } from './oauth';

const IDEAL_EXPIRY_MS = 15 * 60_000;
const AMOUNT = /^\d+\.\d{2}$/;

const createPayment = z.object({
	amount: z.object({ value: z.string(), currency: z.string() }, { error: 'The amount is required for payments' }),
	description: z.string({ error: 'The description is required' }).min(1, 'The description is required').max(255),
	redirectUrl: z.string().url('The redirect URL is invalid').optional(),
	webhookUrl: z.string().url('The webhook URL is invalid').optional(),
	method: z
		.union([z.string(), z.array(z.string())])
		.nullable()
		.optional(),
	metadata: z.unknown().optional(),
	locale: z.string().optional(),
	sequenceType: z.enum(['oneoff', 'first', 'recurring']).optional(),
	customerId: z.string().optional(),
	mandateId: z.string().optional(),
	profileId: z.string().optional(),
	testmode: z.boolean().optional()
});

function validate(body: unknown): ApiResponse | z.infer<typeof createPayment> {
	const parsed = createPayment.safeParse(body);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return problem(422, 'Unprocessable Entity', issue.message, issue.path.join('.') || undefined);
	}
	const p = parsed.data;
	if (!AMOUNT.test(p.amount.value)) return problem(422, 'Unprocessable Entity', 'The amount contains an invalid value', 'amount.value');
	if (!/^[A-Z]{3}$/.test(p.amount.currency)) return problem(422, 'Unprocessable Entity', 'The currency is invalid', 'amount.currency');
	if ((p.sequenceType === 'first' || p.sequenceType === 'recurring') && !p.customerId) {
		return problem(422, 'Unprocessable Entity', 'A customer is required for this sequence type', 'customerId');
	}
	if (!p.redirectUrl && p.sequenceType !== 'recurring') {
		return problem(422, 'Unprocessable Entity', 'The redirect URL is required for this payment', 'redirectUrl');
	}
	const methods = p.method == null ? [] : Array.isArray(p.method) ? p.method : [p.method];
	const amount = Number(p.amount.value);
	for (const id of methods) {
		const spec = METHODS.find((m) => m.id === id);
		if (!spec) return problem(422, 'Unprocessable Entity', 'The payment method is invalid', 'method');
		if (amount < Number(spec.min)) return problem(422, 'Unprocessable Entity', 'The amount is lower than the minimum', 'amount');
		if (amount > Number(spec.max)) return problem(422, 'Unprocessable Entity', 'The amount is higher than the maximum', 'amount');
	}
	return p;
}

async function create(ctx: CallerContext, body: unknown): Promise<ApiResponse> {
	const p = validate(body);
	if ('status' in p && 'body' in p) return p;
	// With an OAuth token Mollie cannot tell which website the payment is for: the profile must be named.
	if (ctx.caller.oauth && !p.profileId) return problem(422, 'Unprocessable Entity', 'The profile id is required', 'profileId');
	const methods = p.method == null ? [] : Array.isArray(p.method) ? p.method : [p.method];
	const now = ctx.now();
	const row = await store.insertPayment(ctx.db, {
		id: mollieId('tr'),
		organizationId: ctx.caller.organizationId,
		status: 'open',
		amountValue: p.amount.value,
		currency: p.amount.currency,
		description: p.description,
		method: methods.length === 1 ? methods[0] : null,
		redirectUrl: p.redirectUrl ?? null,
		webhookUrl: p.webhookUrl ?? null,
		metadata: p.metadata ?? null,
		sequenceType: p.sequenceType ?? 'oneoff',
		customerId: p.customerId ?? null,
		createdAt: now,
		expiresAt: new Date(now.getTime() + IDEAL_EXPIRY_MS)
	});
	return { status: 201, body: paymentJson(row, ctx.origin) };
}

/** iDEAL payments expire after 15 minutes; the stand-in notices when someone looks. */
async function current(ctx: CallerContext, id: string) {
	const row = await store.payment(ctx.db, id, ctx.caller.organizationId);
	if (row && row.status === 'open' && row.expiresAt <= ctx.now()) {
		const expired = await store.finish(ctx.db, id, 'expired', ctx.now());
		if (expired) deliverWebhook(expired);
		return expired ?? (await store.payment(ctx.db, id));
	}
	return row;
}

async function withIdempotency(ctx: StandinContext, key: string | null, body: string, run: () => Promise<ApiResponse>) {
	if (!key) return run();
	const hash = createHash('sha256').update(body).digest('hex');
	for (let waited = 0; ; waited += 50) {
		if (await store.claimKey(ctx.db, key, hash)) break;
		const seen = await store.keyRecord(ctx.db, key);
		if (seen && seen.requestHash !== hash) {
			return problem(422, 'Unprocessable Entity', 'The idempotency key was already used for a different request');
		}
		if (seen && seen.status !== 0) return { status: seen.status, body: seen.body };
		if (waited > 5000) return problem(409, 'Conflict', 'A request with this idempotency key is still being processed');
		await new Promise((r) => setTimeout(r, 50));
	}
	const response = await run();
	// Like Mollie, only successful answers are replayed; a failed request may be tried again with the same key.
	if (response.status < 400) await store.storeResponse(ctx.db, key, response.status, response.body);
	else await store.releaseKey(ctx.db, key);
	return response;
}

export async function handle(base: StandinContext, req: ApiRequest): Promise<ApiResponse> {
	const caller = await callerOf(base.db, req.headers.get('authorization'), base.now());
	if (!caller) return problem(401, 'Unauthorized Request', 'Missing authentication, or failed to authenticate');
	const ctx: CallerContext = { ...base, caller };
	const path = req.url.pathname.replace(/^\/v2\//, '').replace(/\/$/, '');
	const [resource, id] = path.split('/');

	if ((resource === 'profiles' || resource === 'organizations') && req.method === 'GET') {
		const org = await organization(ctx.db, caller.organizationId);
		if (!org) return problem(401, 'Unauthorized Request', 'Missing authentication, or failed to authenticate');
		if (resource === 'organizations' && id === 'me') return { status: 200, body: organizationJson(org) };
		const profile = profileJson(org);
		if (resource === 'profiles' && (id === 'me' || id === org.profileId)) return { status: 200, body: profile };
		if (resource === 'profiles' && !id && caller.oauth) {
			return { status: 200, body: { count: 1, _embedded: { profiles: [profile] }, _links: { self: null, previous: null, next: null } } };
		}
		return problem(404, 'Not Found', 'The resource does not exist');
	}

	if (resource === 'methods' && req.method === 'GET' && !id) {
		const currency = req.url.searchParams.get('amount[currency]') ?? 'EUR';
		const value = Number(req.url.searchParams.get('amount[value]') ?? '0');
		const usable = METHODS.filter((m) => !value || (value >= Number(m.min) && value <= Number(m.max)));
		return { status: 200, body: { count: usable.length, _embedded: { methods: usable.map((m) => methodJson(m, currency)) }, _links: {} } };
	}
	if (resource === 'customers') {
		let body: unknown = undefined;
		if (req.method === 'POST') {
			try {
				body = JSON.parse(req.body || '{}');
			} catch {
				return problem(400, 'Bad Request', 'The request body is not valid JSON');
			}
		}
		const run = () => handleCustomers(ctx, req.method, path.split('/').slice(1), body);
		return req.method === 'POST' ? withIdempotency(ctx, req.headers.get('idempotency-key'), req.body, run) : run();
	}
	if (resource !== 'payments') return problem(404, 'Not Found', 'The resource does not exist');

	if (req.method === 'POST' && !id) {
		let body: unknown;
		try {
			body = JSON.parse(req.body || '{}');
		} catch {
			return problem(400, 'Bad Request', 'The request body is not valid JSON');
		}
		return withIdempotency(ctx, req.headers.get('idempotency-key'), req.body, () => create(ctx, body));
	}
	if (req.method === 'GET' && !id) {
		const limit = Math.min(250, Number(req.url.searchParams.get('limit') ?? 50));
		const rows = await store.listPayments(ctx.db, limit, caller.organizationId);
		return {
			status: 200,
			body: {
				count: rows.length,
				_embedded: { payments: rows.map((r) => paymentJson(r, ctx.origin)) },
				_links: { self: null, previous: null, next: null }
			}
		};
	}
	if (!id?.startsWith('tr_')) return problem(404, 'Not Found', `No payment exists with token ${id ?? ''}.`);
	const row = await current(ctx, id);
	if (!row) return problem(404, 'Not Found', `No payment exists with token ${id}.`);
	if (req.method === 'GET') return { status: 200, body: paymentJson(row, ctx.origin) };
	if (req.method === 'DELETE') {
		if (row.status !== 'open' || row.method === 'ideal') return problem(422, 'Unprocessable Entity', 'The payment cannot be canceled');
		const canceled = await store.finish(ctx.db, id, 'canceled', ctx.now());
		if (canceled) deliverWebhook(canceled);
		return { status: 200, body: paymentJson(canceled ?? row, ctx.origin) };
	}
	return problem(405, 'Method Not Allowed', 'The requested method is not supported for this resource');
}

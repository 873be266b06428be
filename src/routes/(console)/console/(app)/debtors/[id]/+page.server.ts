import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireUser } from '$lib/server/accounts/handle';
import { config } from '$lib/server/config';
import * as consoleService from '$lib/server/console/service';
import { db } from '$lib/server/db';
import * as support from '$lib/server/support/actions';
import * as supportTimeline from '$lib/server/support/timeline';
import * as plansQ from '$lib/server/plans/queries';
import type { Actions, PageServerLoad } from './$types';

const query = z.object({
	kind: z.enum(supportTimeline.KINDS).optional().catch(undefined),
	before: z
		.string()
		.regex(/^\d+-\d+$/)
		.transform((v) => {
			const [at, id] = v.split('-').map(Number);
			return { at: new Date(at), id };
		})
		.optional()
		.catch(undefined)
});

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const scope = requireUser(locals);
	const database = await db();
	const found = await consoleService.debtor(database, scope, params.id);
	// Another merchant's debtor is simply not there: the same 404 as an id that does not exist.
	if (!found) error(404, 'not_found');
	const { kind, before } = query.parse(Object.fromEntries(url.searchParams));
	const timeline = await supportTimeline.page(database, scope.merchantId, params.id, { kind, before });
	const plan = await plansQ.liveOf(database, params.id);
	return {
		...found,
		kind: kind ?? null,
		timeline: timeline.items.map((e) => ({ id: e.id, type: e.type, actor: e.actor, occurredAt: e.occurredAt.toISOString(), payload: e.payload })),
		next: timeline.next ? `${timeline.next.at.getTime()}-${timeline.next.id}` : null,
		lastId: await supportTimeline.lastId(database, scope.merchantId, params.id),
		hasPlan: !!plan,
		unpaidInstalments: plan ? (await plansQ.instalmentsOf(database, plan.id)).filter((i) => i.status !== 'paid').map((i) => i.number) : []
	};
};

const reason = z.string().trim().min(3, 'Write down why (at least a few words).').max(1000, 'Keep it under 1000 characters.');
const claimAction = z.object({ claimId: z.uuid('Choose a claim.'), reason });

async function act<T>(request: Request, schema: z.ZodType<T>, run: (input: T) => Promise<boolean>) {
	const form = Object.fromEntries(await request.formData()) as Record<string, string>;
	const parsed = schema.safeParse(form);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return fail(400, { action: form.action ?? null, field: String(issue.path[0] ?? ''), message: issue.message, values: form });
	}
	if (!(await run(parsed.data))) error(404, 'not_found');
	return { done: form.action ?? 'ok' };
}

export const actions: Actions = {
	newLink: async ({ locals, params }) => {
		const scope = requireUser(locals);
		const c = config();
		const issued = await consoleService.newLink(await db(), scope, params.id, c.linkTtlDays);
		if (!issued) error(404, 'not_found');
		const url = `${c.origin}/d/${issued.token}`;
		// Shown once, in this response only: the token is stored nowhere but in the link itself.
		return { link: { url, expiresOn: issued.expiresAt.toISOString().slice(0, 10), ...(await consoleService.qrCodes(url)) } };
	},
	note: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act(request, z.object({ text: reason }), async ({ text }) => support.addNote(await db(), scope, params.id, text));
	},
	recall: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act(request, claimAction, async (i) => support.closeClaim(await db(), scope, params.id, i.claimId, 'recalled', i.reason));
	},
	paidOutside: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act(request, claimAction, async (i) => support.closeClaim(await db(), scope, params.id, i.claimId, 'paid_outside', i.reason));
	},
	payLink: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		const parsed = z.object({ number: z.coerce.number().int().min(1).max(60) }).safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { action: 'payLink', field: 'number', message: 'number', values: {} });
		const token = await support.instalmentPayLink(await db(), scope, params.id, parsed.data.number);
		if (!token) error(404, 'not_found');
		// Shown once: only the hash is kept.
		return { paylink: { number: parsed.data.number, url: `${config().origin}/i/${token}` } };
	},
	cancelPlan: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act(request, z.object({ reason }), async (i) => support.cancelPlan(await db(), scope, params.id, i.reason));
	}
};

import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireUser } from '$lib/server/accounts/handle';
import { config } from '$lib/server/config';
import * as consoleService from '$lib/server/console/service';
import { db } from '$lib/server/db';
import * as support from '$lib/server/support/actions';
import * as messages from '$lib/server/support/messages';
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
	const instalments = plan ? await plansQ.instalmentsOf(database, plan.id) : [];
	return {
		...found,
		messages: await messages.forConsole(database, scope.merchantId, params.id),
		pausedAt: found.debtor.pausedAt?.toISOString() ?? null,
		kind: kind ?? null,
		timeline: timeline.items.map((e) => ({ id: e.id, type: e.type, actor: e.actor, occurredAt: e.occurredAt.toISOString(), payload: e.payload })),
		next: timeline.next ? `${timeline.next.at.getTime()}-${timeline.next.id}` : null,
		lastId: await supportTimeline.lastId(database, scope.merchantId, params.id),
		hasPlan: !!plan,
		unpaidInstalments: instalments.filter((i) => i.status !== 'paid').map((i) => i.number),
		today: new Date().toISOString().slice(0, 10)
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
	newLink: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		const c = config();
		const form = Object.fromEntries(await request.formData()) as Record<string, string>;
		const parsed = z.object({ reason }).safeParse(form);
		if (!parsed.success) return fail(400, { action: 'newLink', field: 'reason', message: parsed.error.issues[0].message, values: form });
		const issued = await consoleService.newLink(await db(), scope, params.id, c.linkTtlDays, { reason: parsed.data.reason });
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
	answer: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		const schema = z.object({ messageId: z.uuid(), outcome: z.enum(['resolved', 'rejected']), text: reason });
		return act(request, schema, async (i) => messages.answer(await db(), scope, params.id, i.messageId, { outcome: i.outcome, text: i.text }));
	},
	pause: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act(request, z.object({ reason }), async (i) => support.pauseCollection(await db(), scope, params.id, i.reason));
	},
	resume: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act(request, z.object({ reason }), async (i) => support.resumeCollection(await db(), scope, params.id, i.reason));
	},
	adjustPlan: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		const form = Object.fromEntries(await request.formData()) as Record<string, string>;
		const schema = z.object({ remaining: z.coerce.number().int().min(1).max(60), nextDate: z.iso.date(), reason });
		const parsed = schema.safeParse(form);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return fail(400, { action: 'adjustPlan', field: String(issue.path[0] ?? ''), message: issue.message, values: form });
		}
		const { reason: why, ...request_ } = parsed.data;
		const outcome = await support.adjustPlan(await db(), scope, params.id, request_, why);
		if (!outcome) error(404, 'not_found');
		if (!outcome.ok) return fail(422, { action: 'adjustPlan', field: outcome.field ?? '', message: outcome.reason, values: form });
		return { done: 'adjustPlan' };
	},
	cancelPlan: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act(request, z.object({ reason }), async (i) => support.cancelPlan(await db(), scope, params.id, i.reason));
	}
};

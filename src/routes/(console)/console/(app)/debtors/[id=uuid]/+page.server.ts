import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { z } from 'zod';
import { requireUser } from '$lib/server/accounts/handle';
import { config } from '$lib/server/config';
import * as consoleService from '$lib/server/console/service';
import { db } from '$lib/server/db';
import * as support from '$lib/server/support/actions';
import * as messages from '$lib/server/support/messages';
import * as supportTimeline from '$lib/server/support/timeline';
import * as plans from '$lib/server/plans/service';
import * as handover from '$lib/server/handover/service';
import * as privacy from '$lib/server/privacy/erase';
import { toConsoleLocale } from '$lib/schemas/locale';
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
	const [timeline, plan, debtorMessages, lastId, handoverNow, agencies, privacyNow] = await Promise.all([
		supportTimeline.page(database, scope.merchantId, params.id, { kind, before }),
		plans.viewOf(database, params.id),
		messages.forConsole(database, scope.merchantId, params.id),
		supportTimeline.lastId(database, scope.merchantId, params.id),
		handover.latestOf(database, scope, params.id),
		handover.agencies(database, scope),
		privacy.stateOf(database, scope.merchantId, params.id)
	]);
	return {
		...found,
		messages: debtorMessages,
		pausedAt: found.debtor.pausedAt?.toISOString() ?? null,
		kind: kind ?? null,
		timeline: timeline.items.map((e) => ({
			id: e.id,
			type: e.type,
			actor: e.actor,
			occurredAt: e.occurredAt.toISOString(),
			payload: e.payload
		})),
		next: timeline.next ? `${timeline.next.at.getTime()}-${timeline.next.id}` : null,
		lastId,
		hasPlan: !!plan,
		handover: handoverNow
			? {
					...handoverNow,
					proposedAt: handoverNow.proposedAt.toISOString(),
					decidedAt: handoverNow.decidedAt?.toISOString() ?? null,
					takenBackAt: handoverNow.takenBackAt?.toISOString() ?? null
				}
			: null,
		agencies: agencies.map((a) => ({ id: a.id, name: a.name })),
		unpaidInstalments: (plan?.instalments ?? []).filter((i) => i.status !== 'paid').map((i) => i.number),
		today: new Date().toISOString().slice(0, 10),
		erasedAt: privacyNow?.erasedAt?.toISOString() ?? null,
		eraseRefusal: privacyNow?.refusal ?? null
	};
};

const reason = z.string().trim().min(3).max(1000);
const claimAction = z.object({ claimId: z.uuid(), reason });
const instalmentNumber = z.coerce.number().int().min(1).max(60);

/** A refused console action: which form, which field, and the form as sent so it can be shown again. */
export type Problem = { action: string; field: string; message: string; values: Record<string, string> };

/** Reads the form of `action`; a form that does not fit comes back as a 400 naming its first wrong field. */
async function parseForm<T>(
	action: string,
	request: Request,
	schema: z.ZodType<T>
): Promise<{ ok: true; data: T; values: Record<string, string> } | { ok: false; failure: ActionFailure<Problem> }> {
	const values = Object.fromEntries(await request.formData()) as Record<string, string>;
	const parsed = schema.safeParse(values);
	if (parsed.success) return { ok: true, data: parsed.data, values };
	const issue = parsed.error.issues[0];
	return { ok: false, failure: fail(400, { action, field: String(issue.path[0] ?? ''), message: issue.message, values }) };
}

async function act<T>(action: string, request: Request, schema: z.ZodType<T>, run: (input: T) => Promise<boolean>) {
	const form = await parseForm(action, request, schema);
	if (!form.ok) return form.failure;
	if (!(await run(form.data))) error(404, 'not_found');
	return { done: action };
}

export const actions: Actions = {
	newLink: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		const c = config();
		const form = await parseForm('newLink', request, z.object({ reason }));
		if (!form.ok) return form.failure;
		// An erased debtor gets no page again: there is nobody to send it to.
		if ((await privacy.stateOf(await db(), scope.merchantId, params.id))?.erasedAt) error(409, 'erased');
		const issued = await consoleService.newLink(await db(), scope, params.id, c.linkTtlDays, { reason: form.data.reason });
		if (!issued) error(404, 'not_found');
		const url = `${c.origin}/d/${issued.token}`;
		// Shown once, in this response only: the token is stored nowhere but in the link itself.
		return { link: { url, expiresOn: issued.expiresAt.toISOString().slice(0, 10), ...(await consoleService.qrCodes(url)) } };
	},
	note: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act('note', request, z.object({ text: reason }), async ({ text }) => support.addNote(await db(), scope, params.id, text));
	},
	recall: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act('recall', request, claimAction, async (i) =>
			support.closeClaim(await db(), scope, params.id, i.claimId, 'recalled', i.reason)
		);
	},
	paidOutside: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act('paidOutside', request, claimAction, async (i) =>
			support.closeClaim(await db(), scope, params.id, i.claimId, 'paid_outside', i.reason)
		);
	},
	payLink: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		const form = await parseForm('payLink', request, z.object({ number: instalmentNumber }));
		if (!form.ok) return form.failure;
		const token = await support.instalmentPayLink(await db(), scope, params.id, form.data.number);
		if (!token) error(404, 'not_found');
		// Shown once: only the hash is kept.
		return { paylink: { number: form.data.number, url: `${config().origin}/i/${token}` } };
	},
	answer: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		const schema = z.object({ messageId: z.uuid(), outcome: z.enum(['resolved', 'rejected']), text: reason });
		return act('answer', request, schema, async (i) =>
			messages.answer(await db(), scope, params.id, i.messageId, { outcome: i.outcome, text: i.text })
		);
	},
	pause: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act('pause', request, z.object({ reason }), async (i) => support.pauseCollection(await db(), scope, params.id, i.reason));
	},
	resume: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act('resume', request, z.object({ reason }), async (i) => support.resumeCollection(await db(), scope, params.id, i.reason));
	},
	adjustPlan: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		const form = await parseForm('adjustPlan', request, z.object({ remaining: instalmentNumber, nextDate: z.iso.date(), reason }));
		if (!form.ok) return form.failure;
		const { reason: why, ...request_ } = form.data;
		const outcome = await support.adjustPlan(await db(), scope, params.id, request_, why);
		if (!outcome) error(404, 'not_found');
		if (!outcome.ok)
			return fail(422, {
				action: 'adjustPlan',
				field: outcome.field ?? '',
				message: outcome.reason,
				values: form.values
			} satisfies Problem);
		return { done: 'adjustPlan' };
	},
	handOver: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		const form = await parseForm('handOver', request, z.object({ agencyId: z.uuid(), reason }));
		if (!form.ok) return form.failure;
		const r = await handover.handOver(
			await db(),
			scope,
			params.id,
			form.data.agencyId,
			form.data.reason,
			new Date(),
			toConsoleLocale(locals.locale)
		);
		if (!r.ok)
			return fail(409, {
				action: 'handOver',
				field: r.why === 'no_agency' ? 'agencyId' : '',
				message: r.why,
				values: form.values
			} satisfies Problem);
		return { done: 'handOver' };
	},
	takeBack: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		const form = await parseForm('takeBack', request, z.object({ handoverId: z.uuid(), reason }));
		if (!form.ok) return form.failure;
		const r = await handover.takeBack(await db(), scope, form.data.handoverId, form.data.reason, new Date(), params.id);
		if (!r.ok) return fail(409, { action: 'takeBack', field: '', message: r.why, values: form.values } satisfies Problem);
		return { done: 'takeBack' };
	},
	erase: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		const schema = z.object({ reason, confirm: z.literal('yes') });
		const form = await parseForm('erase', request, schema);
		if (!form.ok) return form.failure;
		const r = await privacy.erase(await db(), scope.merchantId, params.id, {
			why: 'request',
			actor: `user:${scope.userId}`,
			note: form.data.reason
		});
		if (!r) error(404, 'not_found');
		if (!r.ok) return fail(409, { action: 'erase', field: '', message: r.refused, values: form.values } satisfies Problem);
		return { done: 'erase' };
	},
	cancelPlan: async ({ locals, params, request }) => {
		const scope = requireUser(locals);
		return act('cancelPlan', request, z.object({ reason }), async (i) => support.cancelPlan(await db(), scope, params.id, i.reason));
	}
};

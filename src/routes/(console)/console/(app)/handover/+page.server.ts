// "Overdracht": the merchant's agencies, the proposals waiting for a person's decision, and who is with an agency.
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireOwner, requireUser } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import * as handover from '$lib/server/handover/service';
import { toConsoleLocale } from '$lib/schemas/locale';
import type { Actions, PageServerLoad } from './$types';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireUser(locals);
	const conn = await db();
	const [agencies, waiting, withAgencies] = await Promise.all([
		handover.agencies(conn, scope),
		handover.waiting(conn, scope),
		handover.withAgencies(conn, scope)
	]);
	const shown = (rows: typeof waiting) => rows.map((r) => ({ ...r, proposedAt: r.proposedAt.toISOString(), decidedAt: iso(r.decidedAt) }));
	return {
		isOwner: scope.role === 'owner',
		agencies: agencies.map((a) => ({
			id: a.id,
			name: a.name,
			kind: a.kind,
			email: a.email,
			phone: a.phone,
			website: a.website,
			payViaCoulant: a.payViaCoulant
		})),
		waiting: shown(waiting),
		withAgencies: shown(withAgencies)
	};
};

const optional = (schema: z.ZodType<string, string>) =>
	z
		.string()
		.trim()
		.transform((v) => v || null)
		.pipe(schema.nullable());
const agencyForm = z
	.object({
		name: z.string().trim().min(2, 'name').max(120, 'name'),
		kind: z.enum(['agency', 'bailiff']),
		email: optional(z.email('email').max(254, 'email')),
		phone: optional(z.string().regex(/^\+?[0-9][0-9 ()-]{5,19}$/, 'phone')),
		website: optional(z.url({ protocol: /^https$/, message: 'website' }).max(300, 'website')),
		payViaCoulant: z
			.literal('on')
			.optional()
			.transform((v) => v === 'on')
	})
	.refine((a) => a.email || a.phone || a.website, { message: 'contact', path: ['email'] });

const decision = z.object({ id: z.uuid(), reason: z.string().trim().max(1000).optional().default('') });
const withReason = z.object({ id: z.uuid(), reason: z.string().trim().min(3, 'reason').max(1000, 'reason') });

const refusal = (why: handover.HandoverRefusal, action: string, id: string) => fail(409, { action, id, refused: why });

export const actions: Actions = {
	addAgency: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const values = Object.fromEntries(await request.formData()) as Record<string, string>;
		const parsed = agencyForm.safeParse(values);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return fail(400, { action: 'addAgency', field: String(issue.path[0] ?? 'name'), problem: issue.message, values });
		}
		await handover.addAgency(await db(), scope, parsed.data);
		return { action: 'addAgency', done: 'agency_added' as const };
	},
	archiveAgency: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const id = z.uuid().safeParse((await request.formData()).get('id'));
		if (!id.success || !(await handover.archiveAgency(await db(), scope, id.data))) return refusal('no_agency', 'archiveAgency', '');
		return { action: 'archiveAgency', done: 'agency_archived' as const };
	},
	confirm: async ({ locals, request }) => {
		const scope = requireUser(locals);
		const parsed = decision.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return refusal('not_found', 'confirm', '');
		const r = await handover.confirm(await db(), scope, parsed.data.id, new Date(), toConsoleLocale(locals.locale));
		return r.ok ? { action: 'confirm', id: r.id, done: 'confirmed' as const } : refusal(r.why, 'confirm', parsed.data.id);
	},
	decline: async ({ locals, request }) => decideWithReason(locals, request, 'decline'),
	takeBack: async ({ locals, request }) => decideWithReason(locals, request, 'takeBack')
};

async function decideWithReason(locals: App.Locals, request: Request, action: 'decline' | 'takeBack') {
	const scope = requireUser(locals);
	const values = Object.fromEntries(await request.formData()) as Record<string, string>;
	const parsed = withReason.safeParse(values);
	if (!parsed.success) return fail(400, { action, id: String(values.id ?? ''), field: 'reason', problem: 'reason', values });
	const run = action === 'decline' ? handover.decline : handover.takeBack;
	const r = await run(await db(), scope, parsed.data.id, parsed.data.reason);
	if (!r.ok) return refusal(r.why, action, parsed.data.id);
	return { action, id: r.id, done: action === 'decline' ? ('declined' as const) : ('taken_back' as const) };
}

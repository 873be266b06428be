// "Segmenten": the merchant's ordered segments with their own treatment; the effect of a draft is shown before it is saved.
import { fail } from '@sveltejs/kit';
import { segmentsDraftSchema, type SegmentDraft } from '$lib/schemas/segments';
import { requireOwner } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import * as merchants from '$lib/server/merchants/queries';
import * as segments from '$lib/server/segments/service';
import type { Actions, PageServerLoad } from './$types';

/** At most this many moves are sent to the page; the count is always whole. */
const MOVES_SHOWN = 50;

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireOwner(locals);
	const conn = await db();
	const [stored, policy] = await Promise.all([segments.list(conn, scope.merchantId), merchants.policyOf(conn, scope.merchantId)]);
	return {
		segments: stored.map((s) => segments.draftOf(s)),
		policy: { maxTerms: policy.instalments.maxTerms, moreTimeDays: policy.moreTime.maxDays }
	};
};

type Problems = Record<string, string>;

/** The draft from the form's one JSON field, checked; each problem keyed by where it is (`0.name`, `1.rules.0.value`). */
function read(form: FormData): { draft: SegmentDraft[]; raw: string } | { problems: Problems; raw: string } {
	const raw = String(form.get('segments') ?? '');
	let json: unknown;
	try {
		json = JSON.parse(raw);
	} catch {
		return { problems: { form: 'form' }, raw };
	}
	const parsed = segmentsDraftSchema.safeParse(json);
	if (parsed.success) return { draft: parsed.data, raw };
	const problems: Problems = {};
	for (const issue of parsed.error.issues) problems[issue.path.join('.') || 'form'] ??= issue.message;
	return { problems, raw };
}

const issuesOf = (issues: { index: number; field: string; problem: string }[]): Problems =>
	Object.fromEntries(issues.map((i) => [`${i.index}.${i.field}`, i.problem]));

export const actions: Actions = {
	preview: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const got = read(await request.formData());
		if ('problems' in got) return fail(400, { action: 'preview' as const, raw: got.raw, problems: got.problems });
		const checked = issuesOf(segments.check(got.draft));
		if (Object.keys(checked).length) return fail(400, { action: 'preview' as const, raw: got.raw, problems: checked });
		const effect = await segments.preview(await db(), scope.merchantId, got.draft);
		return {
			action: 'preview' as const,
			raw: got.raw,
			effect: { segments: effect.segments, moves: effect.moves.slice(0, MOVES_SHOWN), movesTotal: effect.moves.length }
		};
	},
	save: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const got = read(await request.formData());
		if ('problems' in got) return fail(400, { action: 'save' as const, raw: got.raw, problems: got.problems });
		const saved = await segments.save(await db(), scope.merchantId, `user:${scope.userId}`, got.draft);
		if (!saved.ok) return fail(400, { action: 'save' as const, raw: got.raw, problems: issuesOf(saved.issues) });
		return { action: 'save' as const, moved: saved.moved };
	}
};

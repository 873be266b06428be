// Bank statements in, and the transfers that wait for an agent: book to a claim, or not ours.
import { Readable } from 'node:stream';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getLocale } from '$lib/paraglide/runtime';
import { requireUser } from '$lib/server/accounts/handle';
import * as bank from '$lib/server/bank/service';
import { boundaryOf, filePart } from '$lib/server/claims/multipart';
import { UPLOAD_BODY } from '$lib/server/bodylimit';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

const consoleLocale = () => (getLocale() === 'en' ? 'en' : 'nl');

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireUser(locals);
	const database = await db();
	const [waiting, imports] = await Promise.all([bank.reviewList(database, scope), bank.recentImports(database, scope)]);
	return {
		waiting,
		imports: imports.map((i) => ({
			id: i.id,
			fileName: i.fileName,
			createdAt: i.createdAt.toISOString(),
			credits: i.credits,
			booked: i.booked,
			review: i.review
		}))
	};
};

const decision = z.object({ entryId: z.uuid(), claimId: z.uuid().optional() });

async function readFile(request: Request): Promise<{ bytes: Buffer; name: string | null } | null> {
	const boundary = boundaryOf(request.headers.get('content-type'));
	if (!boundary || !request.body) return null;
	const seen: { filename?: string } = {};
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of filePart(
			Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>),
			boundary,
			'file',
			seen
		)) {
			size += chunk.length;
			// The route's body limit holds the request to this already; counted here too so memory never holds more.
			if (size > UPLOAD_BODY) return null;
			chunks.push(Buffer.from(chunk));
		}
	} catch (e) {
		if (e instanceof Error && e.message.startsWith('multipart:')) return null;
		throw e;
	}
	if (size === 0) return null;
	return { bytes: Buffer.concat(chunks), name: seen.filename?.slice(0, 200) ?? null };
}

export const actions: Actions = {
	upload: async ({ locals, request }) => {
		const scope = requireUser(locals);
		const file = await readFile(request);
		if (!file) return fail(400, { problem: 'upload' as const, fileName: null });
		const result = await bank.importStatement(await db(), scope, file, consoleLocale());
		if (!result.ok)
			return fail(400, {
				problem: result.problem,
				fileName: file.name,
				importedAt: 'importedAt' in result ? result.importedAt?.toISOString() : undefined,
				detail: 'detail' in result ? result.detail : undefined
			});
		return { imported: { ...result, fileName: file.name } };
	},
	book: async ({ locals, request }) => {
		const scope = requireUser(locals);
		const parsed = decision.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success || !parsed.data.claimId) return fail(400, { decided: 'gone' as const });
		const decided = await bank.bookEntry(await db(), scope, parsed.data.entryId, parsed.data.claimId, consoleLocale());
		return decided === 'booked' || decided === 'part_booked' ? { decided } : fail(400, { decided });
	},
	dismiss: async ({ locals, request }) => {
		const scope = requireUser(locals);
		const parsed = decision.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { decided: 'gone' as const });
		const decided = await bank.dismissEntry(await db(), scope, parsed.data.entryId);
		return decided === 'dismissed' ? { decided } : fail(400, { decided });
	}
};

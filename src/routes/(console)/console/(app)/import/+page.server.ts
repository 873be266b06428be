import { Readable } from 'node:stream';
import { fail } from '@sveltejs/kit';
import { requireOwner } from '$lib/server/accounts/handle';
import { importCsv } from '$lib/server/claims/service';
import { boundaryOf, filePart } from '$lib/server/claims/multipart';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requireOwner(locals);
};

export const actions: Actions = {
	default: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const boundary = boundaryOf(request.headers.get('content-type'));
		const upload = (code: string, fileName: string | null = null) =>
			fail(400, { fileName, rows: 0, problems: [{ line: 0, field: null, code }], totalProblems: 1 });
		if (!boundary || !request.body) return upload('upload');
		const seen: { filename?: string } = {};
		// Streamed: the file goes from the request through the CSV parser into the database in batches.
		const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>);
		try {
			const result = await importCsv(await db(), scope, filePart(body, boundary, 'file', seen), config().linkTtlDays);
			const fileName = seen.filename?.slice(0, 200) ?? null;
			if (!result.ok) return fail(400, { fileName, rows: result.rows, problems: result.problems, totalProblems: result.totalProblems });
			return { imported: { ...result, fileName } };
		} catch (e) {
			if (e instanceof Error && e.message.startsWith('multipart:')) return upload('upload', seen.filename ?? null);
			throw e;
		}
	}
};

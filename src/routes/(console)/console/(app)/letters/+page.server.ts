// "Brieven": the letters waiting to be printed, the print file of all of them, and "mark as printed".
import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import * as letters from '$lib/server/letters/service';
import type { Actions, PageServerLoad } from './$types';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireUser(locals);
	const conn = await db();
	// The print file and "printed" both cover the letters handed over by this moment, so a letter that arrives
	// between the download and the click is neither printed unseen nor marked without being in the file.
	const until = new Date().toISOString();
	const [queue, printed] = await Promise.all([letters.waiting(conn, scope), letters.recentlyPrinted(conn, scope)]);
	const shown = (rows: typeof printed) => rows.map((r) => ({ ...r, sentAt: iso(r.sentAt), printedAt: iso(r.printedAt) }));
	return { until, waiting: shown(queue.rows), total: queue.total, owed: queue.owed, printed: shown(printed) };
};

export const actions: Actions = {
	printed: async ({ locals, request }) => {
		const scope = requireUser(locals);
		const until = String((await request.formData()).get('until') ?? '');
		if (Number.isNaN(Date.parse(until))) return fail(400, { problem: 'until' as const });
		const done = await letters.markPrinted(await db(), scope, new Date(until));
		return { done };
	}
};

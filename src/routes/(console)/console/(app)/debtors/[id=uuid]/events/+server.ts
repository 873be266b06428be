// Server-sent events: new timeline entries of one debtor as they happen, for the agent looking at them.
// It polls the database once a second, so it works across server processes and on PGlite alike.
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/accounts/handle';
import * as consoleService from '$lib/server/console/service';
import { db } from '$lib/server/db';
import * as supportTimeline from '$lib/server/support/timeline';
import type { RequestHandler } from './$types';

const POLL_MS = 1000;
const MAX_MS = 10 * 60_000;

export const GET: RequestHandler = async ({ locals, params, request, url }) => {
	const scope = requireUser(locals);
	const database = await db();
	if (!(await consoleService.owns(database, scope, params.id))) error(404, 'not_found');
	// A cursor that is not a number starts from now rather than from the beginning.
	const asked = Number(url.searchParams.get('after'));
	let after = Number.isSafeInteger(asked) && asked >= 0 ? asked : await supportTimeline.lastId(database, scope.merchantId, params.id);
	const encoder = new TextEncoder();
	const started = Date.now();
	let closed = false;
	const stream = new ReadableStream<Uint8Array>({
		cancel() {
			closed = true;
		},
		async start(controller) {
			controller.enqueue(encoder.encode(`retry: 2000\n\n`));
			while (!closed && !request.signal.aborted && Date.now() - started < MAX_MS) {
				const fresh = await supportTimeline.since(database, scope.merchantId, params.id, after);
				for (const e of fresh) {
					after = e.id;
					// As the page renders an event, so the live list and the first page read the same.
					const data = { id: e.id, type: e.type, actor: e.actor, occurredAt: e.occurredAt.toISOString(), payload: e.payload };
					controller.enqueue(encoder.encode(`id: ${e.id}\nevent: timeline\ndata: ${JSON.stringify(data)}\n\n`));
				}
				await new Promise((r) => setTimeout(r, POLL_MS));
			}
			if (!closed) controller.close();
		}
	});
	return new Response(stream, {
		headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' }
	});
};

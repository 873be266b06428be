// GET /api/v1/events — the webhook events for merchants who poll: the same bodies, paged by a cursor that is the
// last event id seen. Ids rise in commit order (webhooks/follow.ts), so `after` never skips an event.
import { and, asc, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import { EVENTS_PAGE } from '../../domain/webhooks';
import { webhookEvents } from '../db/schema';
import { eventBody } from '../webhooks/deliver';
import type { ApiContext } from './handlers';
import { withKey } from './handlers';
import { ProblemError } from './problem';

const query = z.object({
	after: z
		.string()
		.regex(/^\d{1,18}$/, { error: 'a cursor: the next_cursor of an earlier answer, or 0' })
		.default('0'),
	limit: z.coerce
		.number({ error: `a whole number from 1 to ${EVENTS_PAGE.max}` })
		.int({ error: `a whole number from 1 to ${EVENTS_PAGE.max}` })
		.min(1, { error: `a whole number from 1 to ${EVENTS_PAGE.max}` })
		.max(EVENTS_PAGE.max, { error: `a whole number from 1 to ${EVENTS_PAGE.max}` })
		.default(EVENTS_PAGE.default)
});

export function getEvents(ctx: ApiContext, request: Request) {
	return withKey(ctx, request, async (caller) => {
		const params = new URL(request.url).searchParams;
		const parsed = query.safeParse({ after: params.get('after') ?? undefined, limit: params.get('limit') ?? undefined });
		if (!parsed.success) {
			const invalid = parsed.error.issues.map((i) => ({
				name: String(i.path[0]),
				pointer: `/${String(i.path[0])}`,
				reason: `must be ${i.message}`
			}));
			throw new ProblemError('validation', `Query parameter(s) not valid: ${invalid.map((p) => p.name).join(', ')}.`, {
				invalid_params: invalid
			});
		}
		const { after, limit } = parsed.data;
		const rows = await ctx.db
			.select()
			.from(webhookEvents)
			.where(and(eq(webhookEvents.merchantId, caller.merchantId), gt(webhookEvents.id, Number(after))))
			.orderBy(asc(webhookEvents.id))
			.limit(limit + 1);
		const page = rows.slice(0, limit);
		const body = {
			events: page.map(eventBody),
			next_cursor: page.length ? String(page[page.length - 1].id) : after,
			has_more: rows.length > limit
		};
		return new Response(JSON.stringify(body), {
			status: 200,
			headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
		});
	});
}

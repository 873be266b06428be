// Test controls for the Mollie stand-in (only when no real Mollie key is configured).
import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import * as controls from '$lib/server/mollie-standin/controls';
import { standinContext } from '$lib/server/mollie-standin/install';
import { revokeOrganization } from '$lib/server/mollie-standin/oauth';
import type { RequestHandler } from './$types';

const tr = z.string().regex(/^tr_\w+$/);
const command = z.discriminatedUnion('action', [
	z.object({ action: z.literal('decide'), id: tr, outcome: z.enum(controls.OUTCOMES) }),
	z.object({ action: z.literal('setStatus'), id: tr, status: z.enum(['paid', 'failed', 'canceled', 'expired', 'pending']) }),
	z.object({ action: z.literal('resendWebhook'), id: tr }),
	z.object({
		action: z.literal('webhookMode'),
		id: tr,
		drop: z.boolean().optional(),
		delayMs: z.number().int().min(0).max(600_000).optional()
	}),
	z.object({
		action: z.literal('failNext'),
		status: z.number().int().min(400).max(599).optional(),
		delayMs: z.number().int().min(0).max(120_000).optional(),
		times: z.number().int().min(1).max(10).optional()
	}),
	z.object({ action: z.literal('clearFaults') }),
	z.object({ action: z.literal('advanceClock'), days: z.number().int().min(1).max(400) }),
	z.object({
		action: z.literal('bounceNextCollection'),
		customerId: z.string().regex(/^cst_\w+$/),
		times: z.number().int().min(1).max(10).optional()
	}),
	z.object({ action: z.literal('chargeback'), id: tr }),
	// The merchant removed the app in their Mollie dashboard: every token of the organization stops working.
	z.object({ action: z.literal('revokeOrganization'), organizationId: z.string().regex(/^org_\w+$/) })
]);

export const POST: RequestHandler = async ({ request }) => {
	const ctx = standinContext();
	if (!ctx) error(404, 'not_found');
	const parsed = command.safeParse(await request.json().catch(() => null));
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return json({ status: 400, title: 'Bad control command', detail: issue.message, field: issue.path.join('.') }, { status: 400 });
	}
	const c = parsed.data;
	const now = ctx.now();
	switch (c.action) {
		case 'decide':
			return json(await controls.decide(ctx.db, c.id, c.outcome, now));
		case 'setStatus':
			return json(await controls.setStatus(ctx.db, c.id, c.status, now));
		case 'resendWebhook':
			return json({ webhookStatus: await controls.resendWebhook(ctx.db, c.id) });
		case 'webhookMode':
			return json(await controls.webhookMode(ctx.db, c.id, c));
		case 'failNext':
			await controls.failNext(ctx.db, c);
			return json({ queued: true });
		case 'clearFaults':
			await controls.clearFaults(ctx.db);
			return json({ cleared: true });
		case 'advanceClock':
			return json({ ...(await controls.advanceClock(ctx, c.days)), now: ctx.now().toISOString() });
		case 'bounceNextCollection':
			await controls.bounceNextCollection(ctx.db, c.customerId, c.times);
			return json({ queued: true });
		case 'chargeback':
			return json(await controls.chargeback(ctx, c.id));
		case 'revokeOrganization':
			return json({ revoked: await revokeOrganization(ctx.db, c.organizationId, now) });
	}
};

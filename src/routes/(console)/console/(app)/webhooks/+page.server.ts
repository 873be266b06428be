import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { WEBHOOK_EVENTS, isWebhookEvent } from '$lib/domain/webhooks';
import { requireOwner } from '$lib/server/accounts/handle';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import * as endpoints from '$lib/server/webhooks/endpoints';
import { urlProblem } from '$lib/server/webhooks/guard';
import type { Actions, PageServerLoad } from './$types';

const newEndpoint = z.object({
	url: z.string().trim().min(1, { error: 'hooks_error_url' }).max(2000, { error: 'hooks_error_url' }),
	events: z.array(z.string().refine(isWebhookEvent)).min(1, { error: 'hooks_error_events' })
});

export const load: PageServerLoad = async ({ locals, url }) => {
	const scope = requireOwner(locals);
	const database = await db();
	const list = await endpoints.list(database, scope.merchantId);
	const shown = list.find((e) => e.id === url.searchParams.get('endpoint')) ?? list[0];
	return {
		endpoints: list,
		shown: shown?.id ?? null,
		deliveries: shown ? await endpoints.deliveries(database, scope.merchantId, shown.id) : [],
		events: [...WEBHOOK_EVENTS],
		feed: `${config().origin}/api/v1/events`,
		docs: `${config().origin}/api/v1/openapi.json`
	};
};

const idOf = async (request: Request) => {
	const v = (await request.formData()).get('id');
	return typeof v === 'string' ? v : '';
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const form = await request.formData();
		const raw = { url: String(form.get('url') ?? '').slice(0, 2000), events: form.getAll('events').map(String) };
		const parsed = newEndpoint.safeParse(raw);
		if (!parsed.success) return fail(400, { ...raw, message: parsed.error.issues[0].message });
		const problem = urlProblem(parsed.data.url, config().webhooks);
		if (problem) return fail(400, { ...raw, message: `hooks_error_${problem}` });
		const created = await endpoints.create(await db(), scope, { url: parsed.data.url, events: parsed.data.events.filter(isWebhookEvent) });
		// Shown once, in this answer only; the console never shows it again.
		return { secret: { id: created.id, value: created.secret, rotated: false } };
	},
	rotate: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const id = await idOf(request);
		const done = await endpoints.rotate(await db(), scope.merchantId, id);
		return done ? { secret: { id, value: done.secret, rotated: true } } : fail(404, { message: 'hooks_error_not_found' });
	},
	enable: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const ok = await endpoints.setEnabled(await db(), scope.merchantId, await idOf(request), true);
		return ok ? { changed: 'enabled' } : fail(404, { message: 'hooks_error_not_found' });
	},
	disable: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const ok = await endpoints.setEnabled(await db(), scope.merchantId, await idOf(request), false);
		return ok ? { changed: 'disabled' } : fail(404, { message: 'hooks_error_not_found' });
	},
	remove: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const ok = await endpoints.remove(await db(), scope.merchantId, await idOf(request));
		return ok ? { changed: 'removed' } : fail(404, { message: 'hooks_error_not_found' });
	},
	resend: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const ok = await endpoints.resend(await db(), scope.merchantId, await idOf(request));
		return ok ? { changed: 'resent' } : fail(404, { message: 'hooks_error_not_found' });
	}
};

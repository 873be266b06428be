import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { requireOwner } from '$lib/server/accounts/handle';
import * as keys from '$lib/server/api/keys';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

const name = z.object({ name: z.string().trim().min(1, { error: 'api_error_name' }).max(100, { error: 'api_error_name' }) });

export const load: PageServerLoad = async ({ locals }) => {
	const scope = requireOwner(locals);
	return { keys: await keys.list(await db(), scope.merchantId), docs: `${config().origin}/api/v1/openapi.json` };
};

export const actions: Actions = {
	create: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const form = Object.fromEntries(await request.formData());
		const parsed = name.safeParse(form);
		if (!parsed.success)
			return fail(400, { name: typeof form.name === 'string' ? form.name.slice(0, 100) : '', message: parsed.error.issues[0].message });
		const created = await keys.create(await db(), scope, parsed.data.name);
		// Shown once, in this answer only: the key is stored as its SHA-256.
		return { created: { name: parsed.data.name, key: created.key, prefix: created.prefix } };
	},
	revoke: async ({ locals, request }) => {
		const scope = requireOwner(locals);
		const id = (await request.formData()).get('id');
		const done = typeof id === 'string' && (await keys.revoke(await db(), scope.merchantId, id));
		return done ? { revoked: true } : fail(404, { message: 'api_error_not_found' });
	}
};

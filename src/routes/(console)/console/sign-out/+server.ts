// Sign out here, or everywhere (every session of this user, on every device).
import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { deleteSessionCookie, invalidateAllSessions, invalidateSession } from '$lib/server/accounts/session';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

const choice = z.object({ scope: z.enum(['here', 'everywhere']).default('here') });

export const POST: RequestHandler = async ({ request, locals, cookies, url }) => {
	// A body that is not a form (JSON, a broken multipart) signs out here, as no choice would.
	const form = await request.formData().catch(() => null);
	const parsed = choice.safeParse(form ? Object.fromEntries(form) : {});
	const scope = parsed.success ? parsed.data.scope : 'here';
	if (locals.user && locals.session) {
		const database = await db();
		if (scope === 'everywhere') await invalidateAllSessions(database, locals.user.id);
		else await invalidateSession(database, locals.session.id);
	}
	deleteSessionCookie(cookies, url.protocol === 'https:');
	redirect(303, '/console/sign-in');
};

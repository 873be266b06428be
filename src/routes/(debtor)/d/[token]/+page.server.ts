import { fail, redirect } from '@sveltejs/kit';
import { localeChoice } from '$lib/schemas/locale';
import { db } from '$lib/server/db';
import { wrongLink } from '$lib/server/portal/guard';
import * as portal from '$lib/server/portal/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, getClientAddress }) => {
	const database = await db();
	const view = await portal.open(database, params.token, { locale: locals.locale });
	if (!view) return wrongLink(database, getClientAddress());
	return { view, today: new Date().toISOString().slice(0, 10) };
};

export const actions: Actions = {
	language: async ({ request, params, locals, cookies, url, getClientAddress }) => {
		const database = await db();
		const choice = localeChoice.safeParse(Object.fromEntries(await request.formData()));
		if (!choice.success) return fail(400, { message: choice.error.issues[0].message });
		const ok = await portal.switchLanguage(database, params.token, { from: locals.locale, to: choice.data.locale });
		if (!ok) return wrongLink(database, getClientAddress());
		cookies.set('PARAGLIDE_LOCALE', choice.data.locale, {
			path: '/',
			maxAge: 60 * 60 * 24 * 365,
			sameSite: 'lax',
			httpOnly: false,
			secure: url.protocol === 'https:'
		});
		redirect(303, url.pathname);
	}
};

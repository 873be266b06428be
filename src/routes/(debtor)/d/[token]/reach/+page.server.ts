// How the debtor is reached: reminders by e-mail on or off, from their own page (the language is in the footer of
// every page). Notices an agreement requires still go, and the page says so.
import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { contactChoices, setReminders } from '$lib/server/outreach/reach';
import { wrongLink } from '$lib/server/portal/guard';
import * as portal from '$lib/server/portal/service';
import { speakToDebtor } from '$lib/server/portal/locale';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, request, url, locals, cookies, getClientAddress }) => {
	const database = await db();
	const page = await portal.openPage(database, params.token, { locale: locals.locale, cookies });
	if (page.state === 'invalid') return wrongLink(database, getClientAddress());
	if (page.state === 'locked') redirect(303, `/d/${params.token}/confirm`);
	speakToDebtor({ locals, cookies, request, url }, page);
	const reach = await contactChoices(database, page.holder.debtorId);
	return { brand: page.view.brand, tone: page.view.tone, reach };
};

export const actions: Actions = {
	default: async ({ params, request, cookies, getClientAddress }) => {
		const database = await db();
		const who = await portal.guardedHolder(database, params.token, cookies);
		if (!who) return wrongLink(database, getClientAddress());
		const on = (await request.formData()).get('reminders') === 'on';
		await setReminders(database, who, on, 'page');
		return { changed: on ? ('resumed' as const) : ('stopped' as const) };
	}
};

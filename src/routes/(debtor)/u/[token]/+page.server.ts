// The stop link in every reminder: a page that asks once, and the one-click POST of RFC 8058 that mail clients send
// (List-Unsubscribe=One-Click) — the token is the authority, so it needs no session or form token.
import { db } from '$lib/server/db';
import { setReminders, stopLinkOwner } from '$lib/server/outreach/reach';
import { wrongLink } from '$lib/server/portal/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const database = await db();
	const owner = await stopLinkOwner(database, params.token);
	if (!owner) return wrongLink(database, getClientAddress());
	return { brand: owner.brand, tone: owner.tone, stopped: owner.stopped, changed: null as 'stopped' | 'resumed' | null };
};

export const actions: Actions = {
	// One action: the page's buttons say which way; a one-click POST carries only List-Unsubscribe=One-Click: stop.
	default: async ({ params, request, getClientAddress }) => {
		const database = await db();
		const owner = await stopLinkOwner(database, params.token);
		if (!owner) return wrongLink(database, getClientAddress());
		const on = (await request.formData().catch(() => null))?.get('reminders') === 'on';
		await setReminders(database, owner, on, 'email_link');
		return { changed: on ? ('resumed' as const) : ('stopped' as const) };
	}
};

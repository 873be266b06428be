// How the debtor is reached: which channel they prefer (e-mail, SMS, letter — the ones we have an address for),
// reminders by e-mail on or off, and push on their phone off again (the language is in the footer of every page).
// Notices an agreement requires still go, and the page says so. Every action is a plain form.
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { PREFERABLE } from '$lib/domain/outreach/channels';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { contactChoices, setPreferredChannel, setReminders } from '$lib/server/outreach/reach';
import { wrongLink } from '$lib/server/portal/guard';
import * as portal from '$lib/server/portal/service';
import { speakToDebtor } from '$lib/server/portal/locale';
import { vapidKeys } from '$lib/server/push/keys';
import * as push from '$lib/server/push/service';
import type { Actions, PageServerLoad } from './$types';

const channelChoice = z.object({ channel: z.enum(PREFERABLE as ['email', 'sms', 'letter']) });

export const load: PageServerLoad = async ({ params, request, url, locals, cookies, getClientAddress }) => {
	const database = await db();
	const page = await portal.openPage(database, params.token, { locale: locals.locale, cookies });
	if (page.state === 'invalid') return wrongLink(database, getClientAddress());
	if (page.state === 'locked') redirect(303, `/d/${params.token}/confirm`);
	speakToDebtor({ locals, cookies, request, url }, page);
	const [reach, pushOn, vapid] = await Promise.all([
		contactChoices(database, page.holder.debtorId),
		push.isOn(database, page.holder.debtorId),
		vapidKeys(database, config())
	]);
	return { brand: page.view.brand, tone: page.view.tone, reach, pushOn, pushKey: vapid.publicKey };
};

export const actions: Actions = {
	reminders: async ({ params, request, cookies, getClientAddress }) => {
		const database = await db();
		const who = await portal.guardedHolder(database, params.token, cookies);
		if (!who) return wrongLink(database, getClientAddress());
		const on = (await request.formData()).get('reminders') === 'on';
		await setReminders(database, who, on, 'page');
		return { changed: on ? ('resumed' as const) : ('stopped' as const) };
	},

	channel: async ({ params, request, cookies, getClientAddress }) => {
		const database = await db();
		const who = await portal.guardedHolder(database, params.token, cookies);
		if (!who) return wrongLink(database, getClientAddress());
		const parsed = channelChoice.safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { channelProblem: 'invalid' as const });
		const set = await setPreferredChannel(database, who, parsed.data.channel);
		if (!set.ok) return fail(400, { channelProblem: 'invalid' as const });
		return { chosen: parsed.data.channel };
	},

	pushOff: async ({ params, cookies, getClientAddress }) => {
		const database = await db();
		const who = await portal.guardedHolder(database, params.token, cookies);
		if (!who) return wrongLink(database, getClientAddress());
		await push.stop(database, who);
		return { pushStopped: true };
	}
};

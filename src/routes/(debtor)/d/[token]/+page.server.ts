import { fail, redirect } from '@sveltejs/kit';
import { localeChoice } from '$lib/schemas/locale';
import { payChoice } from '$lib/schemas/payment';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import * as payments from '$lib/server/payments/service';
import { wrongLink } from '$lib/server/portal/guard';
import * as portal from '$lib/server/portal/service';
import * as promises from '$lib/server/promises/service';
import * as plans from '$lib/server/plans/service';
import { z } from 'zod';
import * as videos from '$lib/server/video/page';
import { rememberOverview } from '$lib/server/portal/return';
import { rememberLocale, speakToDebtor } from '$lib/server/portal/locale';
import * as handover from '$lib/server/handover/service';
import { offerPushNext, takePushOffer } from '$lib/server/push/offer';
import { vapidKeys } from '$lib/server/push/keys';
import * as push from '$lib/server/push/service';
import { paymentsStanding } from '$lib/server/tenants/standing';
import { inPlan, situationOf } from './situation';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, request, url, locals, cookies, getClientAddress }) => {
	const database = await db();
	// One statement: the privacy gate, everything shown, the video's facts, and the visit.
	const page = await portal.openPage(database, params.token, { locale: locals.locale, cookies });
	if (page.state === 'invalid') return wrongLink(database, getClientAddress());
	if (page.state === 'locked') redirect(303, `/d/${params.token}/confirm`);
	speakToDebtor({ locals, cookies, request, url }, page);
	const { view } = page;
	const { total } = view.balance;
	// A merchant without a working Mollie account: no pay button, and the page says how to reach them instead. Asked
	// after the offer, whose call to Mollie is what notices a revoked authorization.
	// The standing before comes with the page's statement; it is asked again only when the offer went to Mollie.
	const merchantId = page.holder.merchantId;
	const before = page.paymentsStanding;
	const asked =
		before === 'ready' && total.amountCents > 0 ? await payments.offerAsked(database, merchantId, total.amountCents, total.currency) : null;
	const offer = asked?.offer ?? null;
	const payOnline = before === 'ready' && (!asked?.askedMollie || (await paymentsStanding(database, merchantId)) === 'ready');
	// The video explains an open balance and the ways to settle it: not for a page that is paused, on hold, in a plan or settled.
	const situation = situationOf(view);
	const explains = situation !== 'paused' && situation !== 'on_hold' && situation !== 'settled' && !inPlan(situation);
	const video = !explains ? null : await videos.forLink(database, { token: params.token, facts: page.video }, locals.locale);
	// Right after a promise or a plan (never on arrival): the offer of a push on this phone, with the key to subscribe.
	const pushKey =
		takePushOffer(cookies, params.token) && !(await push.isOn(database, page.holder.debtorId))
			? (await vapidKeys(database, config())).publicKey
			: null;
	return { view, offer, video, pushKey, payOnline };
};

export const actions: Actions = {
	pay: async ({ request, params, locals, cookies, url, getClientAddress }) => {
		const database = await db();
		const payer = await portal.guardedHolder(database, params.token, cookies);
		if (!payer) return wrongLink(database, getClientAddress());
		const choice = payChoice.safeParse(Object.fromEntries(await request.formData()));
		if (!choice.success) return fail(400, { payment: 'refused' as const });
		// Handed over to an agency that takes the payments itself: the page says so, and no payment starts here.
		if (!(await handover.mayOnPage(database, payer.debtorId)).pay) return fail(409, { payment: 'refused' as const });
		if ((await paymentsStanding(database, payer.merchantId)) !== 'ready') return fail(409, { payment: 'refused' as const });
		const total = await payments.payableTotal(database, payer.debtorId);
		const methods = payments.methodsOf(
			choice.data.method,
			await payments.offer(database, payer.merchantId, total.amountCents, total.currency)
		);
		if (methods.length === 0) return fail(422, { payment: 'refused' as const });
		const outcome = await payments.start(database, payer, methods, { origin: config().origin, locale: locals.locale });
		switch (outcome.kind) {
			case 'checkout':
				rememberOverview(cookies, params.token, url);
				return redirect(303, outcome.url);
			case 'nothing_to_pay':
				return redirect(303, url.pathname);
			case 'in_progress':
				return fail(409, { payment: 'in_progress' as const });
			case 'unavailable':
				// Mollie refused the merchant's authorization just now: the page then explains, calmly, how to pay instead.
				if ((await paymentsStanding(database, payer.merchantId)) !== 'ready') return redirect(303, url.pathname);
				return fail(503, { payment: 'unavailable' as const });
			case 'refused':
				return fail(422, { payment: 'refused' as const });
		}
	},

	payInstalment: async ({ request, params, locals, cookies, url, getClientAddress }) => {
		const database = await db();
		const who = await portal.guardedHolder(database, params.token, cookies);
		if (!who) return wrongLink(database, getClientAddress());
		const parsed = z.object({ number: z.coerce.number().int().min(1).max(60) }).safeParse(Object.fromEntries(await request.formData()));
		if (!parsed.success) return fail(400, { payment: 'refused' as const });
		const outcome = await plans.payInstalment(database, who, parsed.data.number, { origin: config().origin, locale: locals.locale });
		if (outcome.kind === 'checkout') {
			rememberOverview(cookies, params.token, url);
			return redirect(303, outcome.url);
		}
		if (outcome.kind === 'nothing_to_pay') redirect(303, url.pathname);
		if (outcome.kind === 'on_hold') return fail(409, { payment: 'on_hold' as const });
		return fail(outcome.kind === 'unavailable' ? 503 : 422, {
			payment: outcome.kind === 'unavailable' ? ('unavailable' as const) : ('refused' as const)
		});
	},

	moreTime: async ({ request, params, cookies, url, getClientAddress }) => {
		const database = await db();
		const who = await portal.guardedHolder(database, params.token, cookies);
		if (!who) return wrongLink(database, getClientAddress());
		const promisedOn = String((await request.formData()).get('promisedOn') ?? '').slice(0, 20);
		if (!(await handover.mayOnPage(database, who.debtorId)).arrange) return fail(409, { moreTime: 'unavailable' as const, promisedOn });
		const made = await promises.make(database, who, promisedOn);
		if (made.ok) offerPushNext(cookies, params.token, url);
		if (made.ok || made.reason === 'nothing_to_pay') redirect(303, url.pathname);
		const shown = ['date_in_past', 'date_too_late', 'date_invalid'].includes(made.reason) ? made.reason : 'unavailable';
		return fail(400, { moreTime: shown as 'date_in_past' | 'date_too_late' | 'date_invalid' | 'unavailable', promisedOn });
	},

	language: async ({ request, params, locals, cookies, url, getClientAddress }) => {
		const database = await db();
		const who = await portal.guardedHolder(database, params.token, cookies);
		const choice = localeChoice.safeParse(Object.fromEntries(await request.formData()));
		if (!choice.success) return fail(400, { message: choice.error.issues[0].message });
		if (!who) return wrongLink(database, getClientAddress());
		await portal.switchLanguage(database, who, { from: locals.locale, to: choice.data.locale });
		rememberLocale(cookies, choice.data.locale, url);
		return redirect(303, url.pathname);
	}
};

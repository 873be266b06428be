// The plan builder: the debtor picks terms, frequency, payday and how to pay, and sees the exact schedule.
import { fail, redirect } from '@sveltejs/kit';
import * as handover from '$lib/server/handover/service';
import { offerPushNext } from '$lib/server/push/offer';
import { checkPlanRequest, paydayFirstDate } from '$lib/domain/policy';
import { addDays, toIsoDay } from '$lib/domain/schedule';
import { planChoice, type PlanChoice } from '$lib/schemas/plan';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import * as plans from '$lib/server/plans/service';
import { wrongLink } from '$lib/server/portal/guard';
import * as portal from '$lib/server/portal/service';
import { rememberOverview } from '$lib/server/portal/return';
import { speakToDebtor } from '$lib/server/portal/locale';
import type { Actions, PageServerLoad } from './$types';

const today = () => toIsoDay(new Date());

/**
 * The days a weekly plan can start on: the next two weeks (within the policy's latest start), each a different day of
 * the month, so the day-of-month the form posts names exactly one of them.
 */
function startDays(latestFirstDate: string): string[] {
	const from = today();
	return Array.from({ length: 14 }, (_, i) => addDays(from, i)).filter((d) => d <= latestFirstDate);
}

function defaults(options: { terms: number[]; frequencies: PlanChoice['frequency'][] }): PlanChoice {
	return {
		terms: options.terms.includes(3) ? 3 : options.terms[0],
		frequency: options.frequencies.includes('monthly') ? 'monthly' : options.frequencies[0],
		payday: Math.min(28, new Date().getUTCDate()),
		collection: 'direct_debit'
	};
}

/** A weekly plan's start is one of the days the form shows, so the preview never starts on a day the form does not name. */
function startsOnShownDay(choice: PlanChoice, days: string[]): PlanChoice {
	if (choice.frequency === 'monthly' || days.length === 0) return choice;
	const doms = days.map((d) => Number(d.slice(8)));
	return doms.includes(choice.payday) ? choice : { ...choice, payday: doms[0] };
}

export const load: PageServerLoad = async ({ params, request, url, locals, cookies, getClientAddress }) => {
	const database = await db();
	// One lookup: the privacy gate, the view, who acts, and the visit (see portal.openPage).
	const page = await portal.openPage(database, params.token, { locale: locals.locale, cookies });
	if (page.state === 'invalid') return wrongLink(database, getClientAddress());
	if (page.state === 'locked') redirect(303, `/d/${params.token}/confirm`);
	speakToDebtor({ locals, cookies, request, url }, page);
	const { view, holder: who } = page;
	if (view.handover) redirect(303, `/d/${params.token}`);
	const options = await plans.optionsFor(database, who);
	// The first look at the plan options goes on the timeline; the previews that follow (same page, new query) do not.
	if (url.search === '') await plans.optionsViewed(database, who, !!options?.offered);
	if (!options?.offered) return { view, options: null, choice: null, startDays: [], preview: null, refusal: null };
	const asked = planChoice.safeParse(Object.fromEntries(url.searchParams));
	const days = startDays(options.latestFirstDate);
	const choice = startsOnShownDay(asked.success ? asked.data : defaults(options), days);
	const first = paydayFirstDate(who.policy, today(), choice.payday);
	const check = checkPlanRequest(who.policy, view.balance.total, today(), {
		terms: choice.terms,
		frequency: choice.frequency,
		firstDate: first.date
	});
	return {
		view,
		options: { terms: options.terms, frequencies: options.frequencies, latestFirstDate: options.latestFirstDate, fee: options.fee },
		choice,
		startDays: days,
		preview: check.ok ? check.schedule : null,
		refusal: check.ok ? null : { field: check.field, reason: check.reason }
	};
};

export const actions: Actions = {
	default: async ({ request, params, url, locals, cookies, getClientAddress }) => {
		const database = await db();
		const who = await portal.guardedHolder(database, params.token, cookies);
		if (!who) return wrongLink(database, getClientAddress());
		const form = Object.fromEntries(await request.formData());
		const parsed = planChoice.safeParse(form);
		if (!parsed.success) return fail(400, { refusal: { field: parsed.error.issues[0].path[0] as string, reason: 'invalid' }, form });
		const choice = parsed.data;
		// With an agency, a plan is theirs to agree: the page offers none, and none is made here.
		if (!(await handover.mayOnPage(database, who.debtorId)).arrange) redirect(303, url.pathname.replace(/\/plan$/, ''));
		const firstDate = paydayFirstDate(who.policy, today(), choice.payday).date;
		const outcome = await plans.confirm(
			database,
			who,
			{ terms: choice.terms, frequency: choice.frequency, firstDate, collection: choice.collection },
			{ origin: config().origin, locale: locals.locale }
		);
		const overview = url.pathname.replace(/\/plan$/, '');
		if (outcome.kind === 'checkout' || outcome.kind === 'active') offerPushNext(cookies, params.token, url);
		switch (outcome.kind) {
			case 'checkout':
				rememberOverview(cookies, params.token, url);
				return redirect(303, outcome.url);
			case 'active':
			case 'nothing_to_pay':
			case 'in_progress':
				return redirect(303, overview);
			case 'not_allowed':
				return fail(400, { refusal: { field: outcome.field, reason: outcome.reason }, form });
			default:
				return fail(503, { refusal: { field: null, reason: outcome.kind }, form });
		}
	}
};

// The assistant at its own address: each turn a plain form post, the conversation rendered here on the server.
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import { CHOICES, choicesFor, opening } from '$lib/domain/assistant/conversation';
import { toned } from '$lib/copy';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import * as assistant from '$lib/server/assistant/service';
import { understands } from '$lib/server/assistant/nlu';
import { wrongLink } from '$lib/server/portal/guard';
import * as portal from '$lib/server/portal/service';
import { rememberOverview } from '$lib/server/portal/return';
import { rememberLocale, speakToDebtor } from '$lib/server/portal/locale';
import { offerPushNext } from '$lib/server/push/offer';
import { isLocale, type Locale } from '$lib/schemas/locale';
import type { Tone } from '$lib/domain/tone';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ params, request, url, locals, cookies, getClientAddress }) => {
	const database = await db();
	const page = await portal.openPage(database, params.token, { locale: locals.locale, cookies });
	if (page.state === 'invalid') return wrongLink(database, getClientAddress());
	if (page.state === 'locked') redirect(303, `/d/${params.token}/confirm`);
	speakToDebtor({ locals, cookies, request, url }, page);
	const facts = await assistant.factsOf(database, page.holder, page.view);
	const turns = await assistant.conversation(database, page.holder.debtorId);
	const last = [...turns].reverse().find((t) => t.state)?.state ?? null;
	return {
		brand: page.view.brand,
		tone: page.view.tone,
		merchant: page.view.brand.displayName,
		opening: opening(facts),
		turns: turns.map((t) => ({ id: t.id, author: t.author, text: t.text, reply: t.reply })),
		pending: last?.pending ?? null,
		choices: choicesFor(facts),
		typed: understands(locals.locale)
	};
};

const words = z.object({ text: z.string().trim().min(1).max(500) });
const choice = z.object({ choice: z.enum([...CHOICES, 'no']) });
const confirmed = z.object({
	kind: z.enum(['pay', 'promise', 'plan']),
	date: z.string().max(10).optional(),
	amountCents: z.coerce.number().int().min(0).max(100_000_000).optional(),
	terms: z.coerce.number().int().min(1).max(60).optional(),
	frequency: z.enum(['weekly', 'biweekly', 'monthly']).optional(),
	payday: z.coerce.number().int().min(1).max(31).optional()
});

async function holderAndView(event: RequestEvent) {
	const database = await db();
	const who = await portal.guardedHolder(database, event.params.token, event.cookies);
	// The page's own view, read again without counting another visit.
	const view = who ? ((await portal.viewOfDebtor(database, who.debtorId))?.view ?? null) : null;
	return { database, who, view };
}

const here = (event: RequestEvent) => `${event.url.pathname}#latest`;

async function act(
	event: RequestEvent,
	database: Awaited<ReturnType<typeof db>>,
	who: NonNullable<Awaited<ReturnType<typeof portal.guardedHolder>>>,
	posted: assistant.Confirmed | 'as_proposed'
) {
	const outcome = await assistant.confirm(database, who, posted, { origin: config().origin, locale: event.locals.locale });
	switch (outcome.kind) {
		case 'promised':
			offerPushNext(event.cookies, event.params.token, event.url);
			return redirect(303, here(event));
		case 'checkout':
			rememberOverview(event.cookies, event.params.token, event.url);
			return redirect(303, outcome.url);
		case 'plan_form': {
			const query = new URLSearchParams({
				terms: String(outcome.terms),
				frequency: outcome.frequency,
				payday: String(outcome.payday),
				collection: 'direct_debit'
			});
			return redirect(303, `/d/${event.params.token}/plan?${query}`);
		}
		case 'refused':
			return fail(400, { problem: 'refused' as const });
		case 'failed':
			return fail(outcome.reason === 'unavailable' ? 503 : 409, { problem: 'busy' as const });
	}
}

async function turn(event: RequestEvent, said: (tone: Tone) => assistant.Said) {
	const { database, who, view } = await holderAndView(event);
	if (!who || !view) return wrongLink(database, event.getClientAddress());
	const outcome = await assistant.say(database, who, view, said(view.tone), event.locals.locale);
	switch (outcome.kind) {
		case 'too_many':
			return fail(429, { problem: 'too_many' as const });
		case 'switch': {
			const to: Locale = isLocale(outcome.locale) ? outcome.locale : event.locals.locale;
			await portal.switchLanguage(database, who, { from: event.locals.locale, to });
			rememberLocale(event.cookies, to, event.url);
			return redirect(303, here(event));
		}
		case 'act':
			return act(event, database, who, 'as_proposed');
		case 'replied':
			return redirect(303, here(event));
	}
}

export const actions: Actions = {
	say: async (event) => {
		const parsed = words.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { problem: 'empty' as const });
		return turn(event, () => ({ text: parsed.data.text }));
	},
	choose: async (event) => {
		const parsed = choice.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { problem: 'refused' as const });
		const picked = parsed.data.choice;
		// The tap is kept in the conversation as the button's own words.
		return turn(event, (tone) => ({ choice: picked, words: toned(tone, picked === 'no' ? 'assistant_no' : `assistant_choice_${picked}`) }));
	},
	confirm: async (event) => {
		const parsed = confirmed.safeParse(Object.fromEntries(await event.request.formData()));
		const { database, who } = await holderAndView(event);
		if (!who) return wrongLink(database, event.getClientAddress());
		if (!parsed.success) return fail(400, { problem: 'refused' as const });
		return act(event, database, who, parsed.data);
	}
};

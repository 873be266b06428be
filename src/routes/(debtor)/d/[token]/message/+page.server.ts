// "I already paid", "I don't agree", "I have a question": a message to support, optionally with proof.
import { fail, redirect } from '@sveltejs/kit';
import { MESSAGE_KINDS, type MessageKind } from '$lib/domain/message';
import { messageForm, type MessageFormProblem } from '$lib/schemas/message';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { vapidKeys } from '$lib/server/push/keys';
import * as push from '$lib/server/push/service';
import { wrongLink } from '$lib/server/portal/guard';
import * as portal from '$lib/server/portal/service';
import * as attachments from '$lib/server/support/attachments';
import * as messages from '$lib/server/support/messages';
import { speakToDebtor } from '$lib/server/portal/locale';
import type { Actions, PageServerLoad } from './$types';

const kindOf = (value: string | null): MessageKind | null => MESSAGE_KINDS.find((k) => k === value) ?? null;

export const load: PageServerLoad = async ({ params, request, url, locals, cookies, getClientAddress }) => {
	const database = await db();
	// One lookup: the privacy gate, the view, and the visit (see portal.openPage).
	const page = await portal.openPage(database, params.token, { locale: locals.locale, cookies });
	if (page.state === 'invalid') return wrongLink(database, getClientAddress());
	if (page.state === 'locked') redirect(303, `/d/${params.token}/confirm`);
	speakToDebtor({ locals, cookies, request, url }, page);
	const { view } = page;
	const sentId = url.searchParams.get('sent');
	const sent = sentId ? (view.messages.find((m) => m.id === sentId) ?? null) : null;
	return {
		brand: view.brand,
		tone: view.tone,
		claims: view.balance.open.map((c) => ({
			id: c.id,
			reference: c.reference,
			description: c.description,
			amountCents: c.amountCents,
			currency: c.currency
		})),
		kind: kindOf(url.searchParams.get('kind')),
		sent: sent && { kind: sent.kind, reference: sent.reference },
		// After sending, the page offers a push when the answer comes (and the key only then: nothing on arrival).
		pushKey: sent && !(await push.isOn(database, page.holder.debtorId)) ? (await vapidKeys(database, config())).publicKey : null
	};
};

type Problem = MessageFormProblem | attachments.AttachmentProblem | 'message_error_too_many';

export const actions: Actions = {
	default: async ({ request, params, cookies, url, getClientAddress }) => {
		const database = await db();
		const who = await portal.guardedHolder(database, params.token, cookies);
		if (!who) return wrongLink(database, getClientAddress());
		const form = await request.formData();
		const values = {
			kind: String(form.get('kind') ?? ''),
			claimId: String(form.get('claimId') ?? ''),
			body: String(form.get('body') ?? '')
		};
		const file = form.get('attachment');
		const chosen = file instanceof File && (file.size > 0 || file.name !== '');
		const echo = (problem: Problem, field: string, status = 400) =>
			fail(status, { problem, field, values: { ...values, body: values.body.slice(0, 4000) }, fileChosen: chosen });

		const parsed = messageForm.safeParse(values);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return echo(issue.message as MessageFormProblem, String(issue.path[0] ?? 'kind'));
		}
		let attachment: attachments.CheckedAttachment | null = null;
		if (chosen) {
			const checked = await attachments.check(file.name, new Uint8Array(await file.arrayBuffer()));
			if (!checked.ok) return echo(checked.problem, 'attachment', checked.problem === 'attachment_too_large' ? 413 : 400);
			attachment = checked.file;
		}
		const sent = await messages.send(database, who, { ...parsed.data, attachment });
		if (!sent.ok && sent.problem === 'too_many') return echo('message_error_too_many', 'body', 429);
		if (!sent.ok) return echo('message_error_claim', 'claimId');
		redirect(303, `${url.pathname}?sent=${sent.messageId}`);
	}
};

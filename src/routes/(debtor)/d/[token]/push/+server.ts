// "Remind me on this phone": the page's small script posts the browser's push subscription here, behind the
// personal link (and its privacy check). Bad input is a 400 that says what is wrong, never a 500.
import { json } from '@sveltejs/kit';
import { pushSubscription } from '$lib/schemas/push';
import { config } from '$lib/server/config';
import { isCrossSite } from '$lib/server/csrf';
import { db } from '$lib/server/db';
import { wrongLink } from '$lib/server/portal/guard';
import * as push from '$lib/server/push/service';
import type { RequestHandler } from './$types';

const MAX_BODY = 4096;

export const POST: RequestHandler = async ({ request, params, url, cookies, getClientAddress }) => {
	if (isCrossSite(request, url)) return json({ message: 'cross-site requests are refused' }, { status: 403 });
	const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
	if (type !== 'application/json') return json({ message: 'send the subscription as application/json' }, { status: 415 });
	const database = await db();
	const owner = await push.ownerOf(database, params.token, cookies);
	if (owner === null) return wrongLink(database, getClientAddress());
	if (owner === 'locked') return json({ message: 'confirm it is you on the page first' }, { status: 403 });
	const text = await request.text();
	if (text.length > MAX_BODY) return json({ message: 'the subscription is too large' }, { status: 400 });
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		return json({ message: 'the body is not JSON' }, { status: 400 });
	}
	const parsed = pushSubscription.safeParse(body);
	if (!parsed.success) return json({ message: parsed.error.issues[0]?.message ?? 'invalid subscription' }, { status: 400 });
	const result = await push.subscribe(database, owner, parsed.data, { allowLoopback: config().push.allowLoopback });
	if (!result.ok) return json({ message: result.message }, { status: result.problem === 'too_many' ? 409 : 400 });
	return json({ ok: true }, { status: result.created ? 201 : 200 });
};

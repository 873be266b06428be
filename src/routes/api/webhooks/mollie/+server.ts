// Mollie's webhook: a form post with only `id=tr_…`, no signature. We trust nothing in it and ask Mollie.
import { z } from 'zod';
import { db } from '$lib/server/db';
import * as settlement from '$lib/server/settlement/service';
import type { RequestHandler } from './$types';

const body = z.object({ id: z.string().regex(/^tr_[A-Za-z0-9]{1,64}$/) });
/** Whose account to ask about a payment we never stored (set on subscriptions' webhook URLs); only a hint. */
const merchant = z.uuid().nullable().catch(null);

export const POST: RequestHandler = async ({ request, url }) => {
	const form = body.safeParse(Object.fromEntries(await request.formData().catch(() => new FormData())));
	// Garbage changes nothing; answering 200 tells a prober nothing either.
	if (!form.success) return new Response(null, { status: 200 });
	const outcome = await settlement.onWebhook(await db(), form.data.id, merchant.parse(url.searchParams.get('m')));
	// 503 makes Mollie try again later, when it could not be asked what happened.
	return new Response(null, { status: outcome === 'retry' ? 503 : 200 });
};

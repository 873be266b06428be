// Owner only: a fresh personal link for every debtor, as a CSV download. Every old link stops working,
// so it answers only a POST from the confirmation form on /console/links.
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { requireOwner } from '$lib/server/accounts/handle';
import { config } from '$lib/server/config';
import * as consoleService from '$lib/server/console/service';
import { db } from '$lib/server/db';
import { linkMessage, voiceOf } from '$lib/server/merchants/messages';
import type { RequestHandler } from './$types';

const confirmation = z.object({ confirm: z.literal('yes') });

export const POST: RequestHandler = async ({ request, locals }) => {
	const scope = requireOwner(locals);
	if (!confirmation.safeParse(Object.fromEntries(await request.formData())).success) error(400, 'confirm');
	const c = config();
	const rows = await consoleService.newLinksForAll(await db(), scope, c.linkTtlDays, c.origin);
	// With each link, a message to send it with: in the debtor's language, the merchant's tone, signed with its sender name.
	const voice = await voiceOf(await db(), scope.merchantId);
	const csv = consoleService.toCsv(
		['customer_ref', 'name', 'email', 'link', 'message'],
		rows.map((r) => [
			r.customerRef,
			r.name,
			r.email,
			r.url,
			linkMessage(voice.sender, { name: r.name, locale: voice.locales.get(r.customerRef) ?? null }, r.url)
		])
	);
	const day = new Date().toISOString().slice(0, 10);
	// A byte-order mark, so spreadsheet programs read names such as "Yılmaz" as UTF-8.
	return new Response(`\ufeff${csv}`, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="coulant-links-${day}.csv"`,
			'Cache-Control': 'no-store'
		}
	});
};

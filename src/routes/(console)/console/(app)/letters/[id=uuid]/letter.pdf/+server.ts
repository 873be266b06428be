// One letter as PDF, shown in the browser (printed or not); only the signed-in merchant's own.
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/accounts/handle';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { letterPdf } from '$lib/server/letters/service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const scope = requireUser(locals);
	const c = config();
	const pdf = await letterPdf(await db(), scope, params.id, { origin: c.origin, linkTtlDays: c.linkTtlDays });
	if (!pdf) error(404, 'not_found');
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="brief-${params.id.slice(0, 8)}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};

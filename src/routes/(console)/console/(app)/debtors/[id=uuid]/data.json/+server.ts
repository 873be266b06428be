// "Gegevens downloaden": everything Coulant holds about this debtor at the signed-in merchant, as a JSON download.
// A POST (a form button), so no link preview or prefetch makes an export; the timeline records that it was made.
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import { exportFor } from '$lib/server/privacy/export';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ locals, params }) => {
	const scope = requireUser(locals);
	const data = await exportFor(await db(), scope.merchantId, params.id, { actor: `user:${scope.userId}` });
	if (!data) error(404, 'not_found');
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="coulant-gegevens-${params.id}.json"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};

// The evidence pack as sealed at hand-over, for the merchant's own hand-overs only (anyone else's is a 404).
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import * as handover from '$lib/server/handover/service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const scope = requireUser(locals);
	const pack = await handover.evidence(await db(), scope, params.id);
	if (!pack?.evidence) error(404, 'not_found');
	return new Response(pack.evidence as Uint8Array<ArrayBuffer>, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="bewijsdossier-${params.id.slice(0, 8)}.zip"`,
			'x-evidence-head': pack.head ?? '',
			'x-evidence-sha256': pack.sha256 ?? '',
			'cache-control': 'private, no-store'
		}
	});
};

// A debtor's attachment, for staff of the debtor's merchant only. Always a download, never rendered in our origin.
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import * as messages from '$lib/server/support/messages';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params }) => {
	const scope = requireUser(locals);
	const file = await messages.attachment(await db(), scope.merchantId, params.id, params.attachmentId);
	if (!file) error(404, 'not_found');
	return new Response(file.body instanceof Uint8Array ? Buffer.from(file.body) : file.body, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.fileName.replace(/[^\w.\- ]/g, '_')}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store',
			'content-security-policy': "default-src 'none'; sandbox"
		}
	});
};

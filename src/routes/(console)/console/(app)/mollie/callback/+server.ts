// Where Mollie sends the merchant back after the authorize step: ?code=…&state=… (or ?error=access_denied).
import { redirect } from '@sveltejs/kit';
import { requireOwner } from '$lib/server/accounts/handle';
import { db } from '$lib/server/db';
import * as connect from '$lib/server/tenants/connect';
import { takeState } from '../state';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, cookies }) => {
	const scope = requireOwner(locals);
	const stateOk = takeState(cookies, url.searchParams.get('state'), scope.merchantId);
	if (!stateOk) redirect(303, '/console/mollie?problem=tenants_error_oauth_state');
	if (url.searchParams.get('error')) redirect(303, '/console/mollie?problem=tenants_error_oauth_denied');
	const code = url.searchParams.get('code') ?? '';
	if (!/^[\w-]{1,200}$/.test(code)) redirect(303, '/console/mollie?problem=tenants_error_oauth_refused');
	const done = await connect.completeOAuth(await db(), scope.merchantId, code);
	if (!done.ok) {
		const problem = done.problem === 'unavailable' ? 'tenants_error_mollie_unavailable' : 'tenants_error_oauth_refused';
		redirect(303, `/console/mollie?problem=${problem}`);
	}
	redirect(303, '/console/mollie?done=choose');
};

import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/accounts/handle';
import { config } from '$lib/server/config';
import * as consoleService from '$lib/server/console/service';
import { db } from '$lib/server/db';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const scope = requireUser(locals);
	const found = await consoleService.debtor(await db(), scope, params.id);
	// Another merchant's debtor is simply not there: the same 404 as an id that does not exist.
	if (!found) error(404, 'not_found');
	return found;
};

export const actions: Actions = {
	newLink: async ({ locals, params }) => {
		const scope = requireUser(locals);
		const c = config();
		const issued = await consoleService.newLink(await db(), scope, params.id, c.linkTtlDays);
		if (!issued) error(404, 'not_found');
		const url = `${c.origin}/d/${issued.token}`;
		// Shown once, in this response only: the token is stored nowhere but in the link itself.
		return { link: { url, expiresOn: issued.expiresAt.toISOString().slice(0, 10), ...(await consoleService.qrCodes(url)) } };
	}
};

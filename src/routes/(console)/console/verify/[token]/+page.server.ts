import { db } from '$lib/server/db';
import * as signup from '$lib/server/tenants/signup';
import type { PageServerLoad } from './$types';

// Opening the link proves the address, on any device, signed in or not. A GET that changes state is the norm for
// such links; the token is single-use, so a mail scanner that opens it first only does what the owner would have.
export const load: PageServerLoad = async ({ params }) => {
	const result = await signup.verify(await db(), params.token);
	return { verified: result.kind === 'ok' };
};

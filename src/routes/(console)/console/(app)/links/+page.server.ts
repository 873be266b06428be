import { requireOwner } from '$lib/server/accounts/handle';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	requireOwner(locals);
};

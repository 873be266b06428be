import { requireUser } from '$lib/server/accounts/handle';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	requireUser(locals);
	const { name, role, merchantName } = locals.user!;
	return { me: { name, role, merchantName } };
};

import { getPlans } from '$lib/server/api/verbs';
import { context } from '../../../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, params }) => getPlans(await context(), request, params.reference);

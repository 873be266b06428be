import { getDebtor } from '$lib/server/api/handlers';
import { patchDebtor } from '$lib/server/api/verbs';
import { context } from '../../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, params }) => getDebtor(await context(), request, params.customer_ref);
export const PATCH: RequestHandler = async ({ request, params }) => patchDebtor(await context(), request, params.customer_ref);

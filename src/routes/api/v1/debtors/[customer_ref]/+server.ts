import { getDebtor } from '$lib/server/api/handlers';
import { context } from '../../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, params }) => getDebtor(await context(), request, params.customer_ref);

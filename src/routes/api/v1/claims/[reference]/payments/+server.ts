import { getPayments } from '$lib/server/api/verbs';
import { context } from '../../../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, params }) => getPayments(await context(), request, params.reference);

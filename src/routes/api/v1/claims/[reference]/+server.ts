import { getClaim } from '$lib/server/api/handlers';
import { context } from '../../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, params }) => getClaim(await context(), request, params.reference);

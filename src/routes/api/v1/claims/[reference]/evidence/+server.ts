import { getEvidence } from '$lib/server/api/evidence';
import { context } from '../../../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request, params }) => getEvidence(await context(), request, params.reference);

import { postClaims } from '$lib/server/api/handlers';
import { context } from '../context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request }) => postClaims(await context(), request);

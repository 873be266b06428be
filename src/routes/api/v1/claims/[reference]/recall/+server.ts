import { postRecall } from '$lib/server/api/verbs';
import { context } from '../../../context';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ request, params }) => postRecall(await context(), request, params.reference);

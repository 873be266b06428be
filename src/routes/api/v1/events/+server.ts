import { getEvents } from '$lib/server/api/events';
import { context } from '../context';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ request }) => getEvents(await context(), request);

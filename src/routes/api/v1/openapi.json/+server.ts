import { json } from '@sveltejs/kit';
import { openapi } from '$lib/server/api/openapi';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => json(openapi, { headers: { 'cache-control': 'public, max-age=300' } });

import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { db } from '$lib/server/db';
import * as brand from '$lib/server/merchants/brand';
import type { RequestHandler } from './$types';

const params = z.object({ merchantId: z.uuid(), hash: z.string().regex(/^[0-9a-f]{16}$/) });

export const GET: RequestHandler = async (event) => {
	const parsed = params.safeParse(event.params);
	if (!parsed.success) error(404, 'not_found');
	const logo = await brand.logo(await db(), parsed.data.merchantId, parsed.data.hash);
	if (!logo) error(404, 'not_found');
	return new Response(Buffer.from(logo.bytes), {
		headers: {
			'Content-Type': logo.type,
			// The URL names the content's hash, so it can be cached for good.
			'Cache-Control': 'public, max-age=31536000, immutable',
			// An SVG opened on its own must not run anything.
			'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox"
		}
	});
};

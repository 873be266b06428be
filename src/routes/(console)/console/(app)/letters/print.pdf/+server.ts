// The print file: one PDF of every letter handed over by `until` and still owed, streamed as it is written.
import { PassThrough, Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/accounts/handle';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { writePrintFile } from '$lib/server/letters/service';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url }) => {
	const scope = requireUser(locals);
	const raw = url.searchParams.get('until');
	const until = raw && !Number.isNaN(Date.parse(raw)) ? new Date(raw) : null;
	if (!until) error(400, 'until');
	const c = config();
	const out = new PassThrough();
	const conn = await db();
	const duplex = url.searchParams.get('duplex') === '1';
	writePrintFile(conn, scope, until, out, { origin: c.origin, linkTtlDays: c.linkTtlDays, duplex }).catch((e: unknown) => {
		// The headers are gone: a broken stream is what the browser can still be told.
		console.error('letters: the print file failed', (e as Error)?.message);
		out.destroy(e as Error);
	});
	return new Response(Readable.toWeb(out) as ReadableStream, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="brieven-${until.toISOString().slice(0, 10)}.pdf"`,
			'cache-control': 'no-store'
		}
	});
};

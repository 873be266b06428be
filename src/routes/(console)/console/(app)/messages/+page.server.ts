// "Verzonden berichten": what went out (or is on its way) to the merchant's debtors, newest first, by status.
import { requireUser } from '$lib/server/accounts/handle';
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { listMessages, OUTBOX_STATUSES } from '$lib/server/outreach/console';
import type { OutboxStatus } from '$lib/server/db/schema';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const scope = requireUser(locals);
	const status = OUTBOX_STATUSES.find((s) => s === url.searchParams.get('status')) as OutboxStatus | undefined;
	const [at, id] = (url.searchParams.get('before') ?? '').split('_');
	const before = at && id && !Number.isNaN(Date.parse(at)) && /^[0-9a-f-]{36}$/i.test(id) ? { at: new Date(at), id } : undefined;
	const page = await listMessages(await db(), scope, { status, before });
	const last = page.rows.at(-1);
	return {
		status: status ?? null,
		statuses: OUTBOX_STATUSES,
		transport: config().mail.transport,
		messages: page.rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), sentAt: r.sentAt?.toISOString() ?? null })),
		next: page.more && last ? `${last.createdAt.toISOString()}_${last.id}` : null
	};
};

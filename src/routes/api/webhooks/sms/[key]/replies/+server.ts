// CM.com's incoming messages (JSON): a debtor's STOP stops reminders by text message, START turns them on again.
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { enabledChannels } from '$lib/server/outreach/service';
import { onReply } from '$lib/server/sms/service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request }) =>
	onReply({ db: await db(), key: params.key, origin: config().origin, channels: enabledChannels() }, request);

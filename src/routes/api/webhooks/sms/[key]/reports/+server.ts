// CM.com's status reports (JSON): delivered, or failed — then a "preferred" step goes on by the next channel.
import { config } from '$lib/server/config';
import { db } from '$lib/server/db';
import { enabledChannels } from '$lib/server/outreach/service';
import { onReport } from '$lib/server/sms/service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async ({ params, request }) =>
	onReport({ db: await db(), key: params.key, origin: config().origin, channels: enabledChannels() }, request);

// Text messages as the rest of the server sees them: where they go (CM.com, or the local stand-in started here), the
// channel for the registry, and the two webhooks CM calls — status reports and replies — at addresses that carry a
// key derived from the installation's secret, so nobody else can post a report or a STOP that counts.
import type { Channel } from '../../domain/outreach/channels';
import { outreachOf } from '../../domain/outreach/settings';
import { CM_STANDIN_TOKEN, startCmStandin, type CmStandin } from '../cm-standin/server';
import type { Config } from '../config';
import type { Db } from '../db/client';
import type { ChannelSender } from '../outreach/channels';
import { keyedHash } from '../secrets';
import { cmChannel, type CmConnection } from './cm';
import { applyReply, applyReport, reply, statusReport } from './reports';

let standin: CmStandin | undefined;

/** The key in the webhook addresses; the same in every process of the installation. */
export const webhookKey = async (db: Db) => (await keyedHash(db, 'sms-webhook', 'cm')).slice(0, 32);

export const webhookUrls = (origin: string, key: string) => ({
	reports: `${origin}/api/webhooks/sms/${key}/reports`,
	replies: `${origin}/api/webhooks/sms/${key}/replies`
});

/** Starts the local CM stand-in when no product token is set (the demo, tests), its reports posted to this server. */
export async function startSms(db: Db, c: Config): Promise<CmStandin | null> {
	if (c.sms.provider !== 'standin') return null;
	standin ??= await startCmStandin();
	standin.webhooks(webhookUrls(c.origin, await webhookKey(db)));
	return standin;
}

export async function stopSms() {
	await standin?.close();
	standin = undefined;
}

export function smsConnection(c: Config): CmConnection | null {
	if (c.sms.provider === 'cm') return { productToken: c.sms.productToken, baseUrl: c.sms.baseUrl };
	if (c.sms.provider === 'standin' && standin) return { productToken: CM_STANDIN_TOKEN, baseUrl: standin.url };
	return null;
}

/** The registry's SMS channel, priced at the merchant's cost per part. */
export function smsChannel(conn: CmConnection): ChannelSender {
	return cmChannel(conn, (m) => outreachOf(m.outreach).policy.costs.smsCents);
}

type Hook = { db: Db; key: string; origin: string; channels: readonly Channel[] };

async function keyMatches(h: Hook) {
	return h.key.length === 32 && h.key === (await webhookKey(h.db));
}

/** POST …/reports: a status report. A wrong key or a body that makes no sense changes nothing (and says nothing). */
export async function onReport(h: Hook, request: Request): Promise<Response> {
	if (!(await keyMatches(h))) return new Response(null, { status: 404 });
	const parsed = statusReport.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return new Response(null, { status: 200 });
	await applyReport(h.db, parsed.data, { origin: h.origin, channels: h.channels });
	return new Response(null, { status: 200 });
}

/** POST …/replies: a debtor's reply. */
export async function onReply(h: Hook, request: Request): Promise<Response> {
	if (!(await keyMatches(h))) return new Response(null, { status: 404 });
	const parsed = reply.safeParse(await request.json().catch(() => null));
	if (!parsed.success) return new Response(null, { status: 200 });
	await applyReply(h.db, parsed.data);
	return new Response(null, { status: 200 });
}

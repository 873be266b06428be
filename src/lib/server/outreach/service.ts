// The outreach as the rest of the server sees it: plan, follow the timeline's events, send — each safe to run in
// several processes at once and again after a crash.
import type { Channel } from '../../domain/outreach/channels';
import { outreachOf } from '../../domain/outreach/settings';
import { config, mailDomain, type Config } from '../config';
import type { Db } from '../db/client';
import { db } from '../db';
import { pushChannel } from '../push/channel';
import { vapidKeys } from '../push/keys';
import { smsChannel, smsConnection } from '../sms/service';
import { closeChannels, emailChannel, letterChannel, type Channels } from './channels';
import { followEvents } from './events';
import { planAll } from './plan';
import { sendDue } from './send';
import { localTransport, smtpTransport } from './transport';

let registry: Channels | undefined;

/**
 * The process's channels, made once (nodemailer's pool keeps its connections between runs). To add a channel, add its
 * sender here: `{ channel, deliver(delivery), onPermanentFailure? }` (see channels.ts).
 */
export function channelsFor(c: Config = config()): Channels {
	if (c.mail.transport === 'none') return {};
	if (!registry) {
		const sms = smsConnection(c);
		registry = {
			email: emailChannel(c.mail.transport === 'smtp' ? smtpTransport(c.mail.smtpUrl) : localTransport, c.mail.from),
			...(sms ? { sms: smsChannel(sms) } : {}),
			letter: letterChannel((m) => outreachOf(m.outreach).policy.costs.letterCents),
			push: pushChannel({ db, vapid: async () => vapidKeys(await db(), c), allowLoopback: c.push.allowLoopback })
		};
	}
	return registry;
}

/** The channels this installation delivers, for the planner: a step never goes by one that is not among them. */
export const enabledChannels = (c: Config = config()): Channel[] => Object.keys(channelsFor(c)) as Channel[];

export function closeTransport() {
	if (registry) closeChannels(registry);
	registry = undefined;
}

/** Why the journeys do not run, or null when they do. */
export function whyNotSending(c: Pick<Config, 'mail'> = config()): string | null {
	return c.mail.transport === 'none' ? 'set SMTP_URL (smtp://user:password@host:587) to send reminders and notices by e-mail' : null;
}

const options = (c: Config) => ({ origin: c.origin, mailDomain: mailDomain(c), channels: enabledChannels(c) });

export const plan = (db: Db, now = new Date(), c = config()) => planAll(db, options(c), now);
export const follow = (db: Db, now = new Date(), c = config()) => followEvents(db, options(c), now);

export async function send(db: Db, now: () => Date = () => new Date(), c = config()) {
	const channels = channelsFor(c);
	if (!channels.email) return null;
	return sendDue(db, { channels, origin: c.origin, mailFrom: c.mail.from, linkTtlDays: c.linkTtlDays }, now);
}

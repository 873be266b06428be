// The outreach as the rest of the server sees it: plan, follow the timeline's events, send — each safe to run in
// several processes at once and again after a crash.
import { config, mailDomain, type Config } from '../config';
import type { Db } from '../db/client';
import { followEvents } from './events';
import { planAll } from './plan';
import { sendDue } from './send';
import { localTransport, smtpTransport, type Transport } from './transport';

let transport: Transport | undefined;

/** The process's transport, made once: nodemailer's pool keeps its connections between runs. */
export function transportFor(c: Pick<Config, 'mail'> = config()): Transport | null {
	if (c.mail.transport === 'none') return null;
	transport ??= c.mail.transport === 'smtp' ? smtpTransport(c.mail.smtpUrl) : localTransport;
	return transport;
}

export function closeTransport() {
	transport?.close();
	transport = undefined;
}

/** Why the journeys do not run, or null when they do. */
export function whyNotSending(c: Pick<Config, 'mail'> = config()): string | null {
	return c.mail.transport === 'none' ? 'set SMTP_URL (smtp://user:password@host:587) to send reminders and notices by e-mail' : null;
}

const options = (c: Config) => ({ origin: c.origin, mailDomain: mailDomain(c) });

export const plan = (db: Db, now = new Date(), c = config()) => planAll(db, options(c), now);
export const follow = (db: Db, now = new Date(), c = config()) => followEvents(db, options(c), now);

export async function send(db: Db, now: () => Date = () => new Date(), c = config()) {
	const t = transportFor(c);
	if (!t) return null;
	return sendDue(db, { transport: t, origin: c.origin, mailFrom: c.mail.from, linkTtlDays: c.linkTtlDays }, now);
}

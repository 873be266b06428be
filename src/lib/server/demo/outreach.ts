// The demo shows the product at work: the demo debtors' last weeks of reminders and receipts are in the local outbox
// after `npm start`, as the journey would have sent them day by day. Replayed through the real engine (planning,
// the timeline's notices, the sender with the local transport) on past days; the outbox's keys make a restart add
// only what is new.
import type { Channel } from '../../domain/outreach/channels';
import type { Db } from '../db/client';
import type { Channels } from '../outreach/channels';
import { followEvents } from '../outreach/events';
import { planAll } from '../outreach/plan';
import { sendDue } from '../outreach/send';

const DAYS_BACK = 28;

export async function replayDemoOutreach(
	db: Db,
	c: { origin: string; mailDomain: string; from: string; linkTtlDays: number; channels: Channels },
	now = new Date()
) {
	const options = { origin: c.origin, mailDomain: c.mailDomain, channels: Object.keys(c.channels) as Channel[] };
	const send = (at: Date) =>
		sendDue(db, { channels: c.channels, origin: c.origin, mailFrom: c.from, linkTtlDays: c.linkTtlDays }, () => at);
	let sent = 0;
	for (let n = DAYS_BACK; n >= 1; n--) {
		// Half past ten on the Amsterdam clock that day: inside every default sending window but Sunday's.
		const at = new Date(now.getTime() - n * 86_400_000);
		at.setUTCHours(9, 30, 0, 0);
		await planAll(db, options, at);
		sent += (await send(at)).sent;
	}
	await followEvents(db, options, now);
	sent += (await send(now)).sent;
	return sent;
}

// The channel registry: for each channel, how a claimed outbox row is delivered and what a permanent failure means
// for the debtor's address. The sender (send.ts) claims only rows of the channels registered in its process, so a
// channel nobody delivers waits in the outbox instead of being lost.
//   email  — nodemailer over SMTP, or the demo's local outbox (transport.ts)
//   sms    — CM.com's official SDK, or its local stand-in (server/sms)
//   letter — handed to the print queue (transport 'print'); the letters module renders the PDF from the row at print time
//   push   — web push to the debtor link's subscriptions (the push module registers its sender here)
import { sql } from 'drizzle-orm';
import type { Channel } from '../../domain/outreach/channels';
import type { Db } from '../db/client';
import type { outboxMessages } from '../db/schema';
import type { MerchantOutreachRow } from './situations';
import type { Transport } from './transport';

export type OutboxRow = typeof outboxMessages.$inferSelect;

/** One message, ready to go: the row with its links filled in. */
export type Delivery = {
	row: OutboxRow;
	merchant: MerchantOutreachRow;
	/** The stored subject, html and text with the real personal link and stop link in place of their marks. */
	subject: string;
	html: string;
	text: string;
	link: string;
	/** The one-click stop link, for messages a debtor may stop (null for notices an agreement requires). */
	unsubscribe: string | null;
};

export type Delivered =
	{ ok: true; transport: string; parts?: number; costCents?: number } | { ok: false; permanent: boolean; reason: string };

export type ChannelSender = {
	channel: Channel;
	deliver(d: Delivery): Promise<Delivered>;
	/** A permanent failure: what it says about the address (a bouncing e-mail address, a dead number). */
	onPermanentFailure?(db: Db, row: OutboxRow, reason: string, now: Date): Promise<void>;
	close?(): void;
};

export type Channels = Partial<Record<Channel, ChannelSender>>;

/** E-mail through a transport (SMTP or the local outbox). A 5xx marks the address as bouncing. */
export function emailChannel(transport: Transport, mailFrom: string): ChannelSender {
	return {
		channel: 'email',
		async deliver(d) {
			const outcome = await transport.send({
				from: { name: d.merchant.senderName ?? d.merchant.displayName, address: mailFrom },
				replyTo: d.merchant.contactEmail,
				to: d.row.toAddress,
				subject: d.subject,
				html: d.html,
				text: d.text,
				messageId: d.row.messageId,
				unsubscribe: d.unsubscribe,
				language: d.row.locale
			});
			return outcome.ok ? { ok: true, transport: transport.kind } : outcome;
		},
		async onPermanentFailure(db, row, reason, now) {
			await db.execute(sql`update debtors set email_bounced_at = ${now.toISOString()}::timestamptz, email_bounce_reason = ${reason}
				where id = ${row.debtorId} and email = ${row.toAddress}`);
		},
		close: () => transport.close()
	};
}

/**
 * Letters: "sent" means handed to the print queue. The letters module lists the day's letters from the rows with
 * channel 'letter' and transport 'print', renders each PDF from the row and the debtor's situation at print time, and
 * marks them printed. The cost is the merchant's price per letter.
 */
export function letterChannel(costCents: (m: MerchantOutreachRow) => number = () => 0): ChannelSender {
	return { channel: 'letter', deliver: async (d) => ({ ok: true, transport: 'print', costCents: costCents(d.merchant) }) };
}

export function closeChannels(channels: Channels) {
	for (const c of Object.values(channels)) c?.close?.();
}

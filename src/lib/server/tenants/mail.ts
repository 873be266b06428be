// Mail to console users (the sign-up's verification link): a row first, then sent at once over SMTP. In the demo,
// where no mail leaves the machine, the row is the delivery: the link is printed and the sign-up page shows it.
import { eq } from 'drizzle-orm';
import { config } from '../config';
import type { Db } from '../db/client';
import { accountMails } from '../db/schema';
import { smtpTransport } from '../outreach/transport';

export type Sent = { id: string; delivered: 'smtp' | 'local' | 'failed' | 'none' };

export async function sendAccountMail(db: Db, mail: { to: string; subject: string; text: string; language: string }): Promise<Sent> {
	const [row] = await db.insert(accountMails).values({ toAddress: mail.to, subject: mail.subject, text: mail.text }).returning();
	const c = config().mail;
	if (c.transport === 'none') return { id: row.id, delivered: 'none' };
	if (c.transport === 'local') {
		await db.update(accountMails).set({ sentAt: new Date() }).where(eq(accountMails.id, row.id));
		console.log(`Coulant (demo, nothing leaves this machine): mail to ${mail.to}: ${mail.subject}\n${mail.text}`);
		return { id: row.id, delivered: 'local' };
	}
	const transport = smtpTransport(c.smtpUrl, { maxConnections: 1 });
	try {
		const outcome = await transport.send({
			from: { name: 'Coulant', address: c.from },
			replyTo: null,
			to: mail.to,
			subject: mail.subject,
			html: `<p>${mail.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\n/g, '<br>')}</p>`,
			text: mail.text,
			messageId: `<account-${row.id}@${c.from.split('@')[1]}>`,
			unsubscribe: null,
			language: mail.language
		});
		await db
			.update(accountMails)
			.set(outcome.ok ? { sentAt: new Date() } : { error: outcome.reason })
			.where(eq(accountMails.id, row.id));
		return { id: row.id, delivered: outcome.ok ? 'smtp' : 'failed' };
	} finally {
		transport.close();
	}
}

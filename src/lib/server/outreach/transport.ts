// Where e-mail goes: an SMTP server through nodemailer's pooled transport, or — in the demo, without SMTP_URL — the
// local outbox, where the console shows each message as the debtor would see it and nothing leaves the machine.
import nodemailer from 'nodemailer';

export type Envelope = {
	from: { name: string; address: string };
	replyTo: string | null;
	to: string;
	subject: string;
	html: string;
	text: string;
	messageId: string;
	/** The one-click stop link (RFC 8058), for reminders. */
	unsubscribe: string | null;
	language: string;
};

export type Outcome = { ok: true } | { ok: false; permanent: boolean; reason: string };

export type Transport = { kind: 'smtp' | 'local'; send(e: Envelope): Promise<Outcome>; close(): void };

/** The local outbox: the row itself is the delivery. */
export const localTransport: Transport = { kind: 'local', send: async () => ({ ok: true }), close() {} };

/** SMTP replies: 5xx is permanent (the address does not exist, the mailbox refuses), the rest is worth a retry. */
export function classify(error: unknown): Outcome {
	const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
	const code = e.responseCode;
	const reason = (e.response ?? e.message ?? String(error)).slice(0, 300);
	if (code && code >= 500 && code < 600) return { ok: false, permanent: true, reason };
	return { ok: false, permanent: false, reason };
}

export function smtpTransport(url: string, options: { maxConnections?: number; timeoutMs?: number } = {}): Transport {
	const transporter = nodemailer.createTransport({
		url,
		pool: true,
		maxConnections: options.maxConnections ?? 5,
		maxMessages: 1000,
		connectionTimeout: options.timeoutMs ?? 10_000,
		greetingTimeout: options.timeoutMs ?? 10_000,
		socketTimeout: (options.timeoutMs ?? 10_000) * 3
	} as never);
	return {
		kind: 'smtp',
		async send(e) {
			try {
				await transporter.sendMail({
					from: e.from,
					to: e.to,
					replyTo: e.replyTo ?? undefined,
					subject: e.subject,
					html: e.html,
					text: e.text,
					messageId: e.messageId,
					headers: {
						'Content-Language': e.language,
						'Auto-Submitted': 'auto-generated',
						// RFC 8058: a mail client may offer "unsubscribe", and a POST to the link stops reminders at once.
						...(e.unsubscribe ? { 'List-Unsubscribe': `<${e.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {})
					}
				});
				return { ok: true };
			} catch (error) {
				return classify(error);
			}
		},
		close: () => transporter.close()
	};
}

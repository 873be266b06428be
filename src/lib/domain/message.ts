// Messages from a debtor to support, and what they do to collection.
export const MESSAGE_KINDS = ['already_paid', 'disagree', 'question'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type MessageStatus = 'open' | 'resolved' | 'rejected';

/** "I already paid" and "I don't agree" dispute a claim: it goes on hold until support answers. A question does not. */
export function disputes(kind: MessageKind): boolean {
	return kind !== 'question';
}

export const MAX_MESSAGE_CHARS = 2000;
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** A message as the debtor page shows it: what they sent and, once support answered, the answer. */
export type SentMessage = {
	id: string;
	kind: MessageKind;
	body: string;
	createdAt: string;
	status: MessageStatus;
	answer: string | null;
	answeredAt: string | null;
	reference: string | null;
};

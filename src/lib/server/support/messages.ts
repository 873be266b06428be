// What a debtor tells support, and support's answer. A dispute puts its claim on hold until it is answered.
import { disputes, type MessageKind, type SentMessage } from '../../domain/message';
import { isUuid } from '../../domain/uuid';
import type { Db } from '../db/client';
import type { LinkHolder } from '../links/holder';
import type { Scope } from '../accounts/scope';
import * as collect from '../plans/collect';
import * as throttle from '../throttle';
import * as timeline from '../timeline/queries';
import { randomUUID } from 'node:crypto';
import * as files from './attachment-files';
import type { CheckedAttachment } from './attachments';
import * as q from './queries';

export type NewMessage = { kind: MessageKind; claimId: string | null; body: string; attachment: CheckedAttachment | null };
export type SendOutcome =
	{ ok: true; messageId: string; held: boolean } | { ok: false; problem: 'claim_unknown' | 'claim_required' | 'too_many' };

/** Plenty for a person; a cap for a script that found a link and sends file after file. */
export const MESSAGES_PER_DAY: throttle.Limit = { scope: 'debtor-messages', limit: 10, windowSeconds: 24 * 3600 };

export async function send(
	db: Db,
	who: Pick<LinkHolder, 'debtorId' | 'merchantId'>,
	message: NewMessage,
	now = new Date()
): Promise<SendOutcome> {
	if (!(await throttle.take(db, MESSAGES_PER_DAY, who.debtorId, now)).allowed) return { ok: false, problem: 'too_many' };
	const sent = await record(db, who, message, now);
	if (sent.ok && sent.held) await collect.followHold(db, who.debtorId, now);
	return sent;
}

async function record(db: Db, who: Pick<LinkHolder, 'debtorId' | 'merchantId'>, message: NewMessage, now: Date): Promise<SendOutcome> {
	return db.transaction(async (t) => {
		let reference: string | null = null;
		if (message.claimId) {
			// Only an open claim of this debtor: a claim id from elsewhere is simply unknown.
			const claim = await q.lockOpenClaim(t, who.debtorId, message.claimId);
			if (!claim) return { ok: false, problem: 'claim_unknown' } as const;
			reference = claim.reference;
		} else if (disputes(message.kind)) {
			return { ok: false, problem: 'claim_required' } as const;
		}
		const row = await q.insertMessage(t, {
			merchantId: who.merchantId,
			debtorId: who.debtorId,
			claimId: message.claimId,
			kind: message.kind,
			body: message.body,
			createdAt: now
		});
		const file = message.attachment;
		if (file) {
			// The bytes first (object storage, when configured): a row never points at bytes that are not there. A failed
			// transaction after this leaves an object no row names; it is never served.
			const id = randomUUID();
			const { content: bytes, ...checked } = file;
			const stored = await files.save(who.merchantId, id, bytes, file.contentType);
			await q.insertAttachment(t, { ...checked, ...stored, id, merchantId: who.merchantId, messageId: row.id, createdAt: now });
		}
		const held = disputes(message.kind) && !!message.claimId;
		if (held) await q.setDisputed(t, message.claimId!, now);
		await timeline.append(t, {
			merchantId: who.merchantId,
			debtorId: who.debtorId,
			claimId: message.claimId,
			type: disputes(message.kind) ? 'dispute.opened' : 'message.received',
			actor: 'debtor',
			occurredAt: now,
			payload: {
				messageId: row.id,
				kind: message.kind,
				reference,
				// The text itself stays in the message: the event keeps a preview, within the timeline's size limit.
				preview: message.body.slice(0, 280),
				...(file ? { attachment: { name: file.fileName, type: file.contentType, size: file.sizeBytes } } : {})
			}
		});
		return { ok: true, messageId: row.id, held };
	});
}

export type Answer = { outcome: 'resolved' | 'rejected'; text: string };

/** Answers an open message of the signed-in merchant's debtor; lifts the claim's hold when no other dispute keeps it. */
export async function answer(db: Db, scope: Scope, debtorId: string, messageId: string, reply: Answer, now = new Date()) {
	const answered = await recordAnswer(db, scope, debtorId, messageId, reply, now);
	// Only a lifted hold changes what a direct debit should do.
	if (answered && answered.released) await collect.followHold(db, debtorId, now);
	return !!answered;
}

/** False when there is no such open message; else whether the answer lifted the claim's hold. */
async function recordAnswer(db: Db, scope: Scope, debtorId: string, messageId: string, reply: Answer, now: Date) {
	return db.transaction(async (t) => {
		const row = await q.answer(t, scope.merchantId, debtorId, messageId, {
			status: reply.outcome,
			answer: reply.text,
			answeredBy: scope.userId,
			answeredAt: now
		});
		if (!row) return false;
		let released = false;
		if (row.claimId && disputes(row.kind) && !(await q.stillDisputed(t, debtorId, row.claimId, row.id))) {
			await q.setDisputed(t, row.claimId, null);
			released = true;
		}
		await timeline.append(t, {
			merchantId: scope.merchantId,
			debtorId,
			claimId: row.claimId,
			type: 'message.answered',
			actor: `user:${scope.userId}`,
			occurredAt: now,
			payload: { messageId: row.id, kind: row.kind, outcome: reply.outcome, reason: reply.text, released }
		});
		return { released };
	});
}

export type MessageView = SentMessage & {
	answeredBy: string | null;
	attachment: { id: string; name: string; type: string; size: number } | null;
};

/** A debtor's messages for the console, newest first, scoped to the merchant. */
export async function forConsole(db: Db, merchantId: string, debtorId: string, limit = 50): Promise<MessageView[]> {
	const rows = await q.messagesOf(db, merchantId, debtorId, limit);
	return rows.map(({ m, reference, answeredBy, attachment }) => ({
		id: m.id,
		kind: m.kind,
		body: m.body,
		createdAt: m.createdAt.toISOString(),
		status: m.status,
		answer: m.answer,
		answeredAt: m.answeredAt?.toISOString() ?? null,
		answeredBy,
		reference,
		attachment: attachment?.id ? attachment : null
	}));
}

/** One attachment, only when it belongs to the signed-in merchant's debtor. */
export async function attachment(db: Db, merchantId: string, debtorId: string, attachmentId: string) {
	const row = isUuid(attachmentId) ? await q.attachment(db, merchantId, debtorId, attachmentId) : undefined;
	if (!row) return undefined;
	const body = await files.open(row);
	return body ? { fileName: row.fileName, contentType: row.contentType, body } : undefined;
}

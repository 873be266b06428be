// What a debtor tells support, and support's answer. A dispute puts its claim on hold until it is answered.
import { and, desc, eq, inArray, isNull, ne } from 'drizzle-orm';
import { disputes, MESSAGE_KINDS, type MessageKind, type SentMessage } from '../../domain/message';
import { isUuid } from '../../domain/uuid';
import type { Db } from '../db/client';
import type { LinkHolder } from '../links/holder';
import { claims, debtorMessages, messageAttachments, users } from '../db/schema';
import type { Scope } from '../accounts/scope';
import * as collect from '../plans/collect';
import * as throttle from '../throttle';
import * as timeline from '../timeline/queries';
import type { CheckedAttachment } from './attachments';

export type NewMessage = { kind: MessageKind; claimId: string | null; body: string; attachment: CheckedAttachment | null };
export type SendOutcome = { ok: true; messageId: string; held: boolean } | { ok: false; problem: 'claim_unknown' | 'claim_required' | 'too_many' };

/** Plenty for a person; a cap for a script that found a link and sends file after file. */
export const MESSAGES_PER_DAY: throttle.Limit = { scope: 'debtor-messages', limit: 10, windowSeconds: 24 * 3600 };

export async function send(db: Db, who: Pick<LinkHolder, 'debtorId' | 'merchantId'>, message: NewMessage, now = new Date()): Promise<SendOutcome> {
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
			const [claim] = await t
				.select({ id: claims.id, reference: claims.reference })
				.from(claims)
				.where(and(eq(claims.id, message.claimId), eq(claims.debtorId, who.debtorId), eq(claims.status, 'open')))
				.for('update');
			if (!claim) return { ok: false, problem: 'claim_unknown' } as const;
			reference = claim.reference;
		} else if (disputes(message.kind)) {
			return { ok: false, problem: 'claim_required' } as const;
		}
		const [row] = await t
			.insert(debtorMessages)
			.values({ merchantId: who.merchantId, debtorId: who.debtorId, claimId: message.claimId, kind: message.kind, body: message.body, createdAt: now })
			.returning({ id: debtorMessages.id });
		const file = message.attachment;
		if (file) await t.insert(messageAttachments).values({ ...file, merchantId: who.merchantId, messageId: row.id, createdAt: now });
		const held = disputes(message.kind) && !!message.claimId;
		if (held) {
			await t.update(claims).set({ disputedAt: now }).where(and(eq(claims.id, message.claimId!), isNull(claims.disputedAt)));
		}
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
		const [row] = await t
			.update(debtorMessages)
			.set({ status: reply.outcome, answer: reply.text, answeredBy: scope.userId, answeredAt: now })
			.where(
				and(
					eq(debtorMessages.id, messageId),
					eq(debtorMessages.debtorId, debtorId),
					eq(debtorMessages.merchantId, scope.merchantId),
					eq(debtorMessages.status, 'open')
				)
			)
			.returning({ id: debtorMessages.id, kind: debtorMessages.kind, claimId: debtorMessages.claimId });
		if (!row) return false;
		let released = false;
		if (row.claimId && disputes(row.kind)) {
			const stillDisputed = await t
				.select({ id: debtorMessages.id })
				.from(debtorMessages)
				.where(
					and(
						// By debtor too (a claim's messages are all its debtor's), so the debtor_messages_debtor index applies.
						eq(debtorMessages.debtorId, debtorId),
						eq(debtorMessages.claimId, row.claimId),
						eq(debtorMessages.status, 'open'),
						inArray(debtorMessages.kind, MESSAGE_KINDS.filter(disputes)),
						ne(debtorMessages.id, row.id)
					)
				)
				.limit(1);
			if (stillDisputed.length === 0) {
				await t.update(claims).set({ disputedAt: null }).where(eq(claims.id, row.claimId));
				released = true;
			}
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
	const rows = await db
		.select({
			m: debtorMessages,
			reference: claims.reference,
			answeredBy: users.email,
			attachment: { id: messageAttachments.id, name: messageAttachments.fileName, type: messageAttachments.contentType, size: messageAttachments.sizeBytes }
		})
		.from(debtorMessages)
		.leftJoin(claims, eq(claims.id, debtorMessages.claimId))
		.leftJoin(users, eq(users.id, debtorMessages.answeredBy))
		.leftJoin(messageAttachments, eq(messageAttachments.messageId, debtorMessages.id))
		.where(and(eq(debtorMessages.merchantId, merchantId), eq(debtorMessages.debtorId, debtorId)))
		.orderBy(desc(debtorMessages.createdAt))
		.limit(limit);
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
	if (!isUuid(attachmentId)) return undefined;
	const [row] = await db
		.select({ fileName: messageAttachments.fileName, contentType: messageAttachments.contentType, content: messageAttachments.content })
		.from(messageAttachments)
		.innerJoin(debtorMessages, eq(debtorMessages.id, messageAttachments.messageId))
		.where(and(eq(messageAttachments.id, attachmentId), eq(messageAttachments.merchantId, merchantId), eq(debtorMessages.debtorId, debtorId)))
		.limit(1);
	return row;
}

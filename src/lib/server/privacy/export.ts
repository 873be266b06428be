// A debtor's data export (art. 15 and 20 GDPR): everything Coulant holds about the person at one merchant, as JSON.
// Secrets are left out (token hashes, push keys); the download itself is put on the timeline without its content.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	assistantTurns,
	bankEntries,
	claims,
	debtorMessages,
	debtorVideos,
	debtors,
	handovers,
	instalments,
	links,
	merchants,
	messageAttachments,
	outboxMessages,
	payments,
	plans,
	promises,
	pushSubscriptions,
	timelineEvents
} from '../db/schema';
import { open as openAttachment } from '../support/attachment-files';
import * as timeline from '../timeline/queries';

export type DataExport = NonNullable<Awaited<ReturnType<typeof gather>>>;

async function gather(db: Db, merchantId: string, debtorId: string, now: Date) {
	const [d] = await db
		.select()
		.from(debtors)
		.where(and(eq(debtors.id, debtorId), eq(debtors.merchantId, merchantId)));
	if (!d) return null;
	const [m] = await db
		.select({ name: merchants.displayName, email: merchants.contactEmail })
		.from(merchants)
		.where(eq(merchants.id, merchantId));
	const mine = eq(claims.debtorId, d.id);
	const [claimRows, paymentRows, planRows, promiseRows, messageRows, sent, events, linkRows, pushRows, turns, videoRows, handoverRows] =
		await Promise.all([
			db.select().from(claims).where(mine).orderBy(asc(claims.issuedOn)),
			db.select().from(payments).where(eq(payments.debtorId, d.id)).orderBy(asc(payments.createdAt)),
			db.select().from(plans).where(eq(plans.debtorId, d.id)).orderBy(asc(plans.createdAt)),
			db.select().from(promises).where(eq(promises.debtorId, d.id)).orderBy(asc(promises.createdAt)),
			db.select().from(debtorMessages).where(eq(debtorMessages.debtorId, d.id)).orderBy(asc(debtorMessages.createdAt)),
			db.select().from(outboxMessages).where(eq(outboxMessages.debtorId, d.id)).orderBy(asc(outboxMessages.createdAt)),
			db.select().from(timelineEvents).where(eq(timelineEvents.debtorId, d.id)).orderBy(asc(timelineEvents.id)),
			db.select().from(links).where(eq(links.debtorId, d.id)).orderBy(asc(links.createdAt)),
			db.select().from(pushSubscriptions).where(eq(pushSubscriptions.debtorId, d.id)),
			db.select().from(assistantTurns).where(eq(assistantTurns.debtorId, d.id)).orderBy(asc(assistantTurns.createdAt)),
			db.select().from(debtorVideos).where(eq(debtorVideos.debtorId, d.id)),
			db.select().from(handovers).where(eq(handovers.debtorId, d.id))
		]);
	const claimIds = claimRows.map((c) => c.id);
	const [files, planInstalments, bank] = await Promise.all([
		messageRows.length
			? db
					.select()
					.from(messageAttachments)
					.where(
						inArray(
							messageAttachments.messageId,
							messageRows.map((r) => r.id)
						)
					)
			: [],
		planRows.length
			? db
					.select()
					.from(instalments)
					.where(
						inArray(
							instalments.planId,
							planRows.map((p) => p.id)
						)
					)
			: [],
		claimIds.length
			? db
					.select()
					.from(bankEntries)
					.where(and(eq(bankEntries.merchantId, merchantId), inArray(bankEntries.claimId, claimIds)))
			: []
	]);
	// An attachment's bytes are in its row or in object storage; the export holds them either way.
	const fileBytes = new Map<string, Uint8Array | null>();
	for (const f of files) {
		const opened = await openAttachment(f);
		fileBytes.set(f.id, opened instanceof ReadableStream ? new Uint8Array(await new Response(opened).arrayBuffer()) : opened);
	}
	return {
		format: 'coulant-data-export/1' as const,
		madeAt: now.toISOString(),
		controller: { name: m.name, email: m.email },
		person: {
			customerRef: d.customerRef,
			name: d.name,
			email: d.email,
			phone: d.phone,
			street: d.street,
			postcode: d.postcode,
			city: d.city,
			country: d.country,
			birthDate: d.birthDate,
			locale: d.locale,
			preferredChannel: d.preferredChannel,
			collectionPausedAt: d.collectionPausedAt,
			emailBouncedAt: d.emailBouncedAt,
			remindersStoppedAt: d.remindersStoppedAt,
			smsStoppedAt: d.smsStoppedAt,
			erasedAt: d.erasedAt,
			createdAt: d.createdAt
		},
		claims: claimRows.map(({ merchantId: _m, debtorId: _d, ...c }) => c),
		payments: paymentRows.map((p) => ({
			id: p.id,
			status: p.status,
			amountCents: p.amountCents,
			currency: p.currency,
			method: p.method,
			purpose: p.purpose,
			chargedBackCents: p.chargedBackCents,
			paidAt: p.paidAt,
			createdAt: p.createdAt
		})),
		plans: planRows.map((p) => ({
			id: p.id,
			status: p.status,
			collection: p.collection,
			frequency: p.frequency,
			currency: p.currency,
			mandateAccount: p.mandateAccount,
			createdAt: p.createdAt,
			instalments: planInstalments
				.filter((i) => i.planId === p.id)
				.sort((a, b) => a.number - b.number)
				.map(({ planId: _p, ...i }) => i)
		})),
		promises: promiseRows.map(({ merchantId: _m, debtorId: _d, ...p }) => p),
		messagesToSupport: messageRows.map((r) => ({
			id: r.id,
			kind: r.kind,
			body: r.body,
			status: r.status,
			answer: r.answer,
			answeredAt: r.answeredAt,
			createdAt: r.createdAt,
			files: files
				.filter((f) => f.messageId === r.id)
				.map((f) => ({
					name: f.fileName,
					type: f.contentType,
					sizeBytes: f.sizeBytes,
					sha256: f.sha256,
					contentBase64: fileBytes.get(f.id) ? Buffer.from(fileBytes.get(f.id)!).toString('base64') : null
				}))
		})),
		messagesSent: sent.map((s) => ({
			id: s.id,
			kind: s.kind,
			channel: s.channel,
			to: s.toAddress,
			subject: s.subject,
			text: s.text,
			status: s.status,
			sentAt: s.sentAt,
			createdAt: s.createdAt
		})),
		timeline: events.map((e) => ({
			id: e.id,
			type: e.type,
			actor: e.actor,
			occurredAt: e.occurredAt,
			claimId: e.claimId,
			payload: e.payload
		})),
		links: linkRows.map((l) => ({ createdAt: l.createdAt, expiresAt: l.expiresAt, revokedAt: l.revokedAt, lastVisitAt: l.lastVisitAt })),
		pushSubscriptions: pushRows.map((p) => ({
			service: new URL(p.endpoint).hostname,
			createdAt: p.createdAt,
			lastPushedAt: p.lastPushedAt
		})),
		assistant: turns.map((t) => ({ author: t.author, text: t.text, reply: t.reply, locale: t.locale, createdAt: t.createdAt })),
		videos: videoRows.map((v) => ({ locale: v.locale, state: v.state, published: v.published, updatedAt: v.updatedAt })),
		handovers: handoverRows.map((h) => ({
			id: h.id,
			status: h.status,
			reason: h.reason,
			proposedAt: h.proposedAt,
			decidedAt: h.decidedAt,
			takenBackAt: h.takenBackAt,
			evidenceHead: h.evidenceHead
		})),
		bankTransfers: bank.map((b) => ({
			bookedOn: b.bookedOn,
			amountCents: b.amountCents,
			currency: b.currency,
			payerName: b.payerName,
			payerIban: b.payerIban,
			remittance: b.remittance,
			claimId: b.claimId
		}))
	};
}

/** The export of one debtor of `merchantId` (null for any other), recorded on the timeline by who and when only. */
export async function exportFor(db: Db, merchantId: string, debtorId: string, o: { actor: string; now?: Date }) {
	const now = o.now ?? new Date();
	const data = await gather(db, merchantId, debtorId, now);
	if (!data) return null;
	await timeline.append(db, {
		merchantId,
		debtorId,
		type: 'debtor.exported',
		actor: o.actor,
		occurredAt: now,
		payload: { sections: { claims: data.claims.length, timeline: data.timeline.length, messages: data.messagesSent.length } }
	});
	return data;
}

// Erasure of a debtor's personal data (on request, or when the retention period has passed), in one transaction:
// the debtor row, the timeline's payloads (the one exception the append-only trigger allows), messages sent and
// received, files, links, push subscriptions, the assistant's conversation, bank lines naming them, webhook data and
// the stored evidence pack. Amounts, dates, references, event types and counts stay, anonymised, for the merchant's
// figures and for the fiscal retention duty (art. 52 AWR). Rendered media go after the commit.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { ERASED, changes, personalStrings, redact, scrubText, type EraseRefusal } from '../../domain/privacy';
import { rowsOf, type Db, type Tx } from '../db/client';
import {
	apiIdempotency,
	assistantTurns,
	bankEntries,
	claims,
	debtorMessages,
	debtorVideos,
	debtors,
	handovers,
	links,
	messageAttachments,
	outboxMessages,
	plans,
	pushSubscriptions,
	timelineEvents,
	webhookDeliveries,
	webhookEvents
} from '../db/schema';
import * as timeline from '../timeline/queries';
import { storeOf } from '../storage';
import { filesNamed, media } from '../video/service';
import type { MediaStore } from '../video/storage';

export type Why = 'request' | 'retention';
export type Erased = { ok: true; events: number; redacted: number; media: number } | { ok: false; refused: EraseRefusal };

/** What is kept by law or for the figures, as the console's confirmation and the README name it. */
export const KEPT = ['claims', 'payments', 'plans', 'promises', 'events'] as const;

/** Why this debtor cannot be erased now (something open, disputed or with an agency), or null. */
export async function refusal(db: Db | Tx, merchantId: string, debtorId: string): Promise<EraseRefusal | null> {
	const [row] = rowsOf<Record<string, boolean | string | null>>(
		await db.execute(sql`
		select d.erased_at is not null as erased,
			exists (select 1 from claims where debtor_id = d.id and status = 'open') as open_claims,
			exists (select 1 from debtor_messages where debtor_id = d.id and status = 'open') as open_messages,
			exists (select 1 from plans where debtor_id = d.id and status in ('proposed', 'active', 'at_risk')) as live_plan,
			exists (select 1 from promises where debtor_id = d.id and status = 'open') as open_promise,
			exists (select 1 from handovers where debtor_id = d.id and status in ('proposed', 'handed_over')) as handover
		from debtors d where d.id = ${debtorId}::uuid and d.merchant_id = ${merchantId}::uuid`)
	);
	if (!row) return null;
	if (row.erased) return 'already_erased';
	for (const key of ['handover', 'open_messages', 'open_claims', 'live_plan', 'open_promise'] as const) if (row[key]) return key;
	return null;
}

/** For the console: when the debtor was erased, or why erasure would be refused now (null: it may go ahead). */
export async function stateOf(db: Db, merchantId: string, debtorId: string) {
	const [d] = await db
		.select({ erasedAt: debtors.erasedAt })
		.from(debtors)
		.where(and(eq(debtors.id, debtorId), eq(debtors.merchantId, merchantId)));
	if (!d) return null;
	return { erasedAt: d.erasedAt, refusal: d.erasedAt ? null : await refusal(db, merchantId, debtorId) };
}

/**
 * Erases one debtor of `merchantId`, exactly once (the row is locked and `erased_at` set in the same transaction, so
 * a second call, or a run killed half-way and started again, does it once). Returns null for another merchant's debtor.
 */
export async function erase(
	db: Db,
	merchantId: string,
	debtorId: string,
	o: { why: Why; actor: string; note?: string; now?: Date; store?: MediaStore }
): Promise<Erased | null> {
	const now = o.now ?? new Date();
	const done = await db.transaction(async (t) => {
		const [d] = await t
			.select()
			.from(debtors)
			.where(and(eq(debtors.id, debtorId), eq(debtors.merchantId, merchantId)))
			.for('update');
		if (!d) return null;
		const refused = await refusal(t, merchantId, debtorId);
		if (refused) return { ok: false as const, refused };
		const personal = personalStrings(d);
		const myClaims = await t.select({ id: claims.id, description: claims.description }).from(claims).where(eq(claims.debtorId, d.id));
		const claimIds = myClaims.map((c) => c.id);

		// The timeline: payloads lose what names the person; type, time, actor, amounts and ids stay.
		await t.execute(sql`select set_config('coulant.erasing', 'on', true)`);
		const events = await t
			.select({ id: timelineEvents.id, payload: timelineEvents.payload })
			.from(timelineEvents)
			.where(eq(timelineEvents.debtorId, d.id));
		let redacted = 0;
		for (const e of events) {
			if (!changes(e.payload, personal)) continue;
			await t
				.update(timelineEvents)
				.set({ payload: redact(e.payload, personal) as Record<string, unknown> })
				.where(eq(timelineEvents.id, e.id));
			redacted++;
		}
		await t.execute(sql`select set_config('coulant.erasing', 'off', true)`);

		// Webhook events derived from those entries, and what receivers answered to them.
		const hooks = await t
			.select({ id: webhookEvents.id, data: webhookEvents.data })
			.from(webhookEvents)
			.where(
				and(
					eq(webhookEvents.merchantId, merchantId),
					inArray(
						webhookEvents.timelineEventId,
						t.select({ id: timelineEvents.id }).from(timelineEvents).where(eq(timelineEvents.debtorId, d.id))
					)
				)
			);
		for (const h of hooks) {
			if (changes(h.data, personal))
				await t
					.update(webhookEvents)
					.set({ data: redact(h.data, personal) as Record<string, unknown> })
					.where(eq(webhookEvents.id, h.id));
		}
		if (hooks.length)
			await t
				.update(webhookDeliveries)
				.set({ responseBody: null })
				.where(
					inArray(
						webhookDeliveries.eventId,
						hooks.map((h) => h.id)
					)
				);

		// Messages sent: the address and the content go; kind, channel, status, costs and times stay. Unsent ones are canceled.
		await t
			.update(outboxMessages)
			.set({
				status: sql`case when ${outboxMessages.status} in ('queued', 'deferred', 'sending') then 'canceled' else ${outboxMessages.status} end`,
				toAddress: ERASED,
				subject: ERASED,
				html: ERASED,
				text: ERASED,
				reason: null,
				stopTokenHash: null
			})
			.where(eq(outboxMessages.debtorId, d.id));

		// What the debtor wrote to support and what support answered; their files are deleted.
		const messageIds = (await t.select({ id: debtorMessages.id }).from(debtorMessages).where(eq(debtorMessages.debtorId, d.id))).map(
			(m) => m.id
		);
		let attachmentKeys: string[] = [];
		if (messageIds.length) {
			// Files in object storage go after the commit, like the videos (a crash in between leaves an object no row names).
			const deleted = await t
				.delete(messageAttachments)
				.where(inArray(messageAttachments.messageId, messageIds))
				.returning({ storageKey: messageAttachments.storageKey });
			attachmentKeys = deleted.map((a) => a.storageKey).filter((k): k is string => !!k);
			await t
				.update(debtorMessages)
				.set({ body: ERASED, answer: sql`case when ${debtorMessages.answer} is null then null else ${ERASED} end` })
				.where(inArray(debtorMessages.id, messageIds));
		}

		// Access: every link stops working, push subscriptions and the assistant's conversation go.
		await t.delete(pushSubscriptions).where(eq(pushSubscriptions.debtorId, d.id));
		await t
			.update(links)
			.set({ revokedAt: sql`coalesce(${links.revokedAt}, ${now.toISOString()}::timestamptz)` })
			.where(eq(links.debtorId, d.id));
		await t.delete(assistantTurns).where(eq(assistantTurns.debtorId, d.id));
		const planIds = (await t.select({ id: plans.id }).from(plans).where(eq(plans.debtorId, d.id))).map((p) => p.id);
		if (planIds.length) {
			await t.update(plans).set({ mandateAccount: null }).where(inArray(plans.id, planIds));
			// Instalment pay links have no revocation of their own: they simply end now.
			await t.execute(sql`update instalment_links set expires_at = least(expires_at, ${now.toISOString()}::timestamptz)
				where instalment_id in (select id from instalments where plan_id in ${planIds})`);
		}

		// Claims keep reference, amounts and dates (art. 52 AWR); a description naming the person is replaced.
		for (const c of myClaims) {
			const description = scrubText(c.description, personal);
			if (description !== c.description) await t.update(claims).set({ description }).where(eq(claims.id, c.id));
		}

		// Bank lines booked to (or proposed for) their claims, or naming them: payer and free text go, the amount stays.
		const bankRows = await t
			.select({
				id: bankEntries.id,
				claimId: bankEntries.claimId,
				payerName: bankEntries.payerName,
				remittance: bankEntries.remittance,
				candidates: bankEntries.candidates
			})
			.from(bankEntries)
			.where(eq(bankEntries.merchantId, merchantId));
		for (const b of bankRows) {
			const ours = (b.claimId && claimIds.includes(b.claimId)) || b.candidates.some((c) => claimIds.includes(c.claimId));
			const named = scrubText(`${b.payerName ?? ''} ${b.remittance}`, personal) === ERASED;
			if (ours || named)
				await t.update(bankEntries).set({ payerName: null, payerIban: null, remittance: ERASED }).where(eq(bankEntries.id, b.id));
		}

		// A stored evidence pack holds everything: it goes, its head and SHA-256 stay, so a pack the agency holds still
		// verifies against them (npm run evidence:verify -- pack.zip --head …). Free-text reasons are scrubbed.
		for (const h of await t.select().from(handovers).where(eq(handovers.debtorId, d.id))) {
			await t
				.update(handovers)
				.set({
					evidence: null,
					reason: redact(h.reason, personal, true) as string,
					takeBackReason: h.takeBackReason === null ? null : (redact(h.takeBackReason, personal, true) as string)
				})
				.where(eq(handovers.id, h.id));
		}

		// API answers kept for Idempotency-Key replays that carry their data.
		for (const row of await t
			.select({ key: apiIdempotency.key, body: apiIdempotency.body })
			.from(apiIdempotency)
			.where(eq(apiIdempotency.merchantId, merchantId))) {
			if (changes(row.body, personal))
				await t.delete(apiIdempotency).where(and(eq(apiIdempotency.merchantId, merchantId), eq(apiIdempotency.key, row.key)));
		}

		// Videos: the rows go now, the files after the commit (a crash in between leaves files no row publishes, which
		// the media clean-up deletes after VIDEO_KEEP_HOURS).
		const videos = await t.delete(debtorVideos).where(eq(debtorVideos.debtorId, d.id)).returning({ published: debtorVideos.published });

		// The debtor: anonymised, kept for the figures (claims, payments and the timeline point at it).
		await t
			.update(debtors)
			.set({
				name: ERASED,
				customerRef: `${ERASED}-${d.id}`,
				email: null,
				phone: null,
				postcode: null,
				street: null,
				city: null,
				birthDate: null,
				emailBounceReason: null,
				phoneFailReason: null,
				erasedAt: now
			})
			.where(eq(debtors.id, d.id));
		await timeline.append(t, {
			merchantId,
			debtorId: d.id,
			type: 'debtor.erased',
			actor: o.actor,
			occurredAt: now,
			payload: {
				why: o.why,
				// The request as staff noted it (when, how it came in), without anything that names the person.
				...(o.note ? { note: scrubText(o.note, personal) } : {}),
				events: events.length,
				redacted,
				kept: [...KEPT]
			}
		});
		return {
			ok: true as const,
			events: events.length,
			redacted,
			attachmentKeys,
			names: videos.map((v) => v.published).filter((n): n is string => !!n)
		};
	});
	if (!done || !done.ok) return done;
	const removed = await removeMedia(db, done.names, o.store ?? media());
	const attachments = storeOf('attachments');
	if (attachments) for (const key of done.attachmentKeys) await attachments.delete(key);
	return { ok: true, events: done.events, redacted: done.redacted, media: removed };
}

/** Deletes a video's MP4, poster and captions unless another debtor's row publishes the same content name. */
async function removeMedia(db: Db, names: string[], store: MediaStore): Promise<number> {
	let removed = 0;
	for (const name of names) {
		const [still] = await db
			.select({ n: sql<number>`1` })
			.from(debtorVideos)
			.where(eq(debtorVideos.published, name))
			.limit(1);
		if (still) continue;
		for (const file of Object.values(filesNamed(name))) {
			if ((await store.size(file)) === null) continue;
			await store.delete(file);
			removed++;
		}
	}
	return removed;
}

// The sender: claims due messages from the outbox (SKIP LOCKED, so processes never take the same one), looks at the
// rules again at this moment — a claim paid an hour ago is not asked for — puts the personal link and the stop link
// in, hands the message to the transport and records what happened. Every attempt carries the message's one
// Message-ID. A claim left 'sending' by a process that died is taken up again after `staleMs`.
import { inArray, sql } from 'drizzle-orm';
import { goesAtOnce, REQUIRED_NOTICES, type NoticeKind } from '../../domain/outreach/notices';
import { askable, holdReason } from '../../domain/outreach/planner';
import { mayGoAt, nextSendMoment } from '../../domain/outreach/send-window';
import { outreachOf, type OutreachSettings } from '../../domain/outreach/settings';
import { rowsOf, type Db } from '../db/client';
import { links, merchants, outboxMessages } from '../db/schema';
import { hashToken, newToken } from '../links/token';
import * as paylinks from '../plans/paylinks';
import { composeNotice, composeStep, type Composed } from './compose';
import { withLinks } from './mail';
import { clockOf, merchantOutreachColumns, reachOf } from './plan';
import { situations, type DebtorSituation, type MerchantOutreachRow } from './situations';
import type { Transport } from './transport';

export type SendOptions = {
	transport: Transport;
	origin: string;
	/** The address messages come from; the name is the merchant's sender name. */
	mailFrom: string;
	linkTtlDays: number;
	batch?: number;
	concurrency?: number;
	/** A claim older than this belongs to a process that died: taken up again (same Message-ID). */
	staleMs?: number;
};

export type SendResult = { sent: number; deferred: number; bounced: number; canceled: number; later: number };

type Claimed = typeof outboxMessages.$inferSelect;

const MAX_ATTEMPTS = 8;
/** Minutes to wait after the n-th temporary failure. */
const BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360, 720];
const DATE_NOTICES: string[] = ['pre_debit_reminder', 'instalment_reminder', 'instalment_due', 'promise_reminder'];

async function claim(db: Db, n: number, now: Date, staleMs: number): Promise<Claimed[]> {
	const stale = new Date(now.getTime() - staleMs).toISOString();
	const result = await db.execute(sql`
		update outbox_messages set status = 'sending', claimed_at = ${now.toISOString()}::timestamptz, attempts = attempts + 1
		where id in (
			select id from outbox_messages
			where (status in ('queued', 'deferred') and send_after <= ${now.toISOString()}::timestamptz)
			   or (status = 'sending' and claimed_at < ${stale}::timestamptz)
			order by send_after limit ${n} for update skip locked)
		returning id`);
	const ids = rowsOf<{ id: string }>(result).map((r) => r.id);
	if (ids.length === 0) return [];
	return db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
}

/** Sends everything that is due, batch after batch, until nothing is. */
export async function sendDue(db: Db, options: SendOptions, now: () => Date = () => new Date()): Promise<SendResult> {
	const total: SendResult = { sent: 0, deferred: 0, bounced: 0, canceled: 0, later: 0 };
	for (;;) {
		const at = now();
		const batch = await claim(db, options.batch ?? 100, at, options.staleMs ?? 5 * 60_000);
		if (batch.length === 0) return total;
		const r = await sendBatch(db, batch, options, at);
		for (const k of Object.keys(total) as (keyof SendResult)[]) total[k] += r[k];
	}
}

type Verdict = { go: true; composed: Composed | null } | { go: false; reason: string } | { later: Date };

/** The rules, once more, at the moment of sending. */
async function verdict(
	m: MerchantOutreachRow,
	settings: OutreachSettings,
	s: DebtorSituation | undefined,
	row: Claimed,
	today: string,
	now: Date,
	origin: string
): Promise<Verdict> {
	if (!s) return { go: false, reason: 'debtor_gone' };
	if (!goesAtOnce(row.kind) && !mayGoAt(now, settings.policy.window)) return { later: nextSendMoment(now, settings.policy.window) };
	if (s.email !== row.toAddress) return { go: false, reason: s.email ? 'address_changed' : 'no_address' };
	if (s.bounced) return { go: false, reason: 'bouncing' };
	if (row.stepId) {
		const reach = reachOf(s);
		if (reach !== 'ok') return { go: false, reason: reach };
		const still = askable({ claims: s.claims, paused: s.paused, today }).filter((c) => row.claimIds.includes(c.id));
		if (still.length === 0) {
			const open = s.claims.filter((c) => row.claimIds.includes(c.id));
			if (open.length === 0) return { go: false, reason: 'paid' };
			return { go: false, reason: holdReason({ claims: open, paused: s.paused, today }) };
		}
		// Rendered again from what is owed now: a claim paid in part, or held, since the message was queued.
		const step = settings.journey.steps.find((x) => x.id === row.stepId);
		if (!step) return { go: false, reason: 'step_removed' };
		return {
			go: true,
			composed: await composeStep(
				m,
				s,
				step,
				still.map((c) => c.id),
				today,
				origin
			)
		};
	}
	const required = REQUIRED_NOTICES.includes(row.kind as NoticeKind);
	if (!required && s.stopped) return { go: false, reason: 'opted_out' };
	if (!required && s.paused) return { go: false, reason: 'paused' };
	if (DATE_NOTICES.includes(row.kind)) {
		const about = row.dedupeKey.split(':').at(-1)!;
		const again = await composeNotice(m, settings.policy, s, { kind: row.kind as NoticeKind, about }, origin);
		if (!again) return { go: false, reason: 'no_longer_due' };
	}
	return { go: true, composed: null };
}

async function sendBatch(db: Db, batch: Claimed[], options: SendOptions, now: Date): Promise<SendResult> {
	const result: SendResult = { sent: 0, deferred: 0, bounced: 0, canceled: 0, later: 0 };
	const merchantRows = new Map(
		(
			await db
				.select(merchantOutreachColumns)
				.from(merchants)
				.where(inArray(merchants.id, [...new Set(batch.map((r) => r.merchantId))]))
		).map((m) => [m.id, m])
	);
	const prepared: { row: Claimed; composed: Composed | null; m: MerchantOutreachRow }[] = [];
	for (const [merchantId, rows] of groupBy(batch, (r) => r.merchantId)) {
		const m = merchantRows.get(merchantId)!;
		const settings = outreachOf(m.outreach);
		const clock = clockOf(settings.policy, now);
		const ids = [...new Set(rows.map((r) => r.debtorId))];
		const found = new Map((await situations(db, sql`d.id in ${ids}`, clock, ids.length)).map((s) => [s.debtorId, s]));
		for (const row of rows) {
			const v = await verdict(m, settings, found.get(row.debtorId), row, clock.today, now, options.origin);
			if ('later' in v) {
				await db
					.update(outboxMessages)
					.set({ status: 'queued', sendAfter: v.later, attempts: sql`${outboxMessages.attempts} - 1` })
					.where(sql`${outboxMessages.id} = ${row.id}`);
				result.later++;
			} else if (!v.go) {
				await finish(db, row.id, 'canceled', now, { reason: v.reason });
				result.canceled++;
			} else prepared.push({ row, composed: v.composed, m });
		}
	}
	// The links go in before the message goes out: a message that arrives always carries links that work.
	const ttl = options.linkTtlDays * 86_400_000;
	const withTokens = await Promise.all(
		prepared.map(async (p) => {
			const page = p.row.instalmentId
				? `${options.origin}/i/${await paylinks.issue(db, p.row.instalmentId, options.linkTtlDays, now)}`
				: null;
			const token = page ? null : newToken();
			const stop = newToken();
			return { ...p, token, page, stop };
		})
	);
	const pageLinks = withTokens.filter((p) => p.token);
	if (pageLinks.length) {
		await db.insert(links).values(
			pageLinks.map((p) => ({
				debtorId: p.row.debtorId,
				tokenHash: hashToken(p.token!),
				expiresAt: new Date(now.getTime() + ttl),
				messageId: p.row.id,
				createdAt: now
			}))
		);
	}
	for (const p of withTokens) {
		const c = p.composed;
		await db
			.update(outboxMessages)
			.set({ stopTokenHash: hashToken(p.stop), ...(c ? { subject: c.subject, html: c.html, text: c.text, claimIds: c.claimIds } : {}) })
			.where(sql`${outboxMessages.id} = ${p.row.id}`);
	}
	await pool(withTokens, options.concurrency ?? 10, async (p) => {
		const stored = p.composed ?? p.row;
		const link = p.page ?? `${options.origin}/d/${p.token}`;
		const stopUrl = `${options.origin}/u/${p.stop}`;
		const mail = withLinks({ subject: stored.subject, html: stored.html, text: stored.text }, link, stopUrl);
		const stoppable = !REQUIRED_NOTICES.includes(p.row.kind as NoticeKind);
		const outcome = await options.transport.send({
			from: { name: p.m.senderName ?? p.m.displayName, address: options.mailFrom },
			replyTo: p.m.contactEmail,
			to: p.row.toAddress,
			subject: mail.subject,
			html: mail.html,
			text: mail.text,
			messageId: p.row.messageId,
			unsubscribe: stoppable ? stopUrl : null,
			language: p.row.locale
		});
		if (outcome.ok) {
			await finish(db, p.row.id, 'sent', now, { transport: options.transport.kind });
			result.sent++;
		} else if (outcome.permanent) {
			await finish(db, p.row.id, 'bounced', now, { reason: outcome.reason });
			await db.execute(sql`update debtors set email_bounced_at = ${now.toISOString()}::timestamptz, email_bounce_reason = ${outcome.reason}
				where id = ${p.row.debtorId} and email = ${p.row.toAddress}`);
			result.bounced++;
		} else if (p.row.attempts >= MAX_ATTEMPTS) {
			await finish(db, p.row.id, 'canceled', now, { reason: `gave up after ${p.row.attempts} attempts: ${outcome.reason}` });
			result.canceled++;
		} else {
			const minutes = BACKOFF_MINUTES[Math.min(p.row.attempts - 1, BACKOFF_MINUTES.length - 1)];
			await finish(db, p.row.id, 'deferred', now, { reason: outcome.reason, retryAt: new Date(now.getTime() + minutes * 60_000) });
			result.deferred++;
		}
	});
	return result;
}

/** Records an outcome and puts it on the timeline, in one statement: only a message still being sent changes. */
async function finish(
	db: Db,
	id: string,
	status: 'sent' | 'deferred' | 'bounced' | 'canceled',
	now: Date,
	detail: { reason?: string; transport?: string; retryAt?: Date }
) {
	const at = now.toISOString();
	await db.execute(sql`
		with done as (
			update outbox_messages set status = ${status}, reason = ${detail.reason ?? null},
				transport = coalesce(${detail.transport ?? null}, transport),
				sent_at = case when ${status} = 'sent' then ${at}::timestamptz else sent_at end,
				send_after = coalesce(${detail.retryAt?.toISOString() ?? null}::timestamptz, send_after)
			where id = ${id}::uuid and status = 'sending'
			returning merchant_id, debtor_id, kind, subject, attempts)
		insert into timeline_events (merchant_id, debtor_id, type, actor, occurred_at, payload)
		select merchant_id, debtor_id, ${`outreach.${status}`}, 'system', ${at}::timestamptz,
			jsonb_strip_nulls(jsonb_build_object('messageId', ${id}::text, 'kind', kind, 'subject', subject, 'attempts', attempts,
				'reason', ${detail.reason ?? null}::text, 'transport', ${detail.transport ?? null}::text))
		from done`);
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const i of items) out.set(key(i), [...(out.get(key(i)) ?? []), i]);
	return out;
}

async function pool<T>(items: T[], size: number, work: (t: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(size, items.length) }, async () => {
			while (next < items.length) await work(items[next++]);
		})
	);
}

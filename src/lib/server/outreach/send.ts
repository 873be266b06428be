// The sender: claims due messages from the outbox (SKIP LOCKED, so processes never take the same one), looks at the
// rules again at this moment — a claim paid an hour ago is not asked for — puts the personal link and the stop link
// in, hands the message to its channel (channels.ts) and records what happened. Every attempt carries the message's
// one Message-ID. A claim left 'sending' by a process that died is taken up again after `staleMs`.
import { inArray, sql } from 'drizzle-orm';
import type { Channel } from '../../domain/outreach/channels';
import { goesAtOnce, REQUIRED_NOTICES, type NoticeKind } from '../../domain/outreach/notices';
import { askable, holdReason } from '../../domain/outreach/planner';
import { mayGoAt, nextSendMoment } from '../../domain/outreach/send-window';
import { outreachOf, type OutreachSettings } from '../../domain/outreach/settings';
import { rowsOf, type Db } from '../db/client';
import { links, merchants, outboxMessages } from '../db/schema';
import { hashToken, newToken } from '../links/token';
import * as paylinks from '../plans/paylinks';
import { emailChannel, type Channels, type OutboxRow } from './channels';
import { composePush } from '../push/compose';
import { composeNotice, composeStep, type Composed } from './compose';
import { fallBack, FALLS_BACK } from './fallback';
import { withLinks } from './mail';
import { clockOf, merchantOutreachColumns, statesOf } from './plan';
import { recorder } from './record';
import { situations, treated, type DebtorSituation, type MerchantOutreachRow } from './situations';
import type { Transport } from './transport';

export type SendOptions = {
	/** E-mail's transport (a shorthand for `channels.email`). */
	transport?: Transport;
	/** The channels this process delivers; rows of other channels wait for a process that does. */
	channels?: Channels;
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

const MAX_ATTEMPTS = 8;
/** Minutes to wait after the n-th temporary failure. */
const BACKOFF_MINUTES = [1, 5, 15, 60, 180, 360, 720];
const DATE_NOTICES: string[] = ['pre_debit_reminder', 'instalment_reminder', 'instalment_due', 'promise_reminder'];

export function registryOf(options: Pick<SendOptions, 'transport' | 'channels' | 'mailFrom'>): Channels {
	return { ...(options.transport ? { email: emailChannel(options.transport, options.mailFrom) } : {}), ...options.channels };
}

async function claim(db: Db, n: number, now: Date, staleMs: number, channels: Channel[], mine: string[]): Promise<OutboxRow[]> {
	const stale = new Date(now.getTime() - staleMs).toISOString();
	// What this process is delivering right now is never "stale", however short staleMs is.
	const notMine = mine.length ? sql`and id not in ${mine}` : sql``;
	const result = await db.execute(sql`
		update outbox_messages set status = 'sending', claimed_at = ${now.toISOString()}::timestamptz, attempts = attempts + 1
		where id in (
			select id from outbox_messages
			where ((status in ('queued', 'deferred') and send_after <= ${now.toISOString()}::timestamptz)
			   or (status = 'sending' and claimed_at < ${stale}::timestamptz))
			   and channel in ${channels} ${notMine}
			   -- A merchant that signed up reaches no debtor before its owner's address is verified (tenants/signup.ts).
			   and not exists (select 1 from merchant_signups s where s.merchant_id = outbox_messages.merchant_id and s.verified_at is null)
			order by send_after limit ${n} for update skip locked)
		returning id`);
	const ids = rowsOf<{ id: string }>(result).map((r) => r.id);
	if (ids.length === 0) return [];
	return db.select().from(outboxMessages).where(inArray(outboxMessages.id, ids));
}

/**
 * Sends everything that is due, batch after batch, until nothing is. The next batch is claimed and made ready while
 * the current one is being delivered, so the connections to the provider never wait for the database.
 */
export async function sendDue(db: Db, options: SendOptions, now: () => Date = () => new Date()): Promise<SendResult> {
	const registry = registryOf(options);
	const channels = Object.keys(registry) as Channel[];
	const total: SendResult = { sent: 0, deferred: 0, bounced: 0, canceled: 0, later: 0 };
	if (channels.length === 0) return total;
	const add = (r: SendResult) => {
		for (const k of Object.keys(total) as (keyof SendResult)[]) total[k] += r[k];
	};
	const ready = async (mine: string[]) => {
		const at = now();
		const batch = await claim(db, options.batch ?? 100, at, options.staleMs ?? 5 * 60_000, channels, mine);
		return batch.length ? prepare(db, batch, registry, options, at) : null;
	};
	let next = ready([]);
	for (;;) {
		const current = await next;
		if (!current) return total;
		next = ready(current.ready.map((p) => p.row.id));
		add(current.result);
		try {
			add(await deliver(db, current, registry, options));
		} catch (e) {
			await next.catch(() => {});
			throw e;
		}
	}
}

type Verdict = { go: true; composed: Composed | null } | { go: false; reason: string } | { later: Date };

/** The rules, once more, at the moment of sending. */
async function verdict(
	m: MerchantOutreachRow,
	settings: OutreachSettings,
	s: DebtorSituation | undefined,
	row: OutboxRow,
	today: string,
	now: Date,
	origin: string,
	enabled: Channel[]
): Promise<Verdict> {
	if (!s) return { go: false, reason: 'debtor_gone' };
	if (!goesAtOnce(row.kind) && !mayGoAt(now, settings.policy.window)) return { later: nextSendMoment(now, settings.policy.window) };
	const state = statesOf(s, enabled)[row.channel];
	if (row.channel === 'push') {
		// Push rows are addressed to the debtor: the push module delivers to their subscriptions, if any are left.
		if (state.unreachable) return { go: false, reason: state.unreachable };
	} else if (state.address !== row.toAddress) return { go: false, reason: state.address ? 'address_changed' : 'no_address' };
	if (state.unreachable === 'bouncing') return { go: false, reason: 'bouncing' };
	if (row.stepId) {
		if (state.unreachable) return { go: false, reason: state.unreachable };
		const still = askable({ claims: s.claims, paused: s.paused, today }).filter((c) => row.claimIds.includes(c.id));
		if (still.length === 0) {
			const open = s.claims.filter((c) => row.claimIds.includes(c.id));
			if (open.length === 0) return { go: false, reason: 'paid' };
			return { go: false, reason: holdReason({ claims: open, paused: s.paused, today }) };
		}
		// Rendered again from what is owed now: a claim paid in part, or held, since the message was queued.
		const step = settings.journey.steps.find((x) => x.id === row.stepId);
		if (!step) return { go: false, reason: 'step_removed' };
		const ids = still.map((c) => c.id);
		return { go: true, composed: await composeStep(m, s, step, ids, today, origin, row.channel) };
	}
	const required = REQUIRED_NOTICES.includes(row.kind as NoticeKind);
	if (!required && state.unreachable === 'opted_out') return { go: false, reason: 'opted_out' };
	if (!required && s.paused) return { go: false, reason: 'paused' };
	if (DATE_NOTICES.includes(row.kind)) {
		// The key is `notice:<kind>:<about>`, with `>push` after it for the push beside the e-mail.
		const about = row.dedupeKey.split('>')[0].split(':').at(-1)!;
		const subject = { kind: row.kind as NoticeKind, about };
		const again = row.channel === 'push' ? composePush(m, s, subject) : await composeNotice(m, settings.policy, s, subject, origin);
		if (!again) return { go: false, reason: 'no_longer_due' };
	}
	return { go: true, composed: null };
}

type Prepared = { row: OutboxRow; composed: Composed | null; m: MerchantOutreachRow };
type Ready = Awaited<ReturnType<typeof tokens>>[number];
type Batch = { at: Date; result: SendResult; ready: Ready[] };

/** The rules again for each claimed message; what may not go now is put back or canceled, the rest gets its links. */
async function prepare(db: Db, batch: OutboxRow[], registry: Channels, options: SendOptions, now: Date): Promise<Batch> {
	const result: SendResult = { sent: 0, deferred: 0, bounced: 0, canceled: 0, later: 0 };
	const enabled = Object.keys(registry) as Channel[];
	const merchantRows = new Map(
		(
			await db
				.select(merchantOutreachColumns)
				.from(merchants)
				.where(inArray(merchants.id, [...new Set(batch.map((r) => r.merchantId))]))
		).map((m) => [m.id, m])
	);
	const prepared: Prepared[] = [];
	const later: { id: string; at: Date }[] = [];
	const canceled: { row: OutboxRow; reason: string }[] = [];
	for (const [merchantId, rows] of groupBy(batch, (r) => r.merchantId)) {
		const m = merchantRows.get(merchantId)!;
		const settings = outreachOf(m.outreach);
		const clock = clockOf(settings.policy, now);
		const ids = [...new Set(rows.map((r) => r.debtorId))];
		const found = new Map((await situations(db, sql`d.id in ${ids}`, clock, ids.length)).map((s) => [s.debtorId, s]));
		for (const row of rows) {
			const s = found.get(row.debtorId);
			// Written in the debtor's segment's tone, from its journey (see situations.treated).
			const own = s ? treated(m, settings, s) : { m, settings };
			const v = await verdict(own.m, own.settings, s, row, clock.today, now, options.origin, enabled);
			if ('later' in v) later.push({ id: row.id, at: v.later });
			else if (!v.go) canceled.push({ row, reason: v.reason });
			else prepared.push({ row, composed: v.composed, m: own.m });
		}
	}
	if (later.length) {
		await db.execute(sql`update outbox_messages o set status = 'queued', send_after = v.at::timestamptz, attempts = o.attempts - 1
			from (values ${sql.join(
				later.map((l) => sql`(${l.id}::uuid, ${l.at.toISOString()})`),
				sql`, `
			)}) as v(id, at) where o.id = v.id`);
		result.later += later.length;
	}
	for (const c of canceled) {
		// The cancel and the message by the next channel commit together: a kill between them cannot lose the fallback.
		await db.transaction(async (tx) => {
			await recorder(tx, now).finish(c.row.id, 'canceled', { reason: c.reason });
			if (FALLS_BACK.includes(c.reason)) await fallBack(tx, c.row, c.reason, now, { origin: options.origin, channels: enabled });
		});
		result.canceled++;
	}
	return { at: now, result, ready: await tokens(db, prepared, options, now) };
}

/** Hands each message to its channel, a few at a time, and records the outcome the moment it is known. */
async function deliver(db: Db, batch: Batch, registry: Channels, options: SendOptions): Promise<SendResult> {
	const result: SendResult = { sent: 0, deferred: 0, bounced: 0, canceled: 0, later: 0 };
	const now = batch.at;
	const enabled = Object.keys(registry) as Channel[];
	const record = recorder(db, now);
	await pool(batch.ready, options.concurrency ?? 10, async (p) => {
		const stored = p.composed ?? p.row;
		const link = p.page ?? `${options.origin}/d/${p.token}`;
		const stopUrl = `${options.origin}/u/${p.stop}`;
		const filled = withLinks({ subject: stored.subject, html: stored.html, text: stored.text }, link, stopUrl);
		const stoppable = !REQUIRED_NOTICES.includes(p.row.kind as NoticeKind);
		const sender = registry[p.row.channel]!;
		const outcome = await sender
			.deliver({ row: p.row, merchant: p.m, ...filled, link, unsubscribe: stoppable ? stopUrl : null })
			.catch((e: unknown) => ({ ok: false as const, permanent: false, reason: String((e as Error)?.message ?? e).slice(0, 300) }));
		if (outcome.ok) {
			// Recorded at once (coalesced with the others accepted meanwhile): the window in which a kill would make
			// the next process send it again is one short statement long.
			await record.sent(p.row.id, outcome);
			result.sent++;
		} else if (outcome.permanent) {
			// The bounce, what it says about the address and the message by the next channel: one transaction.
			await db.transaction(async (tx) => {
				await recorder(tx, now).finish(p.row.id, 'bounced', { reason: outcome.reason });
				await sender.onPermanentFailure?.(tx, p.row, outcome.reason, now);
				await fallBack(tx, p.row, outcome.reason, now, { origin: options.origin, channels: enabled });
			});
			result.bounced++;
		} else if (p.row.attempts >= MAX_ATTEMPTS) {
			await record.finish(p.row.id, 'canceled', { reason: `gave up after ${p.row.attempts} attempts: ${outcome.reason}` });
			result.canceled++;
		} else {
			const minutes = BACKOFF_MINUTES[Math.min(p.row.attempts - 1, BACKOFF_MINUTES.length - 1)];
			await record.finish(p.row.id, 'deferred', { reason: outcome.reason, retryAt: new Date(now.getTime() + minutes * 60_000) });
			result.deferred++;
		}
	});
	await record.flushed();
	return result;
}

/**
 * The links go in before the message goes out, so a message that arrives always carries links that work: a page link
 * (or the instalment's pay link) and a stop link per message, with the content rendered again at this moment — in
 * two statements for the whole batch.
 */
async function tokens(db: Db, prepared: Prepared[], options: SendOptions, now: Date) {
	const ttl = options.linkTtlDays * 86_400_000;
	const withTokens = await Promise.all(
		prepared.map(async (p) => {
			const page = p.row.instalmentId
				? `${options.origin}/i/${await paylinks.issue(db, p.row.instalmentId, options.linkTtlDays, now)}`
				: null;
			return { ...p, token: page ? null : newToken(), page, stop: newToken() };
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
	if (withTokens.length) {
		const values = withTokens.map((p) => {
			const c = p.composed;
			return sql`(${p.row.id}::uuid, ${hashToken(p.stop)}::text, ${c?.subject ?? null}::text, ${c?.html ?? null}::text, ${c?.text ?? null}::text, ${c ? JSON.stringify(c.claimIds) : null}::jsonb)`;
		});
		await db.execute(sql`update outbox_messages o set stop_token_hash = v.stop,
				subject = coalesce(v.subject, o.subject), html = coalesce(v.html, o.html), text = coalesce(v.text, o.text),
				claim_ids = coalesce(v.claim_ids, o.claim_ids)
			from (values ${sql.join(values, sql`, `)}) as v(id, stop, subject, html, text, claim_ids) where o.id = v.id`);
	}
	return withTokens;
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const i of items) {
		const k = key(i);
		const list = out.get(k);
		if (list) list.push(i);
		else out.set(k, [i]);
	}
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

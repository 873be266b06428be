// The daily planning run: for every debtor of every merchant, what the journey asks for today and which date-driven
// notices are due, queued in the outbox (or recorded as held, with the reason). It runs often, not once: each run
// decides "today" again, and the outbox's unique key and the once-a-day rule make a repeat change nothing.
import { sql } from 'drizzle-orm';
import { CHANNELS, chooseChannel, reachFor, type Channel, type ChannelStates } from '../../domain/outreach/channels';
import type { StepChannel } from '../../domain/outreach/journey';
import { dueNotices, REQUIRED_NOTICES, type OutreachPolicy } from '../../domain/outreach/notices';
import { planJourney, type Decision, type Reach, type Situation } from '../../domain/outreach/planner';
import { localDay, nextSendMoment, weekOf } from '../../domain/outreach/send-window';
import { outreachOf, type OutreachSettings } from '../../domain/outreach/settings';
import { rowsOf, type Db } from '../db/client';
import { journeyProgress, merchants } from '../db/schema';
import { composePush } from '../push/compose';
import { composeNotice, composeStep, type NoticeSubject } from './compose';
import { addCollectionCosts } from './costs';
import { enqueue, type NewMessage } from './outbox';
import { merchantOutreachColumns, situations, treated, type DebtorSituation, type MerchantOutreachRow } from './situations';

export type PlanOptions = {
	origin: string;
	mailDomain: string;
	pageSize?: number;
	/** The channels this installation can deliver (default: all); a step never goes by one that is not. */
	channels?: readonly Channel[];
};
export type PlanResult = { debtors: number; queued: number; held: number; settled: number };

export { merchantOutreachColumns };

export function reachOf(s: Pick<DebtorSituation, 'email' | 'bounced' | 'stopped'>): Reach {
	if (!s.email) return 'no_address';
	if (s.bounced) return 'bouncing';
	if (s.stopped) return 'opted_out';
	return 'ok';
}

/** Each channel for this debtor: where it goes, or why it cannot. */
export function statesOf(s: DebtorSituation, enabled: readonly Channel[] = CHANNELS): ChannelStates {
	const state = (channel: Channel, address: string | null, bad: 'bouncing' | 'opted_out' | null) =>
		!enabled.includes(channel)
			? { address, unreachable: 'not_configured' as const }
			: !address
				? { address, unreachable: 'no_address' as const }
				: bad
					? { address, unreachable: bad }
					: { address, unreachable: null };
	return {
		email: state('email', s.email, s.bounced ? 'bouncing' : s.stopped ? 'opted_out' : null),
		sms: state('sms', s.phone, s.phoneFailed ? 'bouncing' : s.smsStopped ? 'opted_out' : null),
		letter: state('letter', s.postalAddress, null),
		push: state('push', s.pushable ? s.debtorId : null, null)
	};
}

const STEP_CHANNEL_LIST: StepChannel[] = ['preferred', 'email', 'sms', 'letter'];

/** The planner's view of a debtor on a day. */
export function situationOf(s: DebtorSituation, today: string, enabled: readonly Channel[] = CHANNELS): Situation {
	const states = statesOf(s, enabled);
	const reachBy = Object.fromEntries(
		STEP_CHANNEL_LIST.map((c) => [c, reachFor({ channel: c, kind: 'reminder' }, s.preferredChannel, states) ?? 'ok'])
	);
	return {
		today,
		claims: s.claims,
		paused: s.paused,
		reach: reachOf(s),
		reachBy,
		progress: s.progress,
		sentToday: s.sentToday,
		sentThisWeek: s.sentThisWeek
	};
}

export const clockOf = (policy: OutreachPolicy, now: Date) => {
	const today = localDay(now, policy.window.timeZone);
	return { today, monday: weekOf(today), timeZone: policy.window.timeZone };
};

/** Plans today for every merchant. */
export async function planAll(db: Db, options: PlanOptions, now = new Date()): Promise<PlanResult> {
	const total: PlanResult = { debtors: 0, queued: 0, held: 0, settled: 0 };
	for (const m of await db.select(merchantOutreachColumns).from(merchants)) {
		const r = await planMerchant(db, m, options, now);
		for (const k of Object.keys(total) as (keyof PlanResult)[]) total[k] += r[k];
	}
	return total;
}

/** Plans today for one merchant's debtors, a page at a time (memory stays flat however many there are). */
export async function planMerchant(db: Db, m: MerchantOutreachRow, options: PlanOptions, now = new Date()): Promise<PlanResult> {
	const settings = outreachOf(m.outreach);
	const clock = clockOf(settings.policy, now);
	// Before planning, so a step that goes today names the costs as part of what is owed.
	if (settings.policy.collectionCosts) await addCollectionCosts(db, m, clock, now);
	const result: PlanResult = { debtors: 0, queued: 0, held: 0, settled: 0 };
	const size = options.pageSize ?? 1000;
	let after = '00000000-0000-0000-0000-000000000000';
	const add = (r: PlanResult) => {
		for (const k of Object.keys(result) as (keyof PlanResult)[]) result[k] += r[k];
	};
	// One page is written while the next is read: the two run on two connections (different debtors, so neither waits
	// for the other), and at most one page is in flight, so memory stays that of two pages.
	let writing: Promise<PlanResult> | null = null;
	for (;;) {
		// Debtors with something open, or a journey still in progress (whose episode may just have ended).
		const page = await situations(
			db,
			sql`d.merchant_id = ${m.id} and d.id > ${after}::uuid and (jp.debtor_id is not null and jp.progress is not null
				or exists(select 1 from claims c where c.debtor_id = d.id and c.status = 'open'))`,
			clock,
			size
		);
		if (writing) add(await writing);
		writing = null;
		if (page.length === 0) break;
		after = page[page.length - 1].debtorId;
		writing = planPage(db, m, settings, page, clock.today, options, now);
		// Awaited on the next turn; until then a failure must not count as unhandled.
		writing.catch(() => {});
		if (page.length < size) break;
	}
	if (writing) add(await writing);
	return result;
}

type Hold = { debtorId: string; stepId: string; reason: string };

async function planPage(
	db: Db,
	merchant: MerchantOutreachRow,
	settings: OutreachSettings,
	page: DebtorSituation[],
	today: string,
	options: PlanOptions,
	now: Date
): Promise<PlanResult> {
	const { policy } = settings;
	const sendAfter = nextSendMoment(now, policy.window);
	const messages: NewMessage[] = [];
	const progress: { debtorId: string; decision: Extract<Decision, { kind: 'send' }> }[] = [];
	const holds: Hold[] = [];
	const settled: string[] = [];
	for (const s of page) {
		// The debtor's segment may have its own tone and journey (the send window, caps and costs stay the merchant's).
		const { m, settings: theirs } = treated(merchant, settings, s);
		const decision = planJourney(theirs.journey, situationOf(s, today, options.channels), policy);
		if (decision.kind === 'settled') settled.push(s.debtorId);
		if (decision.kind === 'hold') holds.push({ debtorId: s.debtorId, stepId: decision.step.id, reason: decision.reason });
		if (decision.kind === 'send') {
			const choice = chooseChannel(decision.step, s.preferredChannel, statesOf(s, options.channels));
			if (!choice.channel) {
				// No channel can carry this step (a 14-day letter to a debtor with only a phone number).
				const reason = choice.tried.find((t) => t.reason !== 'not_for_this_message')?.reason ?? 'no_address';
				holds.push({ debtorId: s.debtorId, stepId: decision.step.id, reason });
			} else {
				const composed = await composeStep(m, s, decision.step, decision.claimIds, today, options.origin, choice.channel, true);
				messages.push({
					merchantId: m.id,
					debtorId: s.debtorId,
					stepId: decision.step.id,
					dedupeKey: `step:${s.episode}:${decision.step.id}`,
					channel: choice.channel,
					toAddress: choice.address,
					tried: choice.tried,
					sendAfter,
					composed,
					because: { stepId: decision.step.id, covers: decision.covers.map((c) => c.id) }
				});
				progress.push({ debtorId: s.debtorId, decision });
			}
		}
		const byEmail = !!s.email && !s.bounced;
		const byPush = s.pushable && (options.channels ?? CHANNELS).includes('push');
		if (!byEmail && !byPush) continue;
		for (const due of dueNotices(today, s.plan, s.promise, policy, s.paused)) {
			const subject = { kind: due.kind, about: due.about };
			const because = { notice: due.kind, about: due.about };
			if (byPush) messages.push(...pushNotice(m, s, subject, `notice:${due.kind}:${due.about}`, sendAfter, because));
			if (!byEmail || (s.stopped && !REQUIRED_NOTICES.includes(due.kind))) continue;
			const composed = await composeNotice(m, policy, s, subject, options.origin);
			if (!composed) continue;
			messages.push({
				merchantId: m.id,
				debtorId: s.debtorId,
				stepId: null,
				dedupeKey: `notice:${due.kind}:${due.about}`,
				channel: 'email',
				toAddress: s.email!,
				tried: [],
				sendAfter,
				composed,
				because
			});
		}
	}
	const result = { debtors: page.length, queued: 0, held: 0, settled: settled.length };
	if (!messages.length && !holds.length && !settled.length) return result;
	await db.transaction(async (tx) => {
		result.queued = (await enqueue(tx, messages, options.mailDomain, now)).length;
		if (progress.length) {
			// One statement for the page: each debtor's progress, new or replaced.
			const rows = progress.map((p) => ({
				debtor_id: p.debtorId,
				progress: p.decision.progress,
				term_ends_on: p.decision.progress.fourteenDay?.termEndsOn ?? null
			}));
			// As one JSON parameter: a page's thousand rows cost one short statement to parse.
			await tx.execute(sql`insert into journey_progress (debtor_id, merchant_id, progress, term_ends_on, updated_at)
				select debtor_id, ${merchant.id}::uuid, progress, term_ends_on, ${now.toISOString()}::timestamptz
				from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(debtor_id uuid, progress jsonb, term_ends_on date)
				on conflict (debtor_id) do update set progress = excluded.progress, term_ends_on = excluded.term_ends_on,
					held_because = null, updated_at = excluded.updated_at`);
		}
		result.held = await recordHolds(tx, merchant.id, holds, now);
		if (settled.length) {
			// The episode is over: the next time something is owed, the journey starts again from its first step.
			await tx
				.update(journeyProgress)
				.set({ progress: null, termEndsOn: null, heldBecause: null, episode: sql`${journeyProgress.episode} + 1`, updatedAt: now })
				.where(sql`${journeyProgress.debtorId} in (select jsonb_array_elements_text(${JSON.stringify(settled)}::jsonb)::uuid)`);
		}
	});
	return result;
}

/** A hold goes on the timeline once per step and reason, not every time the run looks again: one statement notes them
 * all (from one JSON parameter), and only the debtors whose reason changed get an event. */
async function recordHolds(db: Db, merchantId: string, holds: Hold[], now: Date): Promise<number> {
	if (holds.length === 0) return 0;
	const rows = holds.map((h) => ({ debtor_id: h.debtorId, step_id: h.stepId, reason: h.reason }));
	const at = now.toISOString();
	const changed = rowsOf<{ debtorId: string }>(
		await db.execute(sql`
		with v as (
			select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(debtor_id uuid, step_id text, reason text)
		), changed as (
			insert into journey_progress (debtor_id, merchant_id, progress, held_because, updated_at)
			select debtor_id, ${merchantId}::uuid, null, step_id || ':' || reason, ${at}::timestamptz from v
			on conflict (debtor_id) do update set held_because = excluded.held_because, updated_at = excluded.updated_at
				where journey_progress.held_because is distinct from excluded.held_because
			returning debtor_id
		), noted as (
			insert into timeline_events (merchant_id, debtor_id, type, actor, occurred_at, payload)
			select ${merchantId}::uuid, v.debtor_id, 'outreach.held', 'system', ${at}::timestamptz,
				jsonb_build_object('stepId', v.step_id, 'reason', v.reason)
			from changed join v using (debtor_id)
		)
		select debtor_id as "debtorId" from changed`)
	);
	return changed.length;
}

/**
 * The push message beside a notice, for a debtor who asked for push on their phone: an extra to the e-mail (which
 * stays the record the terms ask for), and the only one for a debtor we have no working e-mail address for.
 */
export function pushNotice(
	m: MerchantOutreachRow,
	s: DebtorSituation,
	n: NoticeSubject,
	dedupeKey: string,
	sendAfter: Date,
	because: Record<string, unknown>
): NewMessage[] {
	const composed = composePush(m, s, n);
	if (!composed) return [];
	return [
		{
			merchantId: m.id,
			debtorId: s.debtorId,
			stepId: null,
			dedupeKey: `${dedupeKey}>push`,
			channel: 'push',
			toAddress: s.debtorId,
			tried: [],
			sendAfter,
			composed,
			because
		}
	];
}

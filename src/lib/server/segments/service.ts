// The segments' verbs: see what a draft would do, save it (everyone re-sorted, moves on the timeline), keep one debtor current.
import { DEFAULT_OUTREACH_POLICY } from '../../domain/outreach/notices';
import { localDay } from '../../domain/outreach/send-window';
import type { Policy } from '../../domain/policy';
import { checkSegments, segmentOf, simulate, type Move, type SegmentIssue } from '../../domain/segments';
import type { SegmentDraft } from '../../schemas/segments';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client';
import { timelineEvents } from '../db/schema';
import * as merchants from '../merchants/queries';
import * as q from './queries';

/** The name a merchant without segments (or the dashboard) gives the one group everybody is in. */
export const EVERYONE = 'Iedereen';

const todayOf = (now: Date) => localDay(now, DEFAULT_OUTREACH_POLICY.window.timeZone);

export type Preview = {
	segments: { key: string; name: string; debtors: number; balanceCents: number }[];
	moves: { debtorId: string; name: string; customerRef: string; from: string; to: string }[];
};

/** A draft's rows keyed for the simulator: the stored id, or `new-<index>` for a segment not saved yet. */
const keyOf = (d: SegmentDraft, i: number) => d.id ?? `new-${i}`;

/** What saving `draft` would do today, without saving it: per segment how many debtors and euros, and who moves. */
export async function preview(db: Db, merchantId: string, draft: SegmentDraft[], now = new Date()): Promise<Preview> {
	const [stored, rows] = await Promise.all([q.list(db, merchantId), q.facts(db, merchantId, todayOf(now))]);
	const storedName = new Map(stored.map((s) => [s.id, s.name]));
	const list = draft.length
		? draft.map((d, i) => ({ id: keyOf(d, i), rules: d.rules, name: d.name }))
		: [{ id: IMPLICIT, rules: [], name: EVERYONE }];
	const draftName = new Map(list.map((s) => [s.id, s.name]));
	// Without stored segments everybody is in the implicit "Iedereen" now.
	const sim = simulate(
		list,
		rows.map((r) => ({ debtorId: r.debtorId, balanceCents: r.balanceCents, facts: r, current: r.current ?? IMPLICIT }))
	);
	const byId = new Map(rows.map((r) => [r.debtorId, r]));
	const moves = sim.moves.flatMap((m) => {
		const from = (m.from && storedName.get(m.from)) || EVERYONE;
		const to = draftName.get(m.to)!;
		// Out of the implicit group into a new catch-all of the same name is no change anyone would notice.
		if (m.from === IMPLICIT && to === EVERYONE) return [];
		const r = byId.get(m.debtorId)!;
		return [{ debtorId: m.debtorId, name: r.name, customerRef: r.customerRef, from, to }];
	});
	return {
		segments: sim.counts.map((c) => ({ key: c.id, name: draftName.get(c.id)!, debtors: c.debtors, balanceCents: c.balanceCents })),
		moves
	};
}

const IMPLICIT = 'everyone';

export type Saved = { ok: true; moved: number } | { ok: false; issues: SegmentIssue[] };

/**
 * Saves the merchant's segments and puts every debtor in theirs, in one transaction; each debtor who changes segment
 * gets a `segment.changed` event on their timeline. An empty list removes the segments (everyone is in "Iedereen").
 */
export async function save(db: Db, merchantId: string, actor: string, draft: SegmentDraft[], now = new Date()): Promise<Saved> {
	const issues = checkSegments(draft);
	if (issues.length) return { ok: false, issues };
	const base = await merchants.policyOf(db, merchantId);
	return db.transaction(async (tx) => {
		const before = new Map((await q.list(tx, merchantId)).map((s) => [s.id, s.name]));
		const saved = await q.replace(
			tx,
			merchantId,
			draft.map((d) => ({
				// An id that is not one of this merchant's segments (a form from another tab, or forged) makes a new one.
				id: d.id && before.has(d.id) ? d.id : undefined,
				name: d.name,
				rules: d.rules,
				tone: d.tone,
				calm: d.calm,
				offerPersonEarly: d.offerPersonEarly,
				policy: policyFor(base, d),
				outreach: null
			}))
		);
		const moves = await sortInto(tx, merchantId, saved, null, todayOf(now));
		await q.removeOthers(tx, merchantId, saved);
		if (!saved.length) await q.clear(tx, merchantId);
		// Before, a debtor without a row was in the implicit "Iedereen".
		const recorded = await record(
			tx,
			merchantId,
			actor,
			'segments_saved',
			moves,
			(id) => (id ? (before.get(id) ?? EVERYONE) : EVERYONE),
			saved,
			now
		);
		return { ok: true as const, moved: recorded };
	});
}

const savedName = (saved: q.SegmentRow[], id: string) => saved.find((s) => s.id === id)?.name ?? EVERYONE;

/**
 * Puts the given debtors (all the merchant's when null) in their segment now; what changed about a debtor (a claim
 * imported, paid, disputed, a plan broken, new tags) is cheap to follow: call this with that debtor.
 */
export async function refresh(db: Db, merchantId: string, debtorIds: string[], now = new Date()): Promise<number> {
	return debtorIds.length ? refreshWhere(db, merchantId, q.byIds(debtorIds), now) : 0;
}

/** As refresh, for the debtors `which` selects (a condition over `d`, the debtors table). */
export async function refreshWhere(db: Db, merchantId: string, which: SQL, now = new Date()): Promise<number> {
	const list = await q.list(db, merchantId);
	if (!list.length) return 0;
	const moves = await sortInto(db, merchantId, list, which, todayOf(now));
	// A debtor new to Coulant was in no segment before (null on their timeline).
	return record(db, merchantId, 'system', 'debtor_changed', moves, (id) => (id ? savedName(list, id) : null), list, now);
}

/** Sorts every debtor of every merchant with segments again (the hourly job): days late and history change by themselves. */
export async function refreshAll(db: Db, now = new Date()): Promise<number> {
	let moved = 0;
	for (const merchantId of await q.merchantsWithSegments(db)) moved += await refreshWhere(db, merchantId, sql`true`, now);
	return moved;
}

async function sortInto(db: Db, merchantId: string, list: q.SegmentRow[], which: SQL | null, today: string): Promise<Move[]> {
	if (!list.length) return [];
	const rows = await q.facts(db, merchantId, today, which ?? undefined);
	const assigned = rows.map((r) => ({ debtorId: r.debtorId, segmentId: segmentOf(list, r)!.id, from: r.current }));
	await q.assign(db, merchantId, assigned);
	return assigned.filter((a) => a.from !== a.segmentId).map((a) => ({ debtorId: a.debtorId, from: a.from, to: a.segmentId }));
}

async function record(
	db: Db,
	merchantId: string,
	actor: string,
	cause: 'segments_saved' | 'debtor_changed',
	moves: Move[],
	fromName: (id: string | null) => string | null,
	list: q.SegmentRow[],
	now: Date
): Promise<number> {
	// Out of the implicit "Iedereen" into a catch-all of that name is no change anyone would notice.
	const named = moves
		.map((m) => ({ ...m, fromName: fromName(m.from), toName: savedName(list, m.to) }))
		.filter((m) => m.fromName !== m.toName);
	if (!named.length) return 0;
	await db.insert(timelineEvents).values(
		named.map((m) => ({
			merchantId,
			debtorId: m.debtorId,
			type: 'segment.changed',
			actor,
			occurredAt: now,
			payload: { from: m.fromName, to: m.toName, segmentId: m.to, cause }
		}))
	);
	return named.length;
}

/** The merchant's policy with the segment's own room for plans and more time; null when it keeps the merchant's. */
function policyFor(base: Policy, d: SegmentDraft): Policy | null {
	if (d.maxTerms === null && d.moreTimeDays === null) return null;
	return {
		...base,
		instalments: {
			...base.instalments,
			maxTerms: d.maxTerms ?? base.instalments.maxTerms,
			minTerms: Math.min(base.instalments.minTerms, d.maxTerms ?? base.instalments.maxTerms)
		},
		moreTime: { ...base.moreTime, maxDays: d.moreTimeDays ?? base.moreTime.maxDays }
	};
}

export async function list(db: Db, merchantId: string) {
	return q.list(db, merchantId);
}

/** What the console's form edits of a stored segment. */
export function draftOf(s: q.SegmentRow): SegmentDraft & { id: string } {
	return {
		id: s.id,
		name: s.name,
		rules: s.rules,
		tone: s.tone,
		calm: s.calm,
		offerPersonEarly: s.offerPersonEarly,
		maxTerms: s.policy?.instalments.maxTerms ?? null,
		moreTimeDays: s.policy?.moreTime.maxDays ?? null
	};
}

export const check = checkSegments;

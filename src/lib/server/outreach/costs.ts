// Collection costs, once a 14-day letter's term has ended unpaid (art. 6:96 BW): only when the merchant turned them on,
// only on the claims the letter named that are still open, never more than the letter said, and never while the
// debtor is in a plan on track, has a promise running, disputes a named claim or support paused collection — the letter
// told them a plan made in time keeps costs away. Added as a claim of its own, once per letter (a unique key), with its
// timeline entry in the same transaction; the daily run calls this before it plans, so the next step names them.
import { sql } from 'drizzle-orm';
import { toned } from '../../copy';
import { statutoryCollectionCosts } from '../../domain/outreach/collection-costs';
import { addDays } from '../../domain/schedule';
import { onCalmPath } from '../../domain/segments';
import { termEndsOn } from '../../domain/outreach/planner';
import { toLocale } from '../../schemas/locale';
import { rowsOf, type Db } from '../db/client';
import { claims, timelineEvents } from '../db/schema';
import { situations, type DebtorSituation, type MerchantOutreachRow } from './situations';

/** A letter is received some days after it is handed to the post; an e-mail the day it is sent. */
const POST_DAYS = 2;

type Letter = { messageId: string; debtorId: string; claimIds: string[]; sentOn: string; channel: string; termEndsOn: string | null };

/** What the letter's term leaves owed, or null when no costs may be added today. */
export function costsDue(
	letter: Letter,
	s: DebtorSituation,
	today: string
): { principalCents: number; costsCents: number; currency: string } | null {
	const received = letter.channel === 'letter' ? addDays(letter.sentOn, POST_DAYS) : letter.sentOn;
	const ends = [termEndsOn(received), letter.termEndsOn ?? ''].sort().at(-1)!;
	// Costs are a decision with a big effect: on the calmest path (a vulnerable debtor) software does not take it alone.
	if (ends >= today || s.paused || onCalmPath(s.segment, s.tags)) return null;
	const named = s.claims.filter((c) => letter.claimIds.includes(c.id) && c.kind === 'invoice');
	if (named.length === 0) return null;
	if (named.some((c) => c.handedOver || c.disputed || c.inPlanOnTrack || (c.promisedUntil && c.promisedUntil >= today))) return null;
	const principalCents = named.reduce((n, c) => n + c.amountCents, 0);
	return { principalCents, costsCents: statutoryCollectionCosts(principalCents), currency: named[0].currency };
}

/** Adds the costs every ended term now allows for this merchant; returns how many claims it added. */
export async function addCollectionCosts(
	db: Db,
	m: MerchantOutreachRow,
	clock: { today: string; monday: string; timeZone: string },
	now: Date
): Promise<number> {
	const letters = rowsOf<Letter>(
		await db.execute(sql`
		select o.id as "messageId", o.debtor_id as "debtorId", o.claim_ids as "claimIds", o.channel,
			to_char((o.sent_at at time zone ${clock.timeZone})::date, 'YYYY-MM-DD') as "sentOn",
			to_char(jp.term_ends_on, 'YYYY-MM-DD') as "termEndsOn"
		from journey_progress jp
		join outbox_messages o on o.debtor_id = jp.debtor_id and o.kind = 'fourteen_day' and o.status = 'sent'
			and o.dedupe_key like 'step:' || jp.episode || ':%'
		where jp.merchant_id = ${m.id} and jp.progress is not null and jp.term_ends_on < ${clock.today}::date
			and not exists (select 1 from claims c where c.costs_for_message_id = o.id)`)
	);
	if (letters.length === 0) return 0;
	const ids = [...new Set(letters.map((l) => l.debtorId))];
	const found = new Map((await situations(db, sql`d.id in ${ids}`, clock, ids.length)).map((s) => [s.debtorId, s]));
	let added = 0;
	for (const letter of letters) {
		const s = found.get(letter.debtorId);
		const due = s && costsDue(letter, s, clock.today);
		if (!s || !due) continue;
		const named = s.claims.filter((c) => letter.claimIds.includes(c.id)).map((c) => c.reference);
		await db.transaction(async (tx) => {
			const [claim] = await tx
				.insert(claims)
				.values({
					merchantId: m.id,
					debtorId: s.debtorId,
					kind: 'collection_costs',
					costsForMessageId: letter.messageId,
					reference: `IK-${letter.messageId.slice(0, 8).toUpperCase()}`,
					description: toned(m.tone, 'claim_collection_costs', { references: named.join(', ') }, toLocale(s.locale)),
					amountCents: due.costsCents,
					currency: due.currency,
					issuedOn: clock.today,
					dueOn: clock.today,
					createdAt: now
				})
				.onConflictDoNothing({ target: claims.costsForMessageId })
				.returning({ id: claims.id });
			if (!claim) return;
			await tx.insert(timelineEvents).values({
				merchantId: m.id,
				debtorId: s.debtorId,
				type: 'claim.collection_costs_added',
				actor: 'system',
				occurredAt: now,
				payload: {
					claimId: claim.id,
					amountCents: due.costsCents,
					currency: due.currency,
					principalCents: due.principalCents,
					letterMessageId: letter.messageId,
					claimIds: letter.claimIds
				}
			});
			added++;
		});
	}
	return added;
}

// The daily retention run: debtors whose claims were all settled (paid or recalled) longer ago than their merchant's
// retention period, with nothing open, lose their personal data — each in its own transaction, exactly once.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import type { MediaStore } from '../video/storage';
import { erase } from './erase';

/** What marks a claim settled on the timeline; a claim without such an event counts from when it came in. */
const SETTLING = ['claim.paid', 'claim.paid_outside', 'claim.recalled', 'payment.paid', 'instalment.paid'];

/** Debtors due for anonymisation at `now`, oldest first, at most `limit`. */
export async function due(db: Db, now: Date, limit = 500): Promise<{ merchantId: string; debtorId: string }[]> {
	return rowsOf<{ merchantId: string; debtorId: string }>(
		await db.execute(sql`
		select d.merchant_id as "merchantId", d.id as "debtorId"
		from debtors d
		join merchants m on m.id = d.merchant_id
		cross join lateral (
			select greatest(
				(select max(c.created_at) from claims c where c.debtor_id = d.id),
				(select max(e.occurred_at) from timeline_events e
				  where e.debtor_id = d.id and e.type in (${sql.join(
						SETTLING.map((s) => sql`${s}`),
						sql`, `
					)}))
			) as settled_at
		) s
		where d.erased_at is null
		  and exists (select 1 from claims where debtor_id = d.id)
		  and not exists (select 1 from claims where debtor_id = d.id and status = 'open')
		  and not exists (select 1 from debtor_messages where debtor_id = d.id and status = 'open')
		  and not exists (select 1 from plans where debtor_id = d.id and status in ('proposed', 'active', 'at_risk'))
		  and not exists (select 1 from promises where debtor_id = d.id and status = 'open')
		  and not exists (select 1 from handovers where debtor_id = d.id and status in ('proposed', 'handed_over'))
		  and s.settled_at + make_interval(months => m.retention_months) <= ${now.toISOString()}::timestamptz
		order by s.settled_at
		limit ${limit}`)
	);
}

/**
 * Anonymises every debtor due. Safe to kill at any point: each debtor is one transaction, and one already done is
 * no longer due; a debtor whose state changed since the selection is refused by erase's own check and stays.
 */
export async function run(db: Db, o: { now?: Date; store?: MediaStore } = {}): Promise<{ erased: number }> {
	const now = o.now ?? new Date();
	let erased = 0;
	for (;;) {
		const batch = await due(db, now);
		let progressed = 0;
		for (const d of batch) {
			const result = await erase(db, d.merchantId, d.debtorId, { why: 'retention', actor: 'system', now, store: o.store });
			if (result?.ok) progressed++;
		}
		erased += progressed;
		if (batch.length < 500 || progressed === 0) return { erased };
	}
}

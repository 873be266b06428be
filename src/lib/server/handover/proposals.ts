// The daily look for debtors whose journey has run its course: each becomes a proposal that a person confirms
// (or declines) in the console. Nothing is handed over here.
import { and, asc, isNull, sql } from 'drizzle-orm';
import { handoverDue } from '../../domain/handover';
import { outreachOf } from '../../domain/outreach/settings';
import type { Db } from '../db/client';
import { agencies, merchants } from '../db/schema';
import { clockOf } from '../outreach/plan';
import { situations } from '../outreach/situations';
import { propose } from './service';

const PAGE = 500;

/** Proposes a hand-over for every debtor it is due for, at each merchant's first agency. Returns how many. */
export async function proposeDue(db: Db, now = new Date()): Promise<number> {
	const firstAgency = new Map<string, string>();
	for (const a of await db.select().from(agencies).where(isNull(agencies.archivedAt)).orderBy(asc(agencies.createdAt))) {
		if (!firstAgency.has(a.merchantId)) firstAgency.set(a.merchantId, a.id);
	}
	let proposed = 0;
	for (const [merchantId, agencyId] of firstAgency) {
		const [m] = await db
			.select({ outreach: merchants.outreach })
			.from(merchants)
			.where(and(sql`${merchants.id} = ${merchantId}`));
		const settings = outreachOf(m?.outreach);
		const lastStepId = settings.journey.steps.at(-1)?.id;
		if (!lastStepId) continue;
		const clock = clockOf(settings.policy, now);
		let after = '00000000-0000-0000-0000-000000000000';
		for (;;) {
			const page = await situations(
				db,
				sql`d.merchant_id = ${merchantId} and d.id > ${after}::uuid and jp.progress is not null
					and not exists (select 1 from handovers h where h.debtor_id = d.id and h.status in ('proposed', 'handed_over'))`,
				clock,
				PAGE
			);
			if (page.length === 0) break;
			after = page[page.length - 1].debtorId;
			for (const s of page) {
				const open = s.claims.filter((c) => !c.handedOver);
				const check = handoverDue({ claims: open, paused: s.paused, progress: s.progress }, lastStepId, clock.today);
				if (!check.due) continue;
				const r = await propose(db, merchantId, s.debtorId, agencyId, { proposedBy: 'journey', reason: 'journey_ended' }, now);
				if (r.ok) proposed++;
			}
		}
	}
	return proposed;
}

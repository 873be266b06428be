// Hand-overs and agencies in SQL, every query scoped to the merchant it is given.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { agencies, claims, debtors, handoverClaims, handovers, type HandoverStatus } from '../db/schema';

export type AgencyInput = {
	name: string;
	kind: 'agency' | 'bailiff';
	email: string | null;
	phone: string | null;
	website: string | null;
	payViaCoulant: boolean;
};

export const agenciesOf = (db: Db, merchantId: string) =>
	db
		.select()
		.from(agencies)
		.where(and(eq(agencies.merchantId, merchantId), isNull(agencies.archivedAt)))
		.orderBy(asc(agencies.createdAt));

export async function addAgency(db: Db, merchantId: string, input: AgencyInput) {
	const [row] = await db
		.insert(agencies)
		.values({ merchantId, ...input })
		.returning();
	return row;
}

export async function archiveAgency(db: Db, merchantId: string, agencyId: string, now: Date) {
	const rows = await db
		.update(agencies)
		.set({ archivedAt: now })
		.where(and(eq(agencies.id, agencyId), eq(agencies.merchantId, merchantId), isNull(agencies.archivedAt)))
		.returning({ id: agencies.id });
	return rows.length > 0;
}

export async function agency(db: Db, merchantId: string, agencyId: string) {
	const [row] = await db
		.select()
		.from(agencies)
		.where(and(eq(agencies.id, agencyId), eq(agencies.merchantId, merchantId), isNull(agencies.archivedAt)));
	return row;
}

/** The debtor's open claims that no live hand-over covers, with what is still open of each. */
export async function openClaimsOf(db: Db, merchantId: string, debtorId: string) {
	return rowsOf<{ id: string; reference: string; openCents: number }>(
		await db.execute(sql`
			select c.id, c.reference, (c.amount_cents - c.amount_paid_cents)::int as "openCents" from claims c
			where c.merchant_id = ${merchantId} and c.debtor_id = ${debtorId} and c.status = 'open'
				and c.amount_cents > c.amount_paid_cents
				and not exists (select 1 from handover_claims hc join handovers h on h.id = hc.handover_id
					where hc.claim_id = c.id and h.status in ('proposed', 'handed_over'))
			order by c.due_on, c.reference`)
	);
}

/**
 * A new hand-over with its claims. Null when the debtor already has a live one (the unique index says so; the
 * caller's transaction is kept usable by a savepoint).
 */
export async function insertHandover(
	db: Db,
	row: { merchantId: string; debtorId: string; agencyId: string; status: HandoverStatus; proposedBy: string; reason: string; now: Date },
	covered: { id: string; openCents: number }[]
) {
	const inserted = await db.transaction(async (sp) => {
		const [h] = await sp
			.insert(handovers)
			.values({
				merchantId: row.merchantId,
				debtorId: row.debtorId,
				agencyId: row.agencyId,
				status: row.status,
				proposedBy: row.proposedBy,
				reason: row.reason,
				proposedAt: row.now
			})
			.onConflictDoNothing()
			.returning();
		return h;
	});
	if (!inserted) return null;
	await db.insert(handoverClaims).values(covered.map((c) => ({ handoverId: inserted.id, claimId: c.id, openCents: c.openCents })));
	return inserted;
}

/** The hand-over, locked for a change of state; only the merchant's own. */
export async function lockHandover(db: Db, merchantId: string, handoverId: string) {
	const [row] = await db
		.select()
		.from(handovers)
		.where(and(eq(handovers.id, handoverId), eq(handovers.merchantId, merchantId)))
		.for('update');
	return row;
}

export async function coveredClaims(db: Db, handoverId: string) {
	return db
		.select({ id: claims.id, reference: claims.reference, openCents: handoverClaims.openCents, status: claims.status })
		.from(handoverClaims)
		.innerJoin(claims, eq(claims.id, handoverClaims.claimId))
		.where(eq(handoverClaims.handoverId, handoverId))
		.orderBy(asc(claims.dueOn), asc(claims.reference));
}

export async function setHandover(db: Db, handoverId: string, values: Partial<typeof handovers.$inferInsert>) {
	await db.update(handovers).set(values).where(eq(handovers.id, handoverId));
}

/** The console's list: proposals waiting for a person, and what is with an agency now. */
export async function listFor(db: Db, merchantId: string, statuses: HandoverStatus[], limit = 200) {
	return db
		.select({
			id: handovers.id,
			status: handovers.status,
			debtorId: handovers.debtorId,
			debtorName: debtors.name,
			customerRef: debtors.customerRef,
			agencyName: agencies.name,
			reason: handovers.reason,
			proposedBy: handovers.proposedBy,
			proposedAt: handovers.proposedAt,
			decidedAt: handovers.decidedAt,
			evidenceHead: handovers.evidenceHead,
			openCents: sql<number>`(select coalesce(sum(hc.open_cents), 0)::int from handover_claims hc where hc.handover_id = ${handovers.id})`
		})
		.from(handovers)
		.innerJoin(debtors, eq(debtors.id, handovers.debtorId))
		.innerJoin(agencies, eq(agencies.id, handovers.agencyId))
		.where(and(eq(handovers.merchantId, merchantId), inArray(handovers.status, statuses)))
		.orderBy(desc(handovers.proposedAt))
		.limit(limit);
}

/** The debtor's latest hand-over of any state, for the console's debtor page. */
export async function latestOf(db: Db, merchantId: string, debtorId: string) {
	const [row] = await db
		.select({
			id: handovers.id,
			status: handovers.status,
			agencyName: agencies.name,
			reason: handovers.reason,
			proposedAt: handovers.proposedAt,
			decidedAt: handovers.decidedAt,
			takenBackAt: handovers.takenBackAt,
			evidenceHead: handovers.evidenceHead
		})
		.from(handovers)
		.innerJoin(agencies, eq(agencies.id, handovers.agencyId))
		.where(and(eq(handovers.merchantId, merchantId), eq(handovers.debtorId, debtorId)))
		.orderBy(desc(handovers.proposedAt))
		.limit(1);
	return row;
}

export async function evidenceOf(db: Db, merchantId: string, handoverId: string) {
	const [row] = await db
		.select({ evidence: handovers.evidence, head: handovers.evidenceHead, sha256: handovers.evidenceSha256, debtorId: handovers.debtorId })
		.from(handovers)
		.where(and(eq(handovers.id, handoverId), eq(handovers.merchantId, merchantId)));
	return row;
}

/** The debtor's hand-over in force, if any, and whether the agency lets them still pay through Coulant. */
export async function inForce(db: Db, debtorId: string): Promise<{ payViaCoulant: boolean } | undefined> {
	const [row] = await db
		.select({ payViaCoulant: agencies.payViaCoulant })
		.from(handovers)
		.innerJoin(agencies, eq(agencies.id, handovers.agencyId))
		.where(and(eq(handovers.debtorId, debtorId), eq(handovers.status, 'handed_over')));
	return row;
}

/** The latest sealed pack that covers the merchant's claim with this reference (handed over, or since taken back). */
export async function packForClaim(db: Db, merchantId: string, reference: string) {
	const rows = rowsOf<{ id: string; evidence: Uint8Array; head: string; sha256: string; status: HandoverStatus }>(
		await db.execute(sql`
			select h.id, h.evidence, h.evidence_head as head, h.evidence_sha256 as sha256, h.status
			from claims c join handover_claims hc on hc.claim_id = c.id join handovers h on h.id = hc.handover_id
			where c.merchant_id = ${merchantId} and c.reference = ${reference} and h.merchant_id = ${merchantId}
				and h.evidence is not null
			order by h.decided_at desc limit 1`)
	);
	return rows[0];
}

/** Whether the debtor has a hand-over proposed or in force. */
export async function liveFor(db: Db, debtorId: string) {
	const [row] = await db
		.select({ id: handovers.id })
		.from(handovers)
		.where(and(eq(handovers.debtorId, debtorId), inArray(handovers.status, ['proposed', 'handed_over'])));
	return !!row;
}

// Segments in the database: a merchant's list, what the rules look at per debtor, and who is in which segment now.
import { and, asc, eq, notInArray, sql, type SQL } from 'drizzle-orm';
import type { DebtorFacts, Rule } from '../../domain/segments';
import { rowsOf, type Db, type Tx } from '../db/client';
import { debtorSegments, debtors, segments } from '../db/schema';

export type SegmentRow = typeof segments.$inferSelect & { rules: Rule[] };

export async function list(db: Db, merchantId: string): Promise<SegmentRow[]> {
	const rows = await db.select().from(segments).where(eq(segments.merchantId, merchantId)).orderBy(asc(segments.position));
	return rows as SegmentRow[];
}

export async function merchantsWithSegments(db: Db): Promise<string[]> {
	const rows = await db.selectDistinct({ id: segments.merchantId }).from(segments);
	return rows.map((r) => r.id);
}

export type FactsRow = DebtorFacts & { debtorId: string; name: string; customerRef: string; current: string | null };

/**
 * What the rules look at, for the merchant's debtors `which` selects (a fragment over `d`), as of `today`, with the
 * segment each is in now. One statement; claims, plans and promises are read by their debtor indexes.
 */
export async function facts(db: Db, merchantId: string, today: string, which: SQL = sql`true`): Promise<FactsRow[]> {
	const rows = rowsOf<FactsRow>(
		await db.execute(sql`
		select d.id as "debtorId", d.name, d.customer_ref as "customerRef", d.tags, ds.segment_id as current,
			coalesce(c."balanceCents", 0)::int as "balanceCents", coalesce(c."daysOverdue", 0)::int as "daysOverdue",
			coalesce(c."openClaims", 0)::int as "openClaims", coalesce(c.disputes, 0)::int as disputes,
			coalesce(c."customerDays", 0)::int as "customerDays",
			(coalesce(c.settled, 0) = 0 and not exists(select 1 from plans p where p.debtor_id = d.id)
				and not exists(select 1 from promises pr where pr.debtor_id = d.id)) as "firstTimeLate",
			(select count(*)::int from plans p where p.debtor_id = d.id and p.status = 'broken') as "plansBroken",
			(select count(*)::int from promises pr where pr.debtor_id = d.id and pr.status = 'kept') as "promisesKept"
		from debtors d
		left join debtor_segments ds on ds.debtor_id = d.id
		left join lateral (
			select sum(x.amount_cents - x.amount_paid_cents) filter (where x.status = 'open') as "balanceCents",
				max(${today}::date - x.due_on) filter (where x.status = 'open' and x.due_on < ${today}::date) as "daysOverdue",
				count(*) filter (where x.status = 'open') as "openClaims",
				count(*) filter (where x.status <> 'open') as settled,
				count(*) filter (where x.disputed_at is not null) as disputes,
				greatest(${today}::date - min(x.issued_on), 0) as "customerDays"
			from claims x where x.debtor_id = d.id
		) c on true
		where d.merchant_id = ${merchantId}::uuid and ${which}
		order by d.name, d.id`)
	);
	return rows;
}

export type NewSegment = Omit<typeof segments.$inferInsert, 'merchantId' | 'position'> & { id?: string };

/**
 * Writes the merchant's segments as `list`, in its order: rows keep their id when the form kept it, so the debtors
 * in a renamed segment stay where they are. Segments left out stay until removeOthers.
 */
export async function replace(tx: Tx, merchantId: string, list: NewSegment[]): Promise<SegmentRow[]> {
	const out: SegmentRow[] = [];
	for (const [position, s] of list.entries()) {
		const values = { ...s, merchantId, position, updatedAt: new Date() };
		const [row] = s.id
			? await tx
					.update(segments)
					.set(values)
					.where(and(eq(segments.id, s.id), eq(segments.merchantId, merchantId)))
					.returning()
			: await tx.insert(segments).values(values).returning();
		if (!row) throw new Error('segment not found for this merchant');
		out.push(row as SegmentRow);
	}
	return out;
}

/** Removes the merchant's segments other than `keep`; whoever was in them must have been given a new one first. */
export async function removeOthers(tx: Tx, merchantId: string, keep: SegmentRow[]) {
	const ids = keep.map((s) => s.id);
	const gone = and(eq(segments.merchantId, merchantId), ids.length ? notInArray(segments.id, ids) : sql`true`);
	await tx
		.delete(debtorSegments)
		.where(and(eq(debtorSegments.merchantId, merchantId), ids.length ? notInArray(debtorSegments.segmentId, ids) : sql`true`));
	await tx.delete(segments).where(gone);
}

/** Puts each debtor in their segment (one statement); a debtor already there keeps the moment they came in. */
export async function assign(db: Db, merchantId: string, rows: { debtorId: string; segmentId: string }[]) {
	if (!rows.length) return;
	await db
		.insert(debtorSegments)
		.values(rows.map((r) => ({ ...r, merchantId })))
		.onConflictDoUpdate({
			target: debtorSegments.debtorId,
			set: {
				segmentId: sql`excluded.segment_id`,
				assignedAt: sql`case when ${debtorSegments.segmentId} = excluded.segment_id then ${debtorSegments.assignedAt} else now() end`
			}
		});
}

/** A merchant without segments has no rows: the dashboard counts them all as one implicit "Iedereen". */
export async function clear(db: Db, merchantId: string) {
	await db.delete(debtorSegments).where(eq(debtorSegments.merchantId, merchantId));
}

export async function setTags(db: Db, merchantId: string, debtorId: string, tags: string[]) {
	await db
		.update(debtors)
		.set({ tags })
		.where(and(eq(debtors.id, debtorId), eq(debtors.merchantId, merchantId)));
}

export const byIds = (ids: string[]) => (ids.length ? sql`d.id in ${ids}` : sql`false`);

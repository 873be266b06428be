// The SQL of bank matching. Every statement filters on the merchant.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { OpenClaim } from '../../domain/bank/match';
import { rowsOf, type Db } from '../db/client';
import { bankEntries, bankImports, claims, debtors } from '../db/schema';

export async function importByHash(db: Db, merchantId: string, fileHash: string) {
	const [row] = await db
		.select({ id: bankImports.id, createdAt: bankImports.createdAt, fileName: bankImports.fileName })
		.from(bankImports)
		.where(and(eq(bankImports.merchantId, merchantId), eq(bankImports.fileHash, fileHash)));
	return row;
}

/** Which of these transfers an earlier file brought already. */
export async function knownKeys(db: Db, merchantId: string, keys: string[]): Promise<Set<string>> {
	const known = new Set<string>();
	for (let i = 0; i < keys.length; i += 1000) {
		const rows = await db
			.select({ key: bankEntries.entryKey })
			.from(bankEntries)
			.where(and(eq(bankEntries.merchantId, merchantId), inArray(bankEntries.entryKey, keys.slice(i, i + 1000))));
		for (const r of rows) known.add(r.key);
	}
	return known;
}

/**
 * The merchant's open claims in these currencies, with what the debtor owes in all and the accounts the debtor is
 * known to pay from: a direct debit mandate, or a transfer booked to them before.
 */
export async function openClaims(db: Db, merchantId: string, currencies: string[]): Promise<OpenClaim[]> {
	if (!currencies.length) return [];
	const rows = rowsOf<{
		id: string;
		debtor_id: string;
		reference: string;
		open_cents: string;
		currency: string;
		due_on: string;
		name: string;
		debtor_open: string;
		ibans: string[] | null;
	}>(
		await db.execute(sql`
			select c.id, c.debtor_id, c.reference, c.amount_cents - c.amount_paid_cents as open_cents, c.currency, c.due_on::text as due_on, d.name,
				sum(c.amount_cents - c.amount_paid_cents) over (partition by c.debtor_id, c.currency) as debtor_open,
				(select array_agg(distinct x.iban) from (
					select p.mandate_account as iban from plans p where p.debtor_id = c.debtor_id and p.mandate_account is not null
					union select e.payer_iban from bank_entries e join claims bc on bc.id = e.claim_id
						where e.merchant_id = ${merchantId} and bc.debtor_id = c.debtor_id and e.payer_iban is not null
				) x) as ibans
			from claims c join debtors d on d.id = c.debtor_id
			where c.merchant_id = ${merchantId} and c.status = 'open' and c.disputed_at is null
				and c.currency in (${sql.join(
					currencies.map((c) => sql`${c}`),
					sql`, `
				)})`)
	);
	return rows.map((r) => ({
		id: r.id,
		debtorId: r.debtor_id,
		reference: r.reference,
		openCents: Number(r.open_cents),
		currency: r.currency,
		dueOn: r.due_on,
		debtorName: r.name,
		debtorOpenCents: Number(r.debtor_open),
		debtorIbans: r.ibans ?? []
	}));
}

export type NewEntry = typeof bankEntries.$inferInsert;

/** Inserts the transfers; one another import is writing at the same moment is left to that import. */
export async function insertEntries(db: Db, rows: NewEntry[]) {
	const inserted: { id: string; entryKey: string }[] = [];
	for (let i = 0; i < rows.length; i += 500)
		inserted.push(
			...(await db
				.insert(bankEntries)
				.values(rows.slice(i, i + 500))
				.onConflictDoNothing()
				.returning({ id: bankEntries.id, entryKey: bankEntries.entryKey }))
		);
	return inserted;
}

export async function setEntry(db: Db, merchantId: string, id: string, set: Partial<NewEntry>, onlyIfStatus?: 'review' | 'unmatched') {
	const [row] = await db
		.update(bankEntries)
		.set(set)
		.where(
			and(eq(bankEntries.id, id), eq(bankEntries.merchantId, merchantId), onlyIfStatus ? eq(bankEntries.status, onlyIfStatus) : undefined)
		)
		.returning({ id: bankEntries.id });
	return row;
}

export async function entry(db: Db, merchantId: string, id: string) {
	const [row] = await db
		.select()
		.from(bankEntries)
		.where(and(eq(bankEntries.id, id), eq(bankEntries.merchantId, merchantId)));
	return row;
}

/** Transfers waiting for an agent, oldest first. */
export async function waiting(db: Db, merchantId: string, limit = 50) {
	return db
		.select()
		.from(bankEntries)
		.where(and(eq(bankEntries.merchantId, merchantId), eq(bankEntries.status, 'review')))
		.orderBy(asc(bankEntries.bookedOn), asc(bankEntries.createdAt))
		.limit(limit);
}

/** The claims a list of transfers names as candidates, with their debtor, only the merchant's. */
export async function claimsByIds(db: Db, merchantId: string, ids: string[]) {
	if (!ids.length) return [];
	return db
		.select({
			id: claims.id,
			reference: claims.reference,
			description: claims.description,
			status: claims.status,
			openCents: sql<number>`(${claims.amountCents} - ${claims.amountPaidCents})::int8`.mapWith(Number),
			currency: claims.currency,
			dueOn: claims.dueOn,
			debtorId: claims.debtorId,
			debtorName: debtors.name,
			customerRef: debtors.customerRef
		})
		.from(claims)
		.innerJoin(debtors, eq(debtors.id, claims.debtorId))
		.where(and(eq(claims.merchantId, merchantId), inArray(claims.id, ids)));
}

export async function recentImports(db: Db, merchantId: string, limit = 10) {
	return db.select().from(bankImports).where(eq(bankImports.merchantId, merchantId)).orderBy(desc(bankImports.createdAt)).limit(limit);
}

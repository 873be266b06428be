// Claims in: the SQL. Every statement filters on, or writes, the merchant id the caller got from a session or key.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { claims, debtors, imports, links, timelineEvents } from '../db/schema';
import type { ClaimRow } from '../../schemas/claims';

/**
 * Bulk statements take their rows as one JSON parameter (jsonb_to_recordset): a thousand rows are one parameter
 * instead of thirteen thousand, which both drivers send and PostgreSQL plans much faster.
 */
async function rowsFrom<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
	return rowsOf<T>(await db.execute(query));
}

/** The references one import has seen so far, to name duplicates within a file; dropped when the import ends. */
export async function startSeenRefs(db: Db) {
	await db.execute(sql`create temp table if not exists import_seen_refs (reference text primary key, line int not null) on commit drop`);
}

/** Marks references as seen; returns the duplicates, each with the line where the reference first appeared. */
export async function markSeen(db: Db, rows: { reference: string; line: number }[]) {
	const dupes = new Map<string, number>();
	if (!rows.length) return dupes;
	const fresh = await rowsFrom<{ reference: string; line: number }>(
		db,
		sql`insert into import_seen_refs (reference, line)
			select reference, line from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(reference text, line int)
			on conflict do nothing returning reference, line`
	);
	const firstLines = new Map(fresh.map((r) => [r.reference, r.line]));
	const unknown = [...new Set(rows.filter((r) => firstLines.get(r.reference) !== r.line).map((r) => r.reference))];
	if (unknown.length) {
		const earlier = await rowsFrom<{ reference: string; line: number }>(
			db,
			sql`select reference, line from import_seen_refs where reference in (select jsonb_array_elements_text(${JSON.stringify(unknown)}::jsonb))`
		);
		for (const e of earlier) dupes.set(e.reference, e.line);
	}
	return dupes;
}

/** Creates the debtors that are not there yet (matched on customer_ref; existing ones are left as they are). */
export async function insertDebtors(db: Db, merchantId: string, rows: ClaimRow[]) {
	if (!rows.length) return [];
	const json = JSON.stringify(
		rows.map((r) => ({ customer_ref: r.customer_ref, name: r.name, email: r.email ?? null, phone: r.phone ?? null, postcode: r.postcode ?? null, birth_date: r.birth_date ?? null, locale: r.locale }))
	);
	return rowsFrom<{ id: string; customerRef: string }>(
		db,
		sql`insert into ${debtors} (merchant_id, customer_ref, name, email, phone, postcode, birth_date, locale)
			select ${merchantId}::uuid, customer_ref, name, email, phone, postcode, birth_date, locale
			from jsonb_to_recordset(${json}::jsonb) as x(customer_ref text, name text, email text, phone text, postcode text, birth_date date, locale text)
			on conflict (merchant_id, customer_ref) do nothing
			returning id, customer_ref as "customerRef"`
	);
}

export async function debtorIds(db: Db, merchantId: string, customerRefs: string[]) {
	const rows = await rowsFrom<{ id: string; customerRef: string }>(
		db,
		sql`select id, customer_ref as "customerRef" from ${debtors}
			where merchant_id = ${merchantId}::uuid and customer_ref in (select jsonb_array_elements_text(${JSON.stringify(customerRefs)}::jsonb))`
	);
	return new Map(rows.map((r) => [r.customerRef, r.id]));
}

/** Inserts the claims whose reference is new to the merchant; returns only those. */
export async function insertClaims(db: Db, merchantId: string, rows: (ClaimRow & { debtorId: string })[]) {
	if (!rows.length) return [];
	const json = JSON.stringify(
		rows.map((r) => ({ debtor_id: r.debtorId, reference: r.reference, description: r.description, amount_cents: r.amount_cents, currency: r.currency, issued_on: r.issued_on, due_on: r.due_on }))
	);
	return rowsFrom<{ id: string; reference: string; debtorId: string }>(
		db,
		sql`insert into ${claims} (merchant_id, debtor_id, reference, description, amount_cents, currency, issued_on, due_on)
			select ${merchantId}::uuid, debtor_id, reference, description, amount_cents, currency, issued_on, due_on
			from jsonb_to_recordset(${json}::jsonb) as x(debtor_id uuid, reference text, description text, amount_cents bigint, currency text, issued_on date, due_on date)
			on conflict (merchant_id, reference) do nothing
			returning id, reference, debtor_id as "debtorId"`
	);
}

/** Claims the merchant already has under these references, to tell "sent again" from "reference taken". */
export async function existingClaims(db: Db, merchantId: string, references: string[]) {
	if (!references.length) return [];
	return db
		.select({ reference: claims.reference, customerRef: debtors.customerRef, amountCents: claims.amountCents, currency: claims.currency })
		.from(claims)
		.innerJoin(debtors, eq(debtors.id, claims.debtorId))
		.where(and(eq(claims.merchantId, merchantId), inArray(claims.reference, references)));
}

export async function insertLinks(db: Db, rows: { debtorId: string; tokenHash: string; expiresAt: Date }[]) {
	if (!rows.length) return [];
	const json = JSON.stringify(rows.map((r) => ({ debtor_id: r.debtorId, token_hash: r.tokenHash, expires_at: r.expiresAt.toISOString() })));
	return rowsFrom<{ id: string; debtorId: string }>(
		db,
		sql`insert into ${links} (debtor_id, token_hash, expires_at)
			select debtor_id, token_hash, expires_at from jsonb_to_recordset(${json}::jsonb) as x(debtor_id uuid, token_hash text, expires_at timestamptz)
			returning id, debtor_id as "debtorId"`
	);
}

export type NewEvent = { merchantId: string; debtorId: string; claimId?: string; type: string; actor: string; occurredAt: Date; payload: Record<string, unknown> };

export async function appendEvents(db: Db, events: NewEvent[]) {
	if (!events.length) return;
	const json = JSON.stringify(
		events.map((e) => ({ merchant_id: e.merchantId, debtor_id: e.debtorId, claim_id: e.claimId ?? null, type: e.type, actor: e.actor, occurred_at: e.occurredAt.toISOString(), payload: e.payload }))
	);
	await db.execute(
		sql`insert into ${timelineEvents} (merchant_id, debtor_id, claim_id, type, actor, occurred_at, payload)
			select merchant_id, debtor_id, claim_id, type, actor, occurred_at, payload
			from jsonb_to_recordset(${json}::jsonb) as x(merchant_id uuid, debtor_id uuid, claim_id uuid, type text, actor text, occurred_at timestamptz, payload jsonb)`
	);
}

export async function lastImportOf(db: Db, merchantId: string, fileSha256: string) {
	const [row] = await db
		.select({ createdAt: imports.createdAt })
		.from(imports)
		.where(and(eq(imports.merchantId, merchantId), eq(imports.fileSha256, fileSha256)))
		.orderBy(sql`${imports.createdAt} desc`)
		.limit(1);
	return row;
}

export async function recordImport(db: Db, row: typeof imports.$inferInsert) {
	const [created] = await db.insert(imports).values(row).returning({ id: imports.id });
	return created;
}

const claimColumns = {
	reference: claims.reference,
	customerRef: debtors.customerRef,
	description: claims.description,
	amountCents: claims.amountCents,
	amountPaidCents: claims.amountPaidCents,
	currency: claims.currency,
	issuedOn: claims.issuedOn,
	dueOn: claims.dueOn,
	status: claims.status
};

export async function claimByReference(db: Db, merchantId: string, reference: string) {
	const [row] = await db
		.select(claimColumns)
		.from(claims)
		.innerJoin(debtors, eq(debtors.id, claims.debtorId))
		.where(and(eq(claims.merchantId, merchantId), eq(claims.reference, reference)))
		.limit(1);
	return row;
}

export async function debtorByRef(db: Db, merchantId: string, customerRef: string) {
	const [debtor] = await db
		.select({ id: debtors.id, customerRef: debtors.customerRef, name: debtors.name, locale: debtors.locale })
		.from(debtors)
		.where(and(eq(debtors.merchantId, merchantId), eq(debtors.customerRef, customerRef)))
		.limit(1);
	if (!debtor) return undefined;
	const rows = await db
		.select(claimColumns)
		.from(claims)
		.innerJoin(debtors, eq(debtors.id, claims.debtorId))
		.where(and(eq(claims.merchantId, merchantId), eq(claims.debtorId, debtor.id)))
		.orderBy(claims.dueOn, claims.reference);
	return { debtor, claims: rows };
}

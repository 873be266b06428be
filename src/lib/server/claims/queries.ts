// Claims in: the SQL. Every statement filters on, or writes, the merchant id the caller got from a session or key.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { claims, debtors, imports } from '../db/schema';

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

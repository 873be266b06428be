// What the console reads and changes. Every function takes the merchant id first, and every statement filters
// on it: callers pass the id from the signed-in user's session, never one from the request.
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '../db/client';
import { claims, debtors, links } from '../db/schema';

export async function overview(db: Db, merchantId: string) {
	const [debtorCount] = await db.select({ n: count() }).from(debtors).where(eq(debtors.merchantId, merchantId));
	const open = await db
		.select({
			currency: claims.currency,
			claims: count(),
			amountCents: sql<string>`sum(${claims.amountCents} - ${claims.amountPaidCents})`
		})
		.from(claims)
		.where(and(eq(claims.merchantId, merchantId), eq(claims.status, 'open')))
		.groupBy(claims.currency)
		.orderBy(claims.currency);
	return {
		debtors: debtorCount.n,
		openClaims: open.reduce((n, r) => n + r.claims, 0),
		openBalance: open.map((r) => ({ currency: r.currency, amountCents: Number(r.amountCents) }))
	};
}

export type DebtorRow = {
	id: string;
	name: string;
	customerRef: string;
	email: string | null;
	openClaims: number;
	openCents: number;
	currency: string;
	awaiting: boolean;
};

/**
 * One page of the merchant's debtors by name, with what each still owes; `after` is the last debtor of the
 * previous page. One more row than asked tells whether there is a next page.
 */
export async function debtorsWithBalance(db: Db, merchantId: string, options: { after?: string; awaiting?: boolean; limit: number }) {
	const after = options.after ?? null;
	const result = await db.execute(sql`
		with page as (
			select d.id, d.name, d.customer_ref, d.email from debtors d
			where d.merchant_id = ${merchantId}
			  and (${after}::uuid is null or (d.name, d.id) > (select a.name, a.id from debtors a where a.id = ${after}::uuid and a.merchant_id = ${merchantId}))
			  and (not ${options.awaiting ?? false}::boolean or exists(select 1 from debtor_messages dm where dm.debtor_id = d.id and dm.status = 'open'))
			order by d.name, d.id
			limit ${options.limit + 1}
		)
		select p.id, p.name, p.customer_ref as "customerRef", p.email,
		       coalesce(c.n, 0)::int as "openClaims", coalesce(c.cents, 0)::int8 as "openCents", coalesce(c.currency, 'EUR') as currency,
		       exists(select 1 from debtor_messages dm where dm.debtor_id = p.id and dm.status = 'open') as awaiting
		from page p
		left join lateral (
			select count(*) as n, sum(cl.amount_cents - cl.amount_paid_cents) as cents, min(cl.currency) as currency
			from claims cl where cl.debtor_id = p.id and cl.status = 'open'
		) c on true
		order by p.name, p.id`);
	const rows = rowsOf<DebtorRow>(result).map((r) => ({ ...r, openClaims: Number(r.openClaims), openCents: Number(r.openCents) }));
	return { rows: rows.slice(0, options.limit), more: rows.length > options.limit };
}

export async function debtor(db: Db, merchantId: string, debtorId: string) {
	const [row] = await db
		.select({
			id: debtors.id,
			name: debtors.name,
			customerRef: debtors.customerRef,
			email: debtors.email,
			phone: debtors.phone,
			street: debtors.street,
			postcode: debtors.postcode,
			city: debtors.city,
			country: debtors.country,
			locale: debtors.locale,
			pausedAt: debtors.collectionPausedAt
		})
		.from(debtors)
		.where(and(eq(debtors.merchantId, merchantId), eq(debtors.id, debtorId)))
		.limit(1);
	return row;
}

export async function claimsOf(db: Db, merchantId: string, debtorId: string) {
	return db
		.select({
			id: claims.id,
			reference: claims.reference,
			description: claims.description,
			// What is still owed: instalments may have paid part of it.
			amountCents: sql<number>`(${claims.amountCents} - ${claims.amountPaidCents})::int8`.mapWith(Number),
			currency: claims.currency,
			issuedOn: claims.issuedOn,
			dueOn: claims.dueOn,
			status: claims.status,
			disputed: sql<boolean>`${claims.disputedAt} is not null`
		})
		.from(claims)
		.where(and(eq(claims.merchantId, merchantId), eq(claims.debtorId, debtorId)))
		.orderBy(asc(claims.dueOn), asc(claims.reference));
}

/** Ends every active link of a debtor of this merchant; returns how many. */
export async function revokeLinks(db: Db, merchantId: string, debtorId: string, at: Date) {
	const revoked = await db
		.update(links)
		.set({ revokedAt: at })
		.where(
			and(
				eq(links.debtorId, debtorId),
				isNull(links.revokedAt),
				sql`exists (select 1 from ${debtors} where ${debtors.id} = ${links.debtorId} and ${debtors.merchantId} = ${merchantId})`
			)
		)
		.returning({ id: links.id });
	return revoked.length;
}

/** Locks the merchant's debtor rows for the rest of the transaction, so two "new link" clicks take turns. */
export async function lockDebtor(db: Tx, merchantId: string, debtorId: string) {
	const [row] = await db
		.select({ id: debtors.id })
		.from(debtors)
		.where(and(eq(debtors.merchantId, merchantId), eq(debtors.id, debtorId)))
		.for('update');
	return row;
}

export async function debtorIdsOf(db: Db, merchantId: string) {
	return db
		.select({ id: debtors.id, name: debtors.name, customerRef: debtors.customerRef, email: debtors.email })
		.from(debtors)
		.where(eq(debtors.merchantId, merchantId))
		.orderBy(asc(debtors.name), asc(debtors.id));
}

// Finding a debtor of the signed-in merchant by name, e-mail, customer number or claim reference.
import { and, asc, eq, ilike, inArray, or } from 'drizzle-orm';
import type { Db } from '../db/client';
import { claims, debtors } from '../db/schema';

/** Escapes LIKE wildcards so that what the agent types is matched literally. */
const literal = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function search(db: Db, merchantId: string, query: string, limit = 20) {
	const q = query.trim();
	if (q.length < 2) return [];
	const contains = `%${literal(q)}%`;
	return db
		.select({ id: debtors.id, name: debtors.name, email: debtors.email, customerRef: debtors.customerRef })
		.from(debtors)
		.where(
			and(
				eq(debtors.merchantId, merchantId),
				or(
					ilike(debtors.name, contains),
					ilike(debtors.email, contains),
					ilike(debtors.customerRef, contains),
					// One pass over the merchant's claims (hashed), not a lookup per debtor.
					inArray(
						debtors.id,
						db.select({ id: claims.debtorId }).from(claims).where(and(eq(claims.merchantId, merchantId), ilike(claims.reference, contains)))
					)
				)
			)
		)
		.orderBy(asc(debtors.name), asc(debtors.id))
		.limit(limit);
}

// What the debtor page reads: one debtor, their merchant and their claims.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { claims, debtors, merchants } from '../db/schema';

export async function debtorWithMerchant(db: Db, debtorId: string) {
	const [row] = await db
		.select({
			debtor: {
				id: debtors.id,
				name: debtors.name,
				locale: debtors.locale
			},
			merchant: {
				id: merchants.id,
				displayName: merchants.displayName,
				tone: merchants.tone,
				brandColor: merchants.brandColor,
				accentColor: merchants.accentColor,
				logoHash: merchants.logoHash,
				contactEmail: merchants.contactEmail,
				contactPhone: merchants.contactPhone,
				contactHours: merchants.contactHours,
				website: merchants.website
			}
		})
		.from(debtors)
		.innerJoin(merchants, eq(merchants.id, debtors.merchantId))
		.where(eq(debtors.id, debtorId))
		.limit(1);
	return row;
}

export async function claimsOf(db: Db, debtorId: string) {
	return db
		.select({
			id: claims.id,
			reference: claims.reference,
			description: claims.description,
			amountCents: claims.amountCents,
			currency: claims.currency,
			issuedOn: claims.issuedOn,
			dueOn: claims.dueOn,
			status: claims.status
		})
		.from(claims)
		.where(eq(claims.debtorId, debtorId))
		.orderBy(asc(claims.dueOn));
}

export async function setDebtorLocale(db: Db, debtorId: string, locale: string) {
	await db.update(debtors).set({ locale }).where(eq(debtors.id, debtorId));
}

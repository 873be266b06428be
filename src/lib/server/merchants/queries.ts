// Merchants: their settings, brand, logo and policy.
import { outreachOf } from '../../domain/outreach/settings';
import { asc, eq } from 'drizzle-orm';
import { DEFAULT_POLICY } from '../../domain/policy';
import type { Db } from '../db/client';
import { debtors, merchants } from '../db/schema';

export async function logoOf(db: Db, merchantId: string) {
	const [row] = await db
		.select({ logo: merchants.logo, logoType: merchants.logoType, logoHash: merchants.logoHash })
		.from(merchants)
		.where(eq(merchants.id, merchantId))
		.limit(1);
	return row;
}

/** The merchant's policy, or the default one. */
export async function policyOf(db: Db, merchantId: string) {
	const [row] = await db.select({ policy: merchants.policy }).from(merchants).where(eq(merchants.id, merchantId));
	return row?.policy ?? DEFAULT_POLICY;
}

/** What the owner's settings page edits. */
export async function settingsOf(db: Db, merchantId: string) {
	const [row] = await db
		.select({
			id: merchants.id,
			displayName: merchants.displayName,
			brandColor: merchants.brandColor,
			accentColor: merchants.accentColor,
			contactEmail: merchants.contactEmail,
			contactPhone: merchants.contactPhone,
			contactHours: merchants.contactHours,
			website: merchants.website,
			senderName: merchants.senderName,
			tone: merchants.tone,
			privacyCheck: merchants.privacyCheck,
			retentionMonths: merchants.retentionMonths,
			defaultLocale: merchants.defaultLocale,
			policy: merchants.policy,
			logoHash: merchants.logoHash,
			logoType: merchants.logoType
		})
		.from(merchants)
		.where(eq(merchants.id, merchantId));
	return row;
}

export async function update(db: Db, merchantId: string, set: Partial<typeof merchants.$inferInsert>) {
	await db.update(merchants).set(set).where(eq(merchants.id, merchantId));
}

/** The merchant's voice (tone and names) and its debtors' languages by customer number. */
export async function voiceOf(db: Db, merchantId: string) {
	const [sender] = await db
		.select({ tone: merchants.tone, displayName: merchants.displayName, senderName: merchants.senderName })
		.from(merchants)
		.where(eq(merchants.id, merchantId));
	const locales = await db
		.select({ customerRef: debtors.customerRef, locale: debtors.locale })
		.from(debtors)
		.where(eq(debtors.merchantId, merchantId))
		.orderBy(asc(debtors.customerRef));
	return { sender, locales };
}

/** The merchant's outreach settings (journey and rules), the defaults filled in. */
export async function outreachOfMerchant(db: Db, merchantId: string) {
	const [row] = await db.select({ outreach: merchants.outreach }).from(merchants).where(eq(merchants.id, merchantId));
	return outreachOf(row?.outreach);
}

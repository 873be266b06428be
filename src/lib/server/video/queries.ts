// What a debtor's video is made of, read in one go: their merchant's brand, tone and policy, and their open claims.
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { claims, debtors, merchants, promises } from '../db/schema';
import { logoOf } from '../merchants/queries';

export async function factsOf(db: Db, debtorId: string) {
	const [found] = await db
		.select({
			debtorId: debtors.id,
			merchantId: merchants.id,
			name: debtors.name,
			locale: debtors.locale,
			merchantName: merchants.displayName,
			tone: merchants.tone,
			brandColor: merchants.brandColor,
			accentColor: merchants.accentColor,
			logoHash: merchants.logoHash,
			logoType: merchants.logoType,
			policy: merchants.policy
		})
		.from(debtors)
		.innerJoin(merchants, eq(merchants.id, debtors.merchantId))
		.where(eq(debtors.id, debtorId));
	if (!found) return undefined;
	// The logo (up to 1 MB) by its hash, from memory: the same for every debtor of the merchant.
	const { logoHash, ...row } = found;
	const logo = await logoFor(db, row.merchantId, logoHash, row.logoType);
	const open = await db
		.select({ amountCents: claims.amountCents, currency: claims.currency, dueOn: claims.dueOn })
		.from(claims)
		.where(and(eq(claims.debtorId, debtorId), eq(claims.status, 'open')));
	const [made] = await db
		.select({ n: count(), open: sql<boolean>`coalesce(bool_or(${promises.status} = 'open'), false)` })
		.from(promises)
		.where(eq(promises.debtorId, debtorId));
	return { ...row, logo, open, promisesMade: made?.n ?? 0, promiseOpen: !!made?.open };
}

export type DebtorFacts = NonNullable<Awaited<ReturnType<typeof factsOf>>>;

/** Debtors with open claims, for the start-up sweep that makes sure every one of them has a video. */
export async function debtorsWithOpenClaims(db: Db, limit = 1000) {
	return db
		.selectDistinct({ debtorId: claims.debtorId, locale: debtors.locale })
		.from(claims)
		.innerJoin(debtors, eq(debtors.id, claims.debtorId))
		.where(eq(claims.status, 'open'))
		.limit(limit);
}

/**
 * A merchant's logo, kept in memory by its content hash (a new logo has a new hash, so this is never stale).
 * It is the merchant's brand, the same for all its debtors: nothing personal.
 */
const logos = new Map<string, Uint8Array | null>();
const MAX_LOGOS = 50; // at most 1 MB each (MAX_LOGO_BYTES)
export async function logoFor(db: Db, merchantId: string, logoHash: string | null, logoType: string | null): Promise<Uint8Array | null> {
	// Without a type the video leaves the logo out anyway (see propsFor).
	if (!logoType) return null;
	const hit = logoHash ? logos.get(`${merchantId}:${logoHash}`) : undefined;
	if (hit !== undefined) return hit;
	const row = await logoOf(db, merchantId);
	if (row?.logoHash) {
		if (logos.size >= MAX_LOGOS) logos.clear();
		logos.set(`${merchantId}:${row.logoHash}`, row.logo ?? null);
	}
	return row?.logo ?? null;
}

// What a debtor's video is made of, read in one go: their merchant's brand, tone and policy, and their open claims.
import { and, count, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { claims, debtors, merchants, promises } from '../db/schema';

export async function factsOf(db: Db, debtorId: string) {
	const [row] = await db
		.select({
			debtorId: debtors.id,
			merchantId: merchants.id,
			name: debtors.name,
			locale: debtors.locale,
			merchantName: merchants.displayName,
			tone: merchants.tone,
			brandColor: merchants.brandColor,
			accentColor: merchants.accentColor,
			logo: merchants.logo,
			logoType: merchants.logoType,
			policy: merchants.policy
		})
		.from(debtors)
		.innerJoin(merchants, eq(merchants.id, debtors.merchantId))
		.where(eq(debtors.id, debtorId));
	if (!row) return undefined;
	const open = await db
		.select({ amountCents: claims.amountCents, currency: claims.currency, dueOn: claims.dueOn })
		.from(claims)
		.where(and(eq(claims.debtorId, debtorId), eq(claims.status, 'open')));
	const [made] = await db
		.select({ n: count(), open: sql<boolean>`coalesce(bool_or(${promises.status} = 'open'), false)` })
		.from(promises)
		.where(eq(promises.debtorId, debtorId));
	return { ...row, open, promisesMade: made?.n ?? 0, promiseOpen: !!made?.open };
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

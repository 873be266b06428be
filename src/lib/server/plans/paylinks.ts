// Pay links per instalment, for reminders: a random token in the URL, only its hash stored, and it opens
// one instalment's pay page — never the debtor's whole overview.
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client';
import { debtors, instalmentLinks, instalments, merchants, plans } from '../db/schema';
import { lookupKey } from '../links/service';
import { hashToken, newToken } from '../links/token';
import { debtorFacingColumns, toBrand } from '../merchants/brand';
import { DEFAULT_POLICY } from '../../domain/policy';

export async function issue(db: Db, instalmentId: string, ttlDays = 60, now = new Date()) {
	const token = newToken();
	await db.insert(instalmentLinks).values({ instalmentId, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + ttlDays * 86_400_000), createdAt: now });
	return token;
}

/** The instalment behind a pay link, with what its page shows; null for an unknown or expired link. */
export async function resolve(db: Db, token: string, now = new Date()) {
	const key = lookupKey(token);
	if (!key) return null;
	const [row] = await db
		.select({
			instalment: instalments,
			plan: plans,
			debtorName: debtors.name,
			merchant: debtorFacingColumns
		})
		.from(instalmentLinks)
		.innerJoin(instalments, eq(instalments.id, instalmentLinks.instalmentId))
		.innerJoin(plans, eq(plans.id, instalments.planId))
		.innerJoin(debtors, eq(debtors.id, plans.debtorId))
		.innerJoin(merchants, eq(merchants.id, plans.merchantId))
		.where(and(eq(instalmentLinks.tokenHash, key), gt(instalmentLinks.expiresAt, now)))
		.limit(1);
	if (!row) return null;
	return {
		instalment: row.instalment,
		plan: row.plan,
		brand: toBrand(row.merchant),
		tone: row.merchant.tone,
		payer: {
			debtorId: row.plan.debtorId,
			merchantId: row.merchant.id,
			merchantName: row.merchant.displayName,
			policy: row.merchant.policy ?? DEFAULT_POLICY,
			debtorName: row.debtorName
		}
	};
}

// A merchant row as the debtor sees it.
import type { Brand } from '../../domain/brand';
import type { Db } from '../db/client';
import { merchants } from '../db/schema';
import * as q from './queries';

/**
 * What a debtor-facing page reads of the merchant, for a drizzle select: the brand, tone and policy; never the
 * logo itself, only the hash its URL is made of.
 */
export const debtorFacingColumns = {
	id: merchants.id,
	displayName: merchants.displayName,
	tone: merchants.tone,
	brandColor: merchants.brandColor,
	accentColor: merchants.accentColor,
	logoHash: merchants.logoHash,
	contactEmail: merchants.contactEmail,
	contactPhone: merchants.contactPhone,
	contactHours: merchants.contactHours,
	website: merchants.website,
	policy: merchants.policy
};

type BrandFields = {
	id: string;
	displayName: string;
	brandColor: string;
	accentColor: string;
	logoHash: string | null;
	contactEmail: string | null;
	contactPhone: string | null;
	contactHours: string | null;
	website: string | null;
};

export function toBrand(m: BrandFields): Brand {
	return {
		displayName: m.displayName,
		brandColor: m.brandColor,
		accentColor: m.accentColor,
		logoUrl: m.logoHash ? `/brand/${m.id}/logo/${m.logoHash}` : null,
		contactEmail: m.contactEmail,
		contactPhone: m.contactPhone,
		contactHours: m.contactHours,
		website: m.website
	};
}

/** The logo a brand's URL names: only while `hash` is still the merchant's current logo (the URL changes with it). */
export async function logo(db: Db, merchantId: string, hash: string) {
	const row = await q.logoOf(db, merchantId);
	return row?.logo && row.logoType && row.logoHash === hash ? { bytes: row.logo, type: row.logoType } : null;
}

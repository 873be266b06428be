// What a debtor's video is made of: their page's own view (the same statement and the same domain functions as
// the page), with their merchant's look; and the logo, by its hash, from memory.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { claims, debtors, debtorVideos } from '../db/schema';
import { logoOf } from '../merchants/queries';
import { viewOfDebtor } from '../portal/service';
import type { PageFacts } from './page';

/** The video's facts for a debtor, as their page would show them now; undefined for an unknown debtor. */
export async function factsOf(db: Db, debtorId: string, now = new Date()): Promise<DebtorFacts | undefined> {
	const found = await viewOfDebtor(db, debtorId, now);
	if (!found) return undefined;
	const { logoHash, ...facts } = found.video;
	return { ...facts, logo: await logoFor(db, facts.merchantId, logoHash, facts.logoType) };
}

export type DebtorFacts = Omit<PageFacts, 'logoHash'> & { logo: Uint8Array | null };

/**
 * Debtors with open claims whose video was never asked for in their language: the safety net of the sweep (a change
 * to anyone else's facts reaches the drain through video_changes).
 */
export async function debtorsWithoutVideo(db: Db, limit = 1000) {
	return db
		.selectDistinct({ debtorId: claims.debtorId, locale: debtors.locale })
		.from(claims)
		.innerJoin(debtors, eq(debtors.id, claims.debtorId))
		.leftJoin(debtorVideos, and(eq(debtorVideos.debtorId, claims.debtorId), eq(debtorVideos.locale, debtors.locale)))
		.where(and(eq(claims.status, 'open'), isNull(debtorVideos.debtorId)))
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

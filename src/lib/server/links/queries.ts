// Personal links: rows hold only the token's hash.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { links } from '../db/schema';

export async function insert(db: Db, row: { debtorId: string; tokenHash: string; expiresAt: Date }) {
	const [created] = await db.insert(links).values(row).returning({ id: links.id });
	return created;
}

export async function byTokenHash(db: Db, tokenHash: string) {
	const [row] = await db.select().from(links).where(eq(links.tokenHash, tokenHash)).limit(1);
	return row;
}

export async function revokeAllFor(db: Db, debtorId: string, at: Date) {
	await db
		.update(links)
		.set({ revokedAt: at })
		.where(and(eq(links.debtorId, debtorId), isNull(links.revokedAt)));
}

export async function revoke(db: Db, linkId: string, at: Date) {
	await db.update(links).set({ revokedAt: at }).where(eq(links.id, linkId));
}

export async function expire(db: Db, linkId: string, at: Date) {
	await db.update(links).set({ expiresAt: at }).where(eq(links.id, linkId));
}

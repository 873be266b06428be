// Personal links: rows hold only the token's hash.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { links } from '../db/schema';

export async function insert(db: Db, row: { debtorId: string; tokenHash: string; expiresAt: Date }) {
	const [created] = await db.insert(links).values(row).returning({ id: links.id });
	return created;
}

export async function revoke(db: Db, linkId: string, at: Date) {
	await db.update(links).set({ revokedAt: at }).where(eq(links.id, linkId));
}

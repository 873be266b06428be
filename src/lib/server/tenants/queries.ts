// The merchant_mollie rows: a merchant's own Mollie account. Secrets go in and out sealed (vault.ts); the purpose
// names the merchant and the column, so a sealed value moved to another row or column does not open.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { merchantMollie } from '../db/schema';
import { openSecret, sealSecret } from '../sealing';

export type Row = typeof merchantMollie.$inferSelect;
type Secret = 'accessToken' | 'refreshToken' | 'apiKey';

const purpose = (merchantId: string, column: Secret) => `merchant_mollie.${column}:${merchantId}`;

export const sealFor = (merchantId: string, column: Secret, plain: string) => sealSecret(purpose(merchantId, column), plain);
export function openFor(row: Row, column: Secret): string | null {
	const v = row[column];
	return v ? openSecret(purpose(row.merchantId, column), v) : null;
}

export async function byMerchant(db: Db, merchantId: string): Promise<Row | undefined> {
	const [row] = await db.select().from(merchantMollie).where(eq(merchantMollie.merchantId, merchantId));
	return row;
}

export async function upsert(db: Db, merchantId: string, set: Partial<typeof merchantMollie.$inferInsert>) {
	const values = { ...set, updatedAt: new Date() };
	const [row] = await db
		.insert(merchantMollie)
		.values({ merchantId, ...values })
		.onConflictDoUpdate({ target: merchantMollie.merchantId, set: values })
		.returning();
	return row;
}

export async function update(db: Db, merchantId: string, set: Partial<typeof merchantMollie.$inferInsert>) {
	const [row] = await db
		.update(merchantMollie)
		.set({ ...set, updatedAt: new Date() })
		.where(eq(merchantMollie.merchantId, merchantId))
		.returning();
	return row;
}

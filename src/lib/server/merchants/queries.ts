// Merchants as the debtor side sees them (the console adds its own verbs later).
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { merchants } from '../db/schema';

export async function logoOf(db: Db, merchantId: string) {
	const [row] = await db
		.select({ logo: merchants.logo, logoType: merchants.logoType, logoHash: merchants.logoHash })
		.from(merchants)
		.where(eq(merchants.id, merchantId))
		.limit(1);
	return row;
}

// Whether a merchant can take payments now, as pages need to know it (the debtor page, the console's checklist).
import type { Db } from '../db/client';
import * as q from './queries';

export type PaymentsStanding = 'ready' | 'none' | 'revoked';

/** Without a row the installation's account takes the payments (see credentials.ts), so that counts as ready. */
export async function paymentsStanding(db: Db, merchantId: string): Promise<PaymentsStanding> {
	const row = await q.byMerchant(db, merchantId);
	if (!row || row.state === 'connected') return 'ready';
	return row.state === 'revoked' ? 'revoked' : 'none';
}

// Whether a merchant can take payments now, as pages need to know it (the debtor page, the console's checklist).
import type { Db } from '../db/client';
import * as q from './queries';

export type PaymentsStanding = 'ready' | 'none' | 'revoked';

/** Without a row the installation's account takes the payments (see credentials.ts), so that counts as ready. */
export async function paymentsStanding(db: Db, merchantId: string): Promise<PaymentsStanding> {
	return standingOf((await q.byMerchant(db, merchantId))?.state ?? null);
}

/** The standing from the merchant's `merchant_mollie.state`, null without a row (the debtor page reads it in its own statement). */
export function standingOf(state: string | null): PaymentsStanding {
	if (state === null || state === 'connected') return 'ready';
	return state === 'revoked' ? 'revoked' : 'none';
}

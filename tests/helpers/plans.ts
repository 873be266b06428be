// Instalment plans for integration tests that need one running, against the Mollie stand-in.
import type { Db } from '../../src/lib/server/db/client';
import * as controls from '../../src/lib/server/mollie-standin/controls';
import * as plans from '../../src/lib/server/plans/service';
import * as plansQ from '../../src/lib/server/plans/queries';
import { eventually, type Standin } from './standin';

/**
 * Confirms a monthly direct-debit plan starting on the stand-in's today, pays its first instalment at the
 * stand-in's checkout and waits for the subscription: the outcome of confirming, and the subscription's id.
 */
export async function directDebitPlan(
	db: Db,
	standin: Standin,
	who: Parameters<typeof plans.confirm>[1],
	ctx: Parameters<typeof plans.confirm>[3],
	terms = 3
) {
	const firstDate = standin.clock.now.toISOString().slice(0, 10);
	const outcome = await plans.confirm(db, who, { terms, frequency: 'monthly', firstDate, collection: 'direct_debit' }, ctx);
	if (outcome.kind !== 'checkout') throw new Error(`expected a checkout, got ${JSON.stringify(outcome)}`);
	await controls.decide(db, outcome.url.split('/').pop()!, 'paid', standin.clock.now);
	const subscriptionId = (await eventually(async () => (await plansQ.liveOf(db, who.debtorId))?.mollieSubscriptionId, Boolean))!;
	return { outcome, subscriptionId };
}

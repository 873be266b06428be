// A demo debtor with a payment plan by direct debit, made the way a debtor makes one: the plan confirmed on their
// link, the first instalment paid by iDEAL at the Mollie stand-in, Mollie's news applied by the settlement — so the
// demo's outbox holds the receipt and the SEPA pre-notification the engine sends for it. Only with the stand-in.
import { toIsoDay } from '../../domain/schedule';
import type { Db } from '../db/client';
import * as controls from '../mollie-standin/controls';
import * as plans from '../plans/service';
import * as portal from '../portal/service';
import * as settlement from '../settlement/service';

export async function ensureDemoPlan(db: Db, token: string, origin: string, now = new Date()): Promise<boolean> {
	const who = await portal.holder(db, token, now);
	if (!who) return false;
	const outcome = await plans.confirm(
		db,
		who,
		{ terms: 3, frequency: 'monthly', firstDate: toIsoDay(now), collection: 'direct_debit' },
		{ origin, locale: 'nl', now }
	);
	// Made on an earlier start: the plan is there (confirm refuses a second one).
	if (outcome.kind !== 'checkout') return false;
	const paymentId = outcome.url.split('/').pop()!;
	await controls.decide(db, paymentId, 'paid', now);
	// The server does not listen yet, so Mollie's webhook cannot reach it: the settlement hears it here instead.
	await settlement.onWebhook(db, paymentId);
	return true;
}

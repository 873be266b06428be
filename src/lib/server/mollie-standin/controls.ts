// What a tester can do to the stand-in: choose an outcome at checkout, resend, delay or drop webhooks, queue faults.
import type { Db } from '../db/client';
import type { StandinContext } from './context';
import { afterPaid, chargeback as chargeBack, runDue } from './recurring';
import * as store from './store';
import { deliverWebhook, sendWebhookNow } from './webhooks';

export const OUTCOMES = ['paid', 'failed', 'canceled', 'expired', 'open'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The hosted checkout's choice: a final status fires the webhook (unless dropped) and returns the redirect URL. */
export async function decide(db: Db, id: string, outcome: Outcome, now = new Date()) {
	const row = await store.payment(db, id);
	if (!row) return null;
	if (outcome !== 'open') {
		const finished = await store.finish(db, id, outcome, now);
		if (finished && outcome === 'paid') await afterPaid({ db, now: () => now }, id);
		if (finished) deliverWebhook(finished);
	}
	return { redirectUrl: row.redirectUrl };
}

/** Sets a status without any webhook, as if Mollie's notification got lost. */
export async function setStatus(db: Db, id: string, status: Exclude<Outcome, 'open'> | 'pending', now = new Date()) {
	if (status === 'pending') return store.updatePayment(db, id, { status });
	const finished = await store.finish(db, id, status, now);
	if (finished && status === 'paid') await afterPaid({ db, now: () => now }, id);
	return finished;
}

export async function resendWebhook(db: Db, id: string) {
	const row = await store.payment(db, id);
	return row ? sendWebhookNow(row) : null;
}

export async function webhookMode(db: Db, id: string, mode: { drop?: boolean; delayMs?: number }) {
	return store.updatePayment(db, id, { webhookMode: mode.drop ? 'drop' : 'deliver', webhookDelayMs: mode.delayMs ?? 0 });
}

export const failNext = store.queueFault;
export const clearFaults = store.clearFaults;
export const payment = store.payment;

/** Moves the stand-in's clock forward and runs what has become due (subscription collections). */
export async function advanceClock(ctx: StandinContext, days: number) {
	if (!ctx.advance) throw new Error('This stand-in has a fixed clock');
	ctx.advance(days * 86_400_000);
	return runDue(ctx);
}

export const bounceNextCollection = store.queueCollectionFault;
export const chargeback = chargeBack;
export { runDue };

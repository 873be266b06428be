// A payment's life, as Mollie reports it. One pure function decides every transition.

export const PAYMENT_STATUSES = ['open', 'pending', 'authorized', 'paid', 'failed', 'canceled', 'expired'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const FINAL_STATUSES: ReadonlySet<PaymentStatus> = new Set(['paid', 'failed', 'canceled', 'expired']);

const RANK: Record<PaymentStatus, number> = { open: 0, pending: 1, authorized: 2, paid: 3, failed: 3, canceled: 3, expired: 3 };

export function isFinal(status: PaymentStatus): boolean {
	return FINAL_STATUSES.has(status);
}

export type Transition = { changed: false } | { changed: true; from: PaymentStatus; to: PaymentStatus };

/**
 * What we record when Mollie reports `observed` for a payment we hold as `current`.
 * Webhooks carry no status and can arrive twice, late or out of order, so the only rule is:
 * move forward, never back, and a final state is never undone.
 */
export function transition(current: PaymentStatus, observed: PaymentStatus): Transition {
	if (current === observed || isFinal(current)) return { changed: false };
	if (RANK[observed] < RANK[current]) return { changed: false };
	return { changed: true, from: current, to: observed };
}

/** Whether a payment still counts as "the" open payment for a balance (so we reuse it instead of creating another). */
export function isReusable(status: PaymentStatus, expiresAt: Date | null, now: Date): boolean {
	return (status === 'open' || status === 'pending') && (!expiresAt || expiresAt > now);
}

/** Mollie amounts are strings with exactly two decimals. */
export function toMollieAmount(amountCents: number, currency: string) {
	if (!Number.isSafeInteger(amountCents) || amountCents <= 0) throw new RangeError(`Cannot pay ${amountCents} cents`);
	const value = `${Math.floor(amountCents / 100)}.${String(amountCents % 100).padStart(2, '0')}`;
	return { value, currency };
}

export function fromMollieAmount(amount: { value: string; currency: string }): { amountCents: number; currency: string } {
	const m = /^(\d+)\.(\d{2})$/.exec(amount.value);
	if (!m) throw new RangeError(`Not a Mollie amount: ${amount.value}`);
	return { amountCents: Number(m[1]) * 100 + Number(m[2]), currency: amount.currency };
}

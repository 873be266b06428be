import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PAYMENT_STATUSES, fromMollieAmount, isFinal, isReusable, toMollieAmount, transition, type PaymentStatus } from './payment';

describe('transition', () => {
	it('moves forward through open → pending → paid', () => {
		expect(transition('open', 'pending')).toEqual({ changed: true, from: 'open', to: 'pending' });
		expect(transition('pending', 'paid')).toEqual({ changed: true, from: 'pending', to: 'paid' });
		expect(transition('open', 'expired')).toEqual({ changed: true, from: 'open', to: 'expired' });
	});

	it('ignores a repeat of what we already know', () => {
		expect(transition('paid', 'paid')).toEqual({ changed: false });
		expect(transition('open', 'open')).toEqual({ changed: false });
	});

	it('never goes back', () => {
		expect(transition('pending', 'open')).toEqual({ changed: false });
	});

	it('never undoes a final state', () => {
		expect(transition('paid', 'failed')).toEqual({ changed: false });
		expect(transition('canceled', 'paid')).toEqual({ changed: false });
		expect(transition('expired', 'open')).toEqual({ changed: false });
	});

	it('reaches the same end whatever order the reports arrive in', () => {
		const status = fc.constantFrom<PaymentStatus>(...PAYMENT_STATUSES);
		fc.assert(
			fc.property(fc.array(status, { maxLength: 12 }), (reports) => {
				let current: PaymentStatus = 'open';
				let finals = 0;
				for (const observed of reports) {
					const t = transition(current, observed);
					if (t.changed) {
						if (isFinal(t.to)) finals++;
						current = t.to;
					}
				}
				// At most one final transition ever happens, and it sticks.
				expect(finals).toBeLessThanOrEqual(1);
				const firstFinal = reports.find(isFinal);
				if (firstFinal) expect(current).toBe(firstFinal);
			})
		);
	});
});

describe('isReusable', () => {
	const now = new Date('2026-11-22T12:00:00Z');
	it('reuses an open payment that has not expired', () => {
		expect(isReusable('open', new Date('2026-11-22T12:10:00Z'), now)).toBe(true);
		expect(isReusable('pending', null, now)).toBe(true);
	});
	it('does not reuse expired or final payments', () => {
		expect(isReusable('open', new Date('2026-11-22T11:59:00Z'), now)).toBe(false);
		expect(isReusable('failed', null, now)).toBe(false);
	});
});

describe('Mollie amounts', () => {
	it('writes exactly two decimals', () => {
		expect(toMollieAmount(11440, 'EUR')).toEqual({ value: '114.40', currency: 'EUR' });
		expect(toMollieAmount(5, 'EUR')).toEqual({ value: '0.05', currency: 'EUR' });
		expect(toMollieAmount(1234567, 'EUR').value).toBe('12345.67');
	});
	it('round-trips every amount', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 10_000_000_00 }), (cents) => {
				expect(fromMollieAmount(toMollieAmount(cents, 'EUR')).amountCents).toBe(cents);
			})
		);
	});
	it('refuses what is not a payable amount', () => {
		expect(() => toMollieAmount(0, 'EUR')).toThrow();
		expect(() => toMollieAmount(10.5, 'EUR')).toThrow();
		expect(() => fromMollieAmount({ value: '10.5', currency: 'EUR' })).toThrow();
	});
});

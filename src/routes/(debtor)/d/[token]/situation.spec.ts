import { describe, expect, it } from 'vitest';
import { inPlan, situationOf } from './situation';

const base = {
	balance: { open: [{}], total: { amountCents: 2495 } },
	paused: false,
	paymentPending: false,
	promise: null,
	plan: null,
	brokenPlan: null
};

describe('situationOf', () => {
	it('is settled when nothing is open, whatever else is known', () => {
		expect(situationOf({ ...base, balance: { open: [], total: { amountCents: 0 } }, brokenPlan: { brokenAt: 'x' } })).toBe('settled');
	});
	it('leads with the pause over everything still open', () => {
		expect(situationOf({ ...base, paused: true, plan: { status: 'active' } })).toBe('paused');
	});
	it('names each state of a running plan', () => {
		expect(situationOf({ ...base, plan: { status: 'active' } })).toBe('plan');
		expect(situationOf({ ...base, plan: { status: 'proposed' } })).toBe('plan_first');
		expect(situationOf({ ...base, plan: { status: 'at_risk' } })).toBe('plan_missed');
		expect(situationOf({ ...base, plan: { status: 'at_risk', onHold: true } })).toBe('plan_held');
		expect(inPlan('plan_missed')).toBe(true);
		expect(inPlan('open')).toBe(false);
	});
	it('is on hold when everything open is disputed', () => {
		expect(situationOf({ ...base, balance: { open: [{}], total: { amountCents: 0 } } })).toBe('on_hold');
	});
	it('tells a pending payment, a promise and a broken plan apart from a plain open balance', () => {
		expect(situationOf({ ...base, paymentPending: true, promise: {} })).toBe('pending');
		expect(situationOf({ ...base, promise: { promisedOn: '2027-01-05' } })).toBe('promise');
		expect(situationOf({ ...base, brokenPlan: { brokenAt: 'x' } })).toBe('plan_broken');
		expect(situationOf(base)).toBe('open');
	});
});

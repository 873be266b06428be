import { describe, expect, it } from 'vitest';
import { balanceOf, daysOverdue, type ClaimLine } from './claim';

const claim = (over: Partial<ClaimLine>): ClaimLine => ({
	id: crypto.randomUUID(),
	reference: 'F-1',
	description: 'Abonnement',
	issuedOn: '2026-10-01',
	dueOn: '2026-10-15',
	status: 'open',
	amountCents: 1000,
	currency: 'EUR',
	...over
});

describe('balanceOf', () => {
	it('adds only open claims and lists them oldest first', () => {
		const balance = balanceOf([
			claim({ reference: 'B', dueOn: '2026-11-01', amountCents: 2500 }),
			claim({ reference: 'A', dueOn: '2026-10-01', amountCents: 1995 }),
			claim({ reference: 'P', status: 'paid', amountCents: 9999 })
		]);
		expect(balance.total).toEqual({ amountCents: 4495, currency: 'EUR' });
		expect(balance.open.map((c) => c.reference)).toEqual(['A', 'B']);
		expect(balance.oldestDueOn).toBe('2026-10-01');
	});

	it('counts what is on hold as still outstanding, not as payable now', () => {
		const balance = balanceOf([claim({ reference: 'A', amountCents: 1000 }), claim({ reference: 'B', amountCents: 2500, disputed: true })]);
		expect(balance.total).toEqual({ amountCents: 1000, currency: 'EUR' });
		expect(balance.onHold).toEqual({ amountCents: 2500, currency: 'EUR' });
		expect(balance.outstanding).toEqual({ amountCents: 3500, currency: 'EUR' });
		expect(balanceOf([claim({})], 'EUR', { paused: true }).outstanding).toEqual({ amountCents: 1000, currency: 'EUR' });
	});

	it('is zero with nothing open', () => {
		const balance = balanceOf([claim({ status: 'paid' })]);
		expect(balance.total.amountCents).toBe(0);
		expect(balance.open).toEqual([]);
		expect(balance.oldestDueOn).toBeNull();
	});
});

describe('daysOverdue', () => {
	it('counts whole days after the due date', () => {
		expect(daysOverdue('2026-10-15', '2026-11-22')).toBe(38);
		expect(daysOverdue('2026-02-28', '2026-03-01')).toBe(1);
	});

	it('is zero before or on the due date', () => {
		expect(daysOverdue('2026-12-01', '2026-11-22')).toBe(0);
		expect(daysOverdue('2026-11-22', '2026-11-22')).toBe(0);
	});
});

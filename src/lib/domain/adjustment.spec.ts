import { describe, expect, it } from 'vitest';
import { checkAdjustment } from './adjustment';
import { DEFAULT_POLICY } from './policy';

const eur = (amountCents: number) => ({ amountCents, currency: 'EUR' });
const today = '2026-11-22';

describe('adjusting a running plan', () => {
	it('spreads what is unpaid over the new number of instalments from the new date, remainder first', () => {
		const check = checkAdjustment(DEFAULT_POLICY, eur(10_001), 2, 'monthly', today, { remaining: 4, nextDate: '2026-12-15' });
		expect(check.ok && check.instalments.map((i) => [i.dueOn, i.amountCents])).toEqual([
			['2026-12-15', 2501],
			['2027-01-15', 2500],
			['2027-02-15', 2500],
			['2027-03-15', 2500]
		]);
	});

	it('keeps the total number of instalments within the policy', () => {
		expect(checkAdjustment(DEFAULT_POLICY, eur(50_000), 3, 'monthly', today, { remaining: 10, nextDate: today })).toEqual({
			ok: false,
			field: 'remaining',
			reason: 'terms_not_allowed'
		});
		expect(checkAdjustment(DEFAULT_POLICY, eur(50_000), 3, 'monthly', today, { remaining: 9, nextDate: today }).ok).toBe(true);
	});

	it('refuses instalments below the minimum, but one instalment may clear a small rest', () => {
		expect(checkAdjustment(DEFAULT_POLICY, eur(1_500), 1, 'monthly', today, { remaining: 2, nextDate: today })).toMatchObject({
			ok: false,
			reason: 'below_minimum_instalment'
		});
		expect(checkAdjustment(DEFAULT_POLICY, eur(500), 1, 'monthly', today, { remaining: 1, nextDate: today }).ok).toBe(true);
	});

	it('asks for a next date between today and the latest start the policy allows', () => {
		const at = (nextDate: string) => checkAdjustment(DEFAULT_POLICY, eur(9_000), 0, 'weekly', today, { remaining: 3, nextDate });
		expect(at('2026-11-21')).toMatchObject({ ok: false, field: 'nextDate', reason: 'date_in_past' });
		expect(at('2026-12-23')).toMatchObject({ ok: false, field: 'nextDate', reason: 'date_too_late' });
		expect(at('2026-13-01')).toMatchObject({ ok: false, field: 'nextDate', reason: 'date_invalid' });
		expect(at('2026-12-22').ok).toBe(true);
	});

	it('has nothing to adjust once everything is paid', () => {
		expect(checkAdjustment(DEFAULT_POLICY, eur(0), 4, 'monthly', today, { remaining: 1, nextDate: today })).toMatchObject({
			ok: false,
			reason: 'nothing_left'
		});
	});
});

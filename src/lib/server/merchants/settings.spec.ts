import { describe, expect, it } from 'vitest';
import { eurosToCents, policyFromForm } from './settings';

describe('euro amounts as merchants type them', () => {
	it('reads Dutch and English notations exactly', () => {
		expect(eurosToCents('10')).toBe(1000);
		expect(eurosToCents('10,5')).toBe(1050);
		expect(eurosToCents('€ 1.234,56')).toBe(123456);
		expect(eurosToCents('1.234')).toBe(123400);
		expect(eurosToCents('0.29')).toBe(29);
	});
	it('is NaN for anything else', () => {
		for (const bad of ['', 'tien', '-5', '1,2,3', '10,555', undefined]) expect(eurosToCents(bad)).toBeNaN();
	});
});

describe('the policy form', () => {
	it('turns fields into the policy shape', () => {
		const f = new FormData();
		for (const [k, v] of Object.entries({
			payNow: 'on',
			moreTime: 'on',
			minTerms: '2',
			maxTerms: '6',
			minInstalment: '10',
			latestStartDays: '14',
			minBalance: '50',
			fee: '0',
			brokenAfterMisses: '2',
			moreTimeDays: '30',
			maxPostponements: '1'
		}))
			f.set(k, v);
		f.append('frequencies', 'monthly');
		expect(policyFromForm(f)).toEqual({
			offers: { payNow: true, instalments: false, moreTime: true },
			instalments: {
				minTerms: 2,
				maxTerms: 6,
				frequencies: ['monthly'],
				minInstalmentCents: 1000,
				latestStartDays: 14,
				minBalanceCents: 5000,
				feeCents: 0,
				brokenAfterMisses: 2
			},
			moreTime: { maxDays: 30, maxPostponements: 1 }
		});
	});
});

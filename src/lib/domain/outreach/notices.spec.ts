import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../schedule';
import {
	checkOutreachPolicy,
	DEFAULT_OUTREACH_POLICY,
	dueNotices,
	earliestDebit,
	isCreditorId,
	noticedDebitDates,
	noticeForEvent,
	type NoticePlan
} from './notices';

describe('the SEPA pre-notification', () => {
	it('moves a debit that falls inside the notice period, and the rest with it', () => {
		expect(noticedDebitDates('2026-12-10', 'weekly', 3, '2026-12-06', 14)).toEqual(['2026-12-20', '2026-12-27', '2027-01-03']);
		expect(noticedDebitDates('2027-01-15', 'monthly', 2, '2026-12-06', 14)).toEqual(['2027-01-15', '2027-02-15']);
	});

	it('never lets a debit fall less than the notice period (and never under two days) after its notice', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 400 }),
				fc.integer({ min: -30, max: 60 }),
				fc.integer({ min: 0, max: 30 }),
				fc.constantFrom('weekly', 'biweekly', 'monthly' as const),
				(d, offset, noticeDays, freq) => {
					const noticeDay = addDays('2026-01-01', d);
					const dates = noticedDebitDates(addDays(noticeDay, offset), freq, 4, noticeDay, noticeDays);
					for (const date of dates) expect(daysBetween(noticeDay, date)).toBeGreaterThanOrEqual(Math.max(2, noticeDays));
					expect(dates[0] >= earliestDebit(noticeDay, noticeDays)).toBe(true);
				}
			)
		);
	});
});

describe('dueNotices', () => {
	const plan = (over: Partial<NoticePlan> = {}): NoticePlan => ({
		collection: 'pay_by_link',
		held: false,
		debitsRunning: true,
		instalments: [
			{ id: 'i1', number: 1, dueOn: '2026-12-10', status: 'scheduled' },
			{ id: 'i2', number: 2, dueOn: '2027-01-10', status: 'scheduled' }
		],
		...over
	});
	const rules = { reminderDays: 3 };

	it('reminds before a pay-by-link instalment and on its day', () => {
		expect(dueNotices('2026-12-06', plan(), null, rules, false)).toEqual([]);
		expect(dueNotices('2026-12-07', plan(), null, rules, false)).toEqual([{ kind: 'instalment_reminder', about: 'i1', on: '2026-12-07' }]);
		expect(dueNotices('2026-12-10', plan(), null, rules, false)).toEqual([{ kind: 'instalment_due', about: 'i1', on: '2026-12-10' }]);
	});

	it('reminds before each debit, not the first (paid by iDEAL), and not while the debit is stopped', () => {
		const dd = plan({ collection: 'direct_debit' });
		expect(dueNotices('2026-12-08', dd, null, rules, false)).toEqual([]);
		expect(dueNotices('2027-01-08', dd, null, rules, false)).toEqual([{ kind: 'pre_debit_reminder', about: 'i2', on: '2027-01-08' }]);
		expect(dueNotices('2027-01-08', plan({ collection: 'direct_debit', debitsRunning: false }), null, rules, false)).toEqual([]);
	});

	it('says nothing about a held or paused plan, and reminds the day before a promised date', () => {
		expect(dueNotices('2026-12-10', plan({ held: true }), null, rules, false)).toEqual([]);
		expect(dueNotices('2026-12-10', plan(), null, rules, true)).toEqual([]);
		expect(dueNotices('2026-12-09', null, { id: 'p1', promisedOn: '2026-12-10' }, rules, false)).toEqual([
			{ kind: 'promise_reminder', about: 'p1', on: '2026-12-09' }
		]);
	});

	it('knows which events bring which notice', () => {
		expect(noticeForEvent('payment.paid', {})).toBe('receipt');
		expect(noticeForEvent('plan.created', { collection: 'pay_by_link' })).toBe('plan_confirmation');
		expect(noticeForEvent('plan.created', { collection: 'direct_debit' })).toBeNull();
		expect(noticeForEvent('plan.direct_debit_set_up', {})).toBe('pre_debit_notice');
		expect(noticeForEvent('link.opened', {})).toBeNull();
	});
});

describe('the outreach policy', () => {
	it('takes the defaults and refuses a cap of 0 or a notice period under two days', () => {
		expect(checkOutreachPolicy(DEFAULT_OUTREACH_POLICY)).toEqual([]);
		expect(checkOutreachPolicy({ ...DEFAULT_OUTREACH_POLICY, weeklyCap: 0, noticeDays: 1 })).toEqual([
			{ field: 'weeklyCap', problem: 'weekly_cap' },
			{ field: 'noticeDays', problem: 'notice_days' }
		]);
	});

	it('checks a SEPA creditor identifier by its check digits', () => {
		expect(isCreditorId('NL79ZZZ999999990000')).toBe(true);
		expect(isCreditorId('nl79 zzz 9999 9999 0000')).toBe(true);
		expect(isCreditorId('NL78ZZZ999999990000')).toBe(false);
		expect(isCreditorId('DE98ZZZ09999999999')).toBe(true);
		expect(isCreditorId('not an id')).toBe(false);
	});
});

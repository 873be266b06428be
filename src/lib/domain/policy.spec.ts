import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policySchema } from '../schemas/policy';
import {
	DEFAULT_POLICY,
	checkPlanRequest,
	checkPostponement,
	paydayFirstDate,
	planHealth,
	planOptions,
	type InstalmentOutcome,
	type Policy,
	type PlanRequest
} from './policy';
import { FREQUENCIES, addDays, splitEvenly, type Frequency } from './schedule';

const TODAY = '2027-01-15';
const eur = (amountCents: number) => ({ amountCents, currency: 'EUR' });
const withRules = (rules: Partial<Policy['instalments']>, offers: Partial<Policy['offers']> = {}): Policy => ({
	...DEFAULT_POLICY,
	offers: { ...DEFAULT_POLICY.offers, ...offers },
	instalments: { ...DEFAULT_POLICY.instalments, ...rules }
});
const plan = (over: Partial<PlanRequest> = {}): PlanRequest => ({
	terms: 3,
	frequency: 'monthly',
	firstDate: '2027-02-01',
	...over
});

describe('planOptions', () => {
	it('offers only the term counts that keep every instalment at or above the minimum', () => {
		const options = planOptions(DEFAULT_POLICY, eur(5000), TODAY);
		expect(options).toEqual({
			offered: true,
			terms: [2, 3, 4, 5],
			frequencies: ['weekly', 'biweekly', 'monthly'],
			earliestFirstDate: TODAY,
			latestFirstDate: '2027-02-14',
			fromMonthly: eur(1000),
			fee: eur(0)
		});
	});

	it('says "from" with the smallest monthly instalment of the longest plan', () => {
		const options = planOptions(DEFAULT_POLICY, eur(100_000), TODAY);
		expect(options.offered && options.terms).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		expect(options.offered && options.fromMonthly).toEqual(eur(8333));
	});

	it('has no monthly "from" amount when monthly plans are not offered', () => {
		const options = planOptions(withRules({ frequencies: ['biweekly', 'weekly'] }), eur(100_000), TODAY);
		expect(options.offered && options.fromMonthly).toBeNull();
		expect(options.offered && options.frequencies).toEqual(['weekly', 'biweekly']);
	});

	it('offers nothing when plans are off or the balance is too small for any plan', () => {
		expect(planOptions(withRules({}, { instalments: false }), eur(100_000), TODAY)).toEqual({
			offered: false,
			reason: 'plans_not_offered'
		});
		expect(planOptions(DEFAULT_POLICY, eur(4999), TODAY)).toEqual({ offered: false, reason: 'balance_too_small' });
		expect(planOptions(withRules({ minInstalmentCents: 3000 }), eur(5000), TODAY)).toEqual({
			offered: false,
			reason: 'balance_too_small'
		});
	});
});

describe('checkPlanRequest', () => {
	it('accepts an allowed plan and returns its exact schedule', () => {
		const result = checkPlanRequest(withRules({ feeCents: 250 }), eur(10_000), TODAY, plan());
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.schedule.instalments.map((i) => [i.dueOn, i.amountCents])).toEqual([
			['2027-02-01', 3334],
			['2027-03-01', 3333],
			['2027-04-01', 3333]
		]);
		expect(result.schedule.fee).toEqual({ ...eur(250), dueOn: '2027-02-01' });
		expect(result.schedule.total).toEqual(eur(10_250));
	});

	it('accepts the first date on the first and on the last allowed day', () => {
		expect(checkPlanRequest(DEFAULT_POLICY, eur(10_000), TODAY, plan({ firstDate: TODAY })).ok).toBe(true);
		expect(checkPlanRequest(DEFAULT_POLICY, eur(10_000), TODAY, plan({ firstDate: '2027-02-14' })).ok).toBe(true);
	});

	it.each([
		['more terms than allowed', plan({ terms: 13 }), 'terms', 'terms_not_allowed'],
		['a single term', plan({ terms: 1 }), 'terms', 'terms_not_allowed'],
		['fractional terms', plan({ terms: 2.5 }), 'terms', 'terms_not_allowed'],
		['terms that are not a number', plan({ terms: Number.NaN }), 'terms', 'terms_not_allowed'],
		['terms sent as text', plan({ terms: '3' as unknown as number }), 'terms', 'terms_not_allowed'],
		['instalments below the minimum', plan({ terms: 11 }), 'terms', 'below_minimum_instalment'],
		['an unknown frequency', plan({ frequency: 'daily' as Frequency }), 'frequency', 'frequency_not_allowed'],
		['a first date after the latest start', plan({ firstDate: '2027-02-15' }), 'firstDate', 'first_date_too_late'],
		['a first date in the past', plan({ firstDate: '2027-01-14' }), 'firstDate', 'first_date_in_past'],
		['a first date that does not exist', plan({ firstDate: '2027-02-30' }), 'firstDate', 'first_date_invalid'],
		['a first date with a time', plan({ firstDate: '2027-02-01T00:00:00Z' }), 'firstDate', 'first_date_invalid']
	])('refuses %s', (_, request, field, reason) => {
		expect(checkPlanRequest(DEFAULT_POLICY, eur(10_000), TODAY, request)).toEqual({ ok: false, field, reason });
	});

	it('refuses a frequency the merchant does not offer', () => {
		const policy = withRules({ frequencies: ['monthly'] });
		expect(checkPlanRequest(policy, eur(10_000), TODAY, plan({ frequency: 'weekly' }))).toEqual({
			ok: false,
			field: 'frequency',
			reason: 'frequency_not_allowed'
		});
	});

	it('refuses any plan when plans are off or the balance is too small, without blaming a field', () => {
		const off = withRules({}, { instalments: false });
		expect(checkPlanRequest(off, eur(10_000), TODAY, plan())).toEqual({ ok: false, field: null, reason: 'plans_not_offered' });
		expect(checkPlanRequest(DEFAULT_POLICY, eur(4000), TODAY, plan({ terms: 2 }))).toEqual({
			ok: false,
			field: null,
			reason: 'balance_too_small'
		});
	});
});

// Policies that the schema accepts, built so that every plan threshold makes sense.
const policyArb = fc
	.record({
		minTerms: fc.integer({ min: 2, max: 12 }),
		extraTerms: fc.integer({ min: 0, max: 24 }),
		frequencies: fc.subarray([...FREQUENCIES], { minLength: 1 }),
		minInstalmentCents: fc.integer({ min: 1, max: 10_000 }),
		extraBalance: fc.integer({ min: 0, max: 100_000 }),
		latestStartDays: fc.integer({ min: 0, max: 90 }),
		feeCents: fc.integer({ min: 0, max: 2_000 })
	})
	.map((p): Policy =>
		withRules({
			minTerms: p.minTerms,
			maxTerms: p.minTerms + p.extraTerms,
			frequencies: p.frequencies,
			minInstalmentCents: p.minInstalmentCents,
			minBalanceCents: p.minInstalmentCents * p.minTerms + p.extraBalance,
			latestStartDays: p.latestStartDays,
			feeCents: p.feeCents
		})
	);
const todayArb = fc
	.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true })
	.map((d) => d.toISOString().slice(0, 10));
// Mostly plausible requests, so that accepted plans are well exercised, with tampered ones mixed in.
const requestArb = fc.record({
	termsAboveMin: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -3, max: 30 })),
	frequency: fc.constantFrom(...FREQUENCIES),
	offsetDays: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.integer({ min: -10, max: 100 }))
});
// Balances around the plan minimum, where the edges are, and well above it.
const balanceDelta = fc.oneof(fc.integer({ min: -2_000, max: 5_000 }), fc.integer({ min: -10_000, max: 500_000 }));
const runs = { numRuns: 500 };
const toRequest = (policy: Policy, today: string, r: { termsAboveMin: number; frequency: Frequency; offsetDays: number }) => ({
	terms: policy.instalments.minTerms + r.termsAboveMin,
	frequency: r.frequency,
	firstDate: addDays(today, r.offsetDays)
});

describe('plan checks, for any valid policy', () => {
	it('generates only policies the schema accepts', () => {
		fc.assert(
			fc.property(policyArb, (policy) => {
				expect(policySchema.safeParse(policy).success).toBe(true);
			})
		);
	});

	it('offers every term count whose instalments all reach the minimum, and no other', () => {
		fc.assert(
			fc.property(policyArb, balanceDelta, todayArb, (policy, delta, today) => {
				const cents = Math.max(1, policy.instalments.minBalanceCents + delta);
				const options = planOptions(policy, eur(cents), today);
				const { minTerms, maxTerms, minInstalmentCents } = policy.instalments;
				const fits = Array.from({ length: maxTerms - minTerms + 1 }, (_, i) => minTerms + i).filter((n) =>
					splitEvenly(cents, n).every((a) => a >= minInstalmentCents)
				);
				if (cents < policy.instalments.minBalanceCents || fits.length === 0) {
					expect(options).toEqual({ offered: false, reason: 'balance_too_small' });
					return;
				}
				expect(options.offered && options.terms).toEqual(fits);
				const monthly = policy.instalments.frequencies.includes('monthly');
				const smallest = Math.min(...fits.flatMap((n) => splitEvenly(cents, n)));
				expect(options.offered && options.fromMonthly).toEqual(monthly ? eur(smallest) : null);
			}),
			runs
		);
	});

	it('accepts exactly what the page offers, with exact schedules above the minimum', () => {
		fc.assert(
			fc.property(policyArb, balanceDelta, todayArb, requestArb, (policy, delta, today, r) => {
				const cents = Math.max(1, policy.instalments.minBalanceCents + delta);
				const request = toRequest(policy, today, r);
				const result = checkPlanRequest(policy, eur(cents), today, request);
				const options = planOptions(policy, eur(cents), today);
				const offered =
					options.offered &&
					options.terms.includes(request.terms) &&
					options.frequencies.includes(request.frequency) &&
					request.firstDate >= options.earliestFirstDate &&
					request.firstDate <= options.latestFirstDate;
				expect(result.ok).toBe(offered);
				if (!result.ok) return;
				const amounts = result.schedule.instalments.map((i) => i.amountCents);
				expect(amounts.reduce((a, b) => a + b, 0)).toBe(cents);
				expect(Math.min(...amounts)).toBeGreaterThanOrEqual(policy.instalments.minInstalmentCents);
				// Rounding cents sit in the first instalment only; the rest are equal.
				expect(new Set(amounts.slice(1)).size).toBeLessThanOrEqual(1);
				expect(amounts[0] - amounts[amounts.length - 1]).toBeLessThan(amounts.length);
				expect(result.schedule.total.amountCents).toBe(cents + policy.instalments.feeCents);
			}),
			runs
		);
	});

	it('names the field a tampered request got wrong', () => {
		fc.assert(
			fc.property(policyArb, balanceDelta, todayArb, requestArb, (policy, delta, today, r) => {
				const cents = Math.max(1, policy.instalments.minBalanceCents + delta);
				const request = toRequest(policy, today, r);
				const result = checkPlanRequest(policy, eur(cents), today, request);
				if (result.ok || result.field === null) return;
				const rules = policy.instalments;
				const expected = {
					terms: request.terms < rules.minTerms || request.terms > rules.maxTerms ? 'terms_not_allowed' : 'below_minimum_instalment',
					frequency: 'frequency_not_allowed',
					firstDate: r.offsetDays < 0 ? 'first_date_in_past' : 'first_date_too_late'
				}[result.field];
				expect(result.reason).toBe(expected);
				if (result.reason === 'below_minimum_instalment') {
					expect(Math.floor(cents / request.terms)).toBeLessThan(rules.minInstalmentCents);
				}
				if (result.reason === 'first_date_too_late') expect(r.offsetDays).toBeGreaterThan(rules.latestStartDays);
			}),
			runs
		);
	});
});

describe('paydayFirstDate', () => {
	it('picks the next payday and says whether a plan may start then', () => {
		expect(paydayFirstDate(DEFAULT_POLICY, '2027-01-15', 25)).toEqual({ date: '2027-01-25', withinLatestStart: true });
		expect(paydayFirstDate(DEFAULT_POLICY, '2027-01-31', 31)).toEqual({ date: '2027-01-31', withinLatestStart: true });
		expect(paydayFirstDate(DEFAULT_POLICY, '2027-02-01', 31)).toEqual({ date: '2027-02-28', withinLatestStart: true });
		const soon = withRules({ latestStartDays: 7 });
		expect(paydayFirstDate(soon, '2027-01-15', 25)).toEqual({ date: '2027-01-25', withinLatestStart: false });
		expect(paydayFirstDate(soon, '2027-01-15', 22)).toEqual({ date: '2027-01-22', withinLatestStart: true });
	});
});

describe('checkPostponement', () => {
	it('allows a new date from tomorrow up to the longest postponement', () => {
		expect(checkPostponement(DEFAULT_POLICY, TODAY, '2027-01-16', 0)).toEqual({ ok: true, date: '2027-01-16' });
		expect(checkPostponement(DEFAULT_POLICY, TODAY, '2027-02-14', 0)).toEqual({ ok: true, date: '2027-02-14' });
	});

	it.each([
		['a date after the longest postponement', '2027-02-15', 0, 'date_too_late'],
		['today, which is no extra time', TODAY, 0, 'date_in_past'],
		['a date in the past', '2027-01-01', 0, 'date_in_past'],
		['a date that does not exist', '2027-02-29', 0, 'date_invalid'],
		['one postponement too many', '2027-01-20', 1, 'too_many_postponements']
	])('refuses %s', (_, date, used, reason) => {
		expect(checkPostponement(DEFAULT_POLICY, TODAY, date, used)).toEqual({ ok: false, reason });
	});

	it('refuses when the merchant does not offer more time', () => {
		const policy = withRules({}, { moreTime: false });
		expect(checkPostponement(policy, TODAY, '2027-01-20', 0)).toEqual({ ok: false, reason: 'more_time_not_offered' });
	});

	it('accepts exactly the days in the window while postponements remain', () => {
		fc.assert(
			fc.property(
				todayArb,
				fc.integer({ min: -40, max: 120 }),
				fc.integer({ min: 1, max: 90 }),
				fc.integer({ min: 1, max: 5 }),
				fc.integer({ min: 0, max: 6 }),
				(today, offset, maxDays, maxPostponements, used) => {
					const policy = { ...DEFAULT_POLICY, moreTime: { maxDays, maxPostponements } };
					const result = checkPostponement(policy, today, addDays(today, offset), used);
					expect(result.ok).toBe(used < maxPostponements && offset >= 1 && offset <= maxDays);
				}
			)
		);
	});
});

describe('planHealth', () => {
	const health = (outcomes: InstalmentOutcome[], brokenAfterMisses = 2) => planHealth(withRules({ brokenAfterMisses }), outcomes);

	it('follows a plan from active to completed', () => {
		expect(health(['pending', 'pending', 'pending'])).toBe('active');
		expect(health(['paid', 'pending', 'pending'])).toBe('active');
		expect(health(['paid', 'paid', 'paid'])).toBe('completed');
	});

	it('is at risk after a miss and broken at the merchant’s limit', () => {
		expect(health(['paid', 'missed', 'pending'])).toBe('at_risk');
		expect(health(['missed', 'paid', 'paid'])).toBe('at_risk');
		expect(health(['missed', 'paid', 'missed'])).toBe('broken');
		expect(health(['missed', 'pending', 'pending'], 1)).toBe('broken');
	});

	it('refuses a plan without instalments', () => {
		expect(() => health([])).toThrow(RangeError);
	});

	it('never recovers from broken as outcomes come in', () => {
		const outcome = fc.constantFrom<InstalmentOutcome>('pending', 'paid', 'missed');
		fc.assert(
			fc.property(fc.array(outcome, { minLength: 1, maxLength: 24 }), fc.integer({ min: 1, max: 6 }), (outcomes, limit) => {
				const misses = outcomes.filter((o) => o === 'missed').length;
				const state = health(outcomes, limit);
				expect(state === 'broken').toBe(misses >= limit);
				expect(state === 'completed').toBe(outcomes.every((o) => o === 'paid'));
				// Settling any pending instalment cannot turn a broken plan back.
				const settled = outcomes.map((o) => (o === 'pending' ? 'paid' : o));
				if (state === 'broken') expect(health(settled, limit)).toBe('broken');
			})
		);
	});
});

describe('policySchema', () => {
	const issues = (policy: unknown) =>
		policySchema.safeParse(policy).error?.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) ?? [];

	it('accepts the demo defaults as they are', () => {
		expect(policySchema.parse(DEFAULT_POLICY)).toEqual(DEFAULT_POLICY);
	});

	it('treats a left-out fee as no fee', () => {
		const { feeCents: _, ...rules } = DEFAULT_POLICY.instalments;
		expect(policySchema.parse({ ...DEFAULT_POLICY, instalments: rules }).instalments.feeCents).toBe(0);
	});

	it.each([
		[
			'a minimum instalment above the smallest plan balance',
			{ minInstalmentCents: 6000, minBalanceCents: 5000 },
			'instalments.minInstalmentCents',
			'The minimum instalment cannot exceed the smallest balance you allow a plan for.'
		],
		[
			'a smallest plan balance that cannot cover the fewest instalments',
			{ minTerms: 3, minInstalmentCents: 2000, minBalanceCents: 5000 },
			'instalments.minBalanceCents',
			'The smallest balance for a plan must cover 3 minimum instalments; raise it or lower the minimum instalment.'
		],
		[
			'fewer most instalments than fewest',
			{ minTerms: 6, maxTerms: 4, minBalanceCents: 6000 },
			'instalments.maxTerms',
			'The most instalments cannot be fewer than the fewest (6).'
		],
		['no frequency', { frequencies: [] }, 'instalments.frequencies', 'Choose at least one frequency, or stop offering instalment plans.'],
		['the same frequency twice', { frequencies: ['monthly', 'monthly'] }, 'instalments.frequencies', 'Choose each frequency only once.'],
		['an unknown frequency', { frequencies: ['daily'] }, 'instalments.frequencies.0', 'Choose weekly, every two weeks or monthly.'],
		['a negative fee', { feeCents: -100 }, 'instalments.feeCents', 'The plan fee cannot be negative; enter 0 for no fee.'],
		['a fee in fractions of a cent', { feeCents: 99.5 }, 'instalments.feeCents', 'The plan fee cannot be negative; enter 0 for no fee.'],
		['a zero minimum instalment', { minInstalmentCents: 0 }, 'instalments.minInstalmentCents', 'Set a minimum instalment above zero.'],
		[
			'a single instalment',
			{ minTerms: 1 },
			'instalments.minTerms',
			'Choose a number of instalments from 2 to 60; for one later payment, offer more time instead.'
		],
		[
			'a start too far away',
			{ latestStartDays: 120 },
			'instalments.latestStartDays',
			'Enter within how many days the first instalment must fall: 0 (today) to 90.'
		]
	])('explains %s on the field to change', (_, rules, path, message) => {
		expect(issues({ ...DEFAULT_POLICY, instalments: { ...DEFAULT_POLICY.instalments, ...rules } })).toEqual([{ path, message }]);
	});

	it('asks for at least one way to settle', () => {
		expect(issues({ ...DEFAULT_POLICY, offers: { payNow: false, instalments: false, moreTime: false } })).toEqual([
			{ path: 'offers.payNow', message: 'Offer at least one way to settle: pay now, instalments or more time.' }
		]);
	});

	it('explains more-time limits', () => {
		expect(issues({ ...DEFAULT_POLICY, moreTime: { maxDays: 0, maxPostponements: 0 } })).toEqual([
			{ path: 'moreTime.maxDays', message: 'Offer from 1 to 90 days of extra time.' },
			{
				path: 'moreTime.maxPostponements',
				message: 'Allow 1 to 5 postponements; to allow none, stop offering more time.'
			}
		]);
	});

	it('keeps a draft of plan rules that do not fit together while plans are switched off', () => {
		const draft = {
			offers: { ...DEFAULT_POLICY.offers, instalments: false },
			instalments: { ...DEFAULT_POLICY.instalments, frequencies: [], minInstalmentCents: 9000 }
		};
		expect(issues({ ...DEFAULT_POLICY, ...draft })).toEqual([]);
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JOURNEY } from './outreach/journey';
import { DEFAULT_POLICY } from './policy';
import {
	NUMBER_FIELDS,
	checkSegments,
	matches,
	normaliseTags,
	segmentOf,
	simulate,
	tagsProblem,
	treatmentOf,
	type DebtorFacts,
	type Rule,
	type SegmentRules
} from './segments';

const TAGS = ['business', 'vulnerable', 'vip', 'student'];
const facts = fc.record<DebtorFacts>({
	balanceCents: fc.nat({ max: 1_000_000 }),
	daysOverdue: fc.nat({ max: 400 }),
	openClaims: fc.nat({ max: 12 }),
	firstTimeLate: fc.boolean(),
	plansBroken: fc.nat({ max: 4 }),
	promisesKept: fc.nat({ max: 4 }),
	disputes: fc.nat({ max: 3 }),
	customerDays: fc.nat({ max: 4000 }),
	tags: fc.uniqueArray(fc.constantFrom(...TAGS), { maxLength: 3 })
});
const rule: fc.Arbitrary<Rule> = fc.oneof(
	fc.record({ field: fc.constantFrom(...NUMBER_FIELDS), op: fc.constantFrom('gte' as const, 'lt' as const), value: fc.nat({ max: 5000 }) }),
	fc.record({ field: fc.constant('firstTimeLate' as const), value: fc.boolean() }),
	fc.record({ field: fc.constant('tag' as const), op: fc.constantFrom('has' as const, 'lacks' as const), value: fc.constantFrom(...TAGS) })
);
const segmentList = fc
	.array(fc.array(rule, { maxLength: 4 }), { minLength: 1, maxLength: 6 })
	.map((rules): SegmentRules[] => rules.map((r, i) => ({ id: `s${i}`, rules: r })));

const base: DebtorFacts = {
	balanceCents: 12_000,
	daysOverdue: 20,
	openClaims: 1,
	firstTimeLate: true,
	plansBroken: 0,
	promisesKept: 0,
	disputes: 0,
	customerDays: 400,
	tags: []
};

describe('segmentOf', () => {
	it('puts every debtor in exactly one segment, the first whose rules all hold, or else the last', () => {
		fc.assert(
			fc.property(segmentList, facts, (segments, f) => {
				const found = segmentOf(segments, f)!;
				const matching = segments.slice(0, -1).filter((s) => s.rules.every((r) => matches(r, f)));
				expect(segments.filter((s) => s === found)).toHaveLength(1);
				expect(found).toBe(matching[0] ?? segments[segments.length - 1]);
			})
		);
	});

	it('never lets a segment further down take a debtor an earlier one matches', () => {
		fc.assert(
			fc.property(segmentList, facts, fc.nat(), (segments, f, k) => {
				const i = k % segments.length;
				if (i === segments.length - 1 || !segments[i].rules.every((r) => matches(r, f))) return;
				expect(segments.indexOf(segmentOf(segments, f)!)).toBeLessThanOrEqual(i);
			})
		);
	});

	it('sorts by amount, age, tags and history as the merchant wrote them', () => {
		const segments: SegmentRules[] = [
			{ id: 'care', rules: [{ field: 'tag', op: 'has', value: 'vulnerable' }] },
			{ id: 'big', rules: [{ field: 'balanceCents', op: 'gte', value: 50_000 }] },
			{
				id: 'first',
				rules: [
					{ field: 'firstTimeLate', value: true },
					{ field: 'daysOverdue', op: 'lt', value: 30 }
				]
			},
			{ id: 'rest', rules: [] }
		];
		expect(segmentOf(segments, { ...base, tags: ['vulnerable'], balanceCents: 90_000 })!.id).toBe('care');
		expect(segmentOf(segments, { ...base, balanceCents: 50_000 })!.id).toBe('big');
		expect(segmentOf(segments, { ...base, balanceCents: 49_999 })!.id).toBe('first');
		expect(segmentOf(segments, { ...base, daysOverdue: 30 })!.id).toBe('rest');
		expect(segmentOf(segments, { ...base, firstTimeLate: false, plansBroken: 2 })!.id).toBe('rest');
	});

	it('has no segment to give when the merchant has none', () => {
		expect(segmentOf([], base)).toBeNull();
	});
});

describe('simulate', () => {
	it('counts every debtor and euro once, and lists exactly the debtors whose segment changes', () => {
		const members = fc.array(
			fc.record({ debtorId: fc.uuid(), balanceCents: fc.nat({ max: 100_000 }), facts, current: fc.constantFrom(null, 's0', 's1', 'old') }),
			{ maxLength: 30 }
		);
		fc.assert(
			fc.property(segmentList, members, (segments, list) => {
				const sim = simulate(segments, list);
				expect(sim.counts.reduce((n, c) => n + c.debtors, 0)).toBe(list.length);
				expect(sim.counts.reduce((n, c) => n + c.balanceCents, 0)).toBe(list.reduce((n, m) => n + m.balanceCents, 0));
				const moved = list.filter((m) => segmentOf(segments, m.facts)!.id !== m.current);
				expect(sim.moves.map((x) => x.debtorId)).toEqual(moved.map((m) => m.debtorId));
				for (const x of sim.moves) expect(x.to).toBe(segmentOf(segments, list.find((m) => m.debtorId === x.debtorId)!.facts)!.id);
			})
		);
	});
});

describe('checkSegments', () => {
	it('refuses an empty or doubled name and rules on the last segment, on their segment and field', () => {
		const issues = checkSegments([
			{ name: 'Zakelijk', rules: [{ field: 'tag', op: 'has', value: 'business' }] },
			{ name: ' zakelijk ', rules: [] },
			{ name: '', rules: [] },
			{ name: 'Iedereen', rules: [{ field: 'openClaims', op: 'gte', value: 1 }] }
		]);
		expect(issues).toEqual([
			{ index: 1, field: 'name', problem: 'duplicate' },
			{ index: 2, field: 'name', problem: 'empty' },
			{ index: 3, field: 'rules', problem: 'last_has_rules' }
		]);
	});
});

describe('tags', () => {
	it('reads a cell or a list into lowercase slugs without doubles', () => {
		expect(normaliseTags(' Business, VIP;vip |')).toEqual(['business', 'vip']);
		expect(normaliseTags(['Vulnerable'])).toEqual(['vulnerable']);
		expect(normaliseTags(null)).toEqual([]);
	});
	it('says why tags cannot be stored', () => {
		expect(tagsProblem(['business', 'vip-2'])).toBeNull();
		expect(tagsProblem(['zakelijk klant'])).toBe('bad_tag');
		expect(tagsProblem(['-x'])).toBe('bad_tag');
		expect(tagsProblem(Array.from({ length: 9 }, (_, i) => `t${i}`))).toBe('too_many');
	});
});

describe('treatmentOf', () => {
	const merchant = { tone: 'formal' as const, journey: DEFAULT_JOURNEY, policy: DEFAULT_POLICY };
	it("takes the segment's tone and policy over the merchant's", () => {
		const policy = { ...DEFAULT_POLICY, moreTime: { maxDays: 60, maxPostponements: 2 } };
		const t = treatmentOf(merchant, { tone: 'neutral', journey: null, policy, calm: false, offerPersonEarly: false }, []);
		expect(t).toMatchObject({ tone: 'neutral', policy, journey: DEFAULT_JOURNEY, calm: false, offerPersonEarly: false });
		expect(treatmentOf(merchant, null, []).tone).toBe('formal');
	});
	it('gives a debtor tagged vulnerable the calmest path and a person early, whatever the segment says', () => {
		const t = treatmentOf(merchant, { tone: 'formal', journey: null, policy: null, calm: false, offerPersonEarly: false }, ['vulnerable']);
		expect(t.tone).toBe('friendly');
		expect(t.offerPersonEarly).toBe(true);
		expect(t.journey.steps.map((s) => s.tone)).toEqual(DEFAULT_JOURNEY.steps.map(() => 'friendly'));
		expect(t.journey.steps.map((s) => s.after)).toEqual(DEFAULT_JOURNEY.steps.map((s) => s.after));
	});
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../schedule';
import { DEFAULT_JOURNEY } from './journey';
import { askable, planJourney, termEndsOn, type JourneyClaim, type Progress, type Situation } from './planner';

const claim = (over: Partial<JourneyClaim> = {}): JourneyClaim => ({
	id: 'c1',
	dueOn: '2026-11-01',
	amountCents: 2495,
	disputed: false,
	inPlanOnTrack: false,
	promisedUntil: null,
	...over
});
const situation = (over: Partial<Situation> = {}): Situation => ({
	today: '2026-11-01',
	claims: [claim()],
	paused: false,
	reach: 'ok',
	progress: null,
	sentToday: 0,
	sentThisWeek: 0,
	...over
});
const limits = { weeklyCap: 2 };

/** Lives a debtor's days through the default journey, sending whatever it asks for, and returns what went when. */
function live(days: number, claims: JourneyClaim[], from = '2026-11-01') {
	let progress: Progress | null = null;
	const sent: { on: string; step: string }[] = [];
	for (let d = 0; d < days; d++) {
		const today = addDays(from, d);
		const week = sent.filter((x) => x.on > addDays(today, -7)).length;
		const decision = planJourney(DEFAULT_JOURNEY, situation({ today, claims, progress, sentThisWeek: week }), { weeklyCap: 7 });
		if (decision.kind === 'send') {
			progress = decision.progress;
			sent.push({ on: today, step: decision.step.id });
		}
	}
	return sent;
}

describe('planJourney', () => {
	it('follows the default journey day by day, the 14-day letter before the last notice', () => {
		expect(live(60, [claim()])).toEqual([
			{ on: '2026-11-01', step: 'link' },
			{ on: '2026-11-04', step: 'reminder-1' },
			{ on: '2026-11-11', step: 'reminder-2' },
			{ on: '2026-11-18', step: 'fourteen-day' },
			{ on: '2026-12-06', step: 'final-notice' }
		]);
	});

	it('turns several steps due at once into one message, but never folds the 14-day letter away', () => {
		// A claim that came in 40 days late: one message today (the letter), the last notice after its term.
		const sent = live(60, [claim({ dueOn: '2026-09-22' })]);
		expect(sent[0]).toEqual({ on: '2026-11-01', step: 'fourteen-day' });
		expect(sent[1]).toEqual({ on: addDays(termEndsOn('2026-11-01'), 1), step: 'final-notice' });
		expect(sent).toHaveLength(2);
	});

	it('holds the step, with the reason, for a paused, disputed, planned or promised balance', () => {
		const at = (claims: JourneyClaim[], over: Partial<Situation> = {}) =>
			planJourney(DEFAULT_JOURNEY, situation({ claims, ...over }), limits);
		expect(at([claim()], { paused: true })).toMatchObject({ kind: 'hold', reason: 'paused' });
		expect(at([claim({ disputed: true })])).toMatchObject({ kind: 'hold', reason: 'disputed' });
		expect(at([claim({ inPlanOnTrack: true })])).toMatchObject({ kind: 'hold', reason: 'plan_on_track' });
		expect(at([claim({ promisedUntil: '2026-11-05' })])).toMatchObject({ kind: 'hold', reason: 'promise' });
		// The day after the promised date the journey takes up again.
		expect(at([claim({ promisedUntil: '2026-10-31' })])).toMatchObject({ kind: 'send' });
	});

	it('holds for an address it cannot use, for today’s message and for the weekly cap', () => {
		expect(planJourney(DEFAULT_JOURNEY, situation({ reach: 'bouncing' }), limits)).toMatchObject({ kind: 'hold', reason: 'bouncing' });
		expect(planJourney(DEFAULT_JOURNEY, situation({ reach: 'opted_out' }), limits)).toMatchObject({ kind: 'hold', reason: 'opted_out' });
		expect(planJourney(DEFAULT_JOURNEY, situation({ sentToday: 1 }), limits)).toMatchObject({ kind: 'hold', reason: 'already_today' });
		expect(planJourney(DEFAULT_JOURNEY, situation({ sentThisWeek: 2 }), limits)).toMatchObject({ kind: 'hold', reason: 'weekly_cap' });
	});

	it('asks only for the claims nothing holds back, and ends the episode once nothing is owed', () => {
		const d = planJourney(DEFAULT_JOURNEY, situation({ claims: [claim({ id: 'a' }), claim({ id: 'b', disputed: true })] }), limits);
		expect(d).toMatchObject({ kind: 'send', claimIds: ['a'] });
		const progress = d.kind === 'send' ? d.progress : null;
		expect(planJourney(DEFAULT_JOURNEY, situation({ claims: [], progress }), limits)).toEqual({ kind: 'settled' });
	});

	// The rules, for any mix of claims and any day.
	const arbClaim = fc.record({
		id: fc.constantFrom('a', 'b', 'c', 'd'),
		dueOn: fc.integer({ min: 0, max: 90 }).map((n) => addDays('2026-09-01', n)),
		amountCents: fc.integer({ min: 1, max: 1_000_000 }),
		disputed: fc.boolean(),
		inPlanOnTrack: fc.boolean(),
		promisedUntil: fc.option(
			fc.integer({ min: 0, max: 120 }).map((n) => addDays('2026-09-01', n)),
			{ nil: null }
		)
	});
	const arbSituation = fc.record({
		today: fc.integer({ min: 0, max: 120 }).map((n) => addDays('2026-09-01', n)),
		claims: fc.uniqueArray(arbClaim, { selector: (c) => c.id, maxLength: 4 }),
		paused: fc.boolean(),
		reach: fc.constantFrom('ok', 'ok', 'ok', 'no_address', 'bouncing', 'opted_out' as const),
		progress: fc.constant(null),
		sentToday: fc.integer({ min: 0, max: 1 }),
		sentThisWeek: fc.integer({ min: 0, max: 3 })
	}) as fc.Arbitrary<Situation>;

	it('never asks for a held, paused, planned or promised claim, never twice a day, never past the weekly cap', () => {
		fc.assert(
			fc.property(arbSituation, (s) => {
				const d = planJourney(DEFAULT_JOURNEY, s, limits);
				if (d.kind !== 'send') return;
				const ok = new Set(askable(s).map((c) => c.id));
				expect(s.paused).toBe(false);
				expect(d.claimIds.length).toBeGreaterThan(0);
				for (const id of d.claimIds) expect(ok.has(id)).toBe(true);
				expect(s.sentToday).toBe(0);
				expect(s.sentThisWeek).toBeLessThan(limits.weeklyCap);
				expect(s.reach).toBe('ok');
			})
		);
	});

	it('over any life, sends at most one message a day and each step once', () => {
		fc.assert(
			fc.property(fc.array(arbClaim, { minLength: 1, maxLength: 3 }), (claims) => {
				const open = claims.map((c, i) => ({ ...c, id: `c${i}`, disputed: false, inPlanOnTrack: false, promisedUntil: null }));
				const sent = live(90, open, '2026-09-01');
				expect(new Set(sent.map((x) => x.on)).size).toBe(sent.length);
				expect(new Set(sent.map((x) => x.step)).size).toBe(sent.length);
			})
		);
	});
});

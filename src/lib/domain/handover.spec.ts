import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { handoverDue, HANDOVER_AFTER_LAST_STEP_DAYS } from './handover';
import { addDays } from './schedule';

const claim = (over: Partial<Parameters<typeof handoverDue>[0]['claims'][number]> = {}) => ({
	id: 'c1',
	dueOn: '2026-09-01',
	amountCents: 4250,
	disputed: false,
	inPlanOnTrack: false,
	promisedUntil: null,
	...over
});
const progress = (lastOn: string) => ({
	anchorDueOn: '2026-09-01',
	done: [
		{ stepId: 'first', on: '2026-09-01' },
		{ stepId: 'last', on: lastOn }
	],
	fourteenDay: null
});

describe('handoverDue', () => {
	it('proposes the open claims once the last step is the last notice’s term behind us', () => {
		const facts = { claims: [claim(), claim({ id: 'c2', amountCents: 1000 })], paused: false, progress: progress('2026-10-06') };
		expect(handoverDue(facts, 'last', addDays('2026-10-06', HANDOVER_AFTER_LAST_STEP_DAYS - 1))).toEqual({ due: false, why: 'too_soon' });
		expect(handoverDue(facts, 'last', addDays('2026-10-06', HANDOVER_AFTER_LAST_STEP_DAYS))).toEqual({
			due: true,
			claimIds: ['c1', 'c2'],
			openCents: 5250
		});
	});

	it('never while the journey has not reached its last step', () => {
		const facts = {
			claims: [claim()],
			paused: false,
			progress: { ...progress('2026-10-06'), done: [{ stepId: 'first', on: '2026-09-01' }] }
		};
		expect(handoverDue(facts, 'last', '2027-01-01')).toEqual({ due: false, why: 'journey_not_done' });
		expect(handoverDue({ ...facts, progress: null }, 'last', '2027-01-01')).toEqual({ due: false, why: 'journey_not_done' });
	});

	it('never while something holds collection back, nor with nothing open', () => {
		const base = { paused: false, progress: progress('2026-10-06') };
		const today = '2027-01-01';
		expect(handoverDue({ ...base, claims: [claim({ disputed: true })] }, 'last', today)).toMatchObject({ why: 'held' });
		expect(handoverDue({ ...base, claims: [claim({ inPlanOnTrack: true })] }, 'last', today)).toMatchObject({ why: 'held' });
		expect(handoverDue({ ...base, claims: [claim({ promisedUntil: today })] }, 'last', today)).toMatchObject({ why: 'held' });
		expect(handoverDue({ ...base, claims: [claim({ promisedUntil: '2026-12-31' })] }, 'last', today)).toMatchObject({ due: true });
		expect(handoverDue({ ...base, paused: true, claims: [claim()] }, 'last', today)).toMatchObject({ why: 'paused' });
		expect(handoverDue({ ...base, claims: [claim({ amountCents: 0 })] }, 'last', today)).toMatchObject({ why: 'nothing_open' });
	});

	it('proposes only claims with something open, and never one that a dispute or plan holds', () => {
		const arb = fc.record({
			amountCents: fc.integer({ min: 0, max: 100_000 }),
			disputed: fc.boolean(),
			inPlanOnTrack: fc.boolean()
		});
		fc.assert(
			fc.property(fc.array(arb, { minLength: 1, maxLength: 6 }), fc.boolean(), (cs, paused) => {
				const claims = cs.map((c, i) => claim({ ...c, id: `c${i}` }));
				const r = handoverDue({ claims, paused, progress: progress('2026-10-06') }, 'last', '2027-01-01');
				if (!r.due) return;
				expect(paused).toBe(false);
				for (const id of r.claimIds) {
					const c = claims.find((x) => x.id === id)!;
					expect(c.amountCents).toBeGreaterThan(0);
					expect(c.disputed || c.inPlanOnTrack).toBe(false);
				}
			})
		);
	});
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../policy';
import { FRESH, after, answer, choicesFor, type Facts, type Heard } from './conversation';

const facts = (over: Partial<Facts> = {}): Facts => ({
	today: '2026-12-07',
	merchant: 'De Groene Fiets',
	balance: { amountCents: 8450, currency: 'EUR' },
	policy: DEFAULT_POLICY,
	claims: [],
	promise: null,
	postponementsUsed: 0,
	planRunning: false,
	paymentPending: false,
	may: { pay: true, arrange: true },
	...over
});
const heard = (over: Partial<Heard>): Heard => ({
	intent: 'none',
	date: null,
	amountCents: null,
	terms: null,
	frequency: null,
	dayNumber: null,
	...over
});

describe("the assistant's replies", () => {
	it('proposes a date within the policy, and refuses one beyond it with the window', () => {
		const ok = answer(FRESH, heard({ intent: 'pay_later', date: { kind: 'day', date: '2026-12-08' } }), facts());
		expect(ok.reply).toEqual({ kind: 'propose', proposal: { kind: 'promise', date: '2026-12-08', amountCents: 8450, currency: 'EUR' } });
		const late = answer(FRESH, heard({ intent: 'pay_later', date: { kind: 'day', date: '2027-02-01' } }), facts());
		expect(late.reply).toEqual({ kind: 'date_refused', reason: 'date_too_late', earliest: '2026-12-08', latest: '2027-01-06' });
	});
	it('never promises what the policy does not allow', () => {
		const policy = { ...DEFAULT_POLICY, offers: { ...DEFAULT_POLICY.offers, moreTime: false, instalments: false } };
		expect(answer(FRESH, heard({ intent: 'pay_later', date: { kind: 'day', date: '2026-12-08' } }), facts({ policy })).reply.kind).toBe(
			'no_more_time'
		);
		expect(answer(FRESH, heard({ intent: 'split', terms: 3 }), facts({ policy })).reply.kind).toBe('no_plan');
		expect(choicesFor(facts({ policy }))).toEqual(['pay_now', 'already_paid', 'disagree', 'about', 'person']);
	});
	it('asks the payday once and remembers it', () => {
		const asked = answer(FRESH, heard({ intent: 'pay_later', date: { kind: 'payday' } }), facts());
		expect(asked.reply).toEqual({ kind: 'ask_payday', for: 'promise' });
		const state = after(FRESH, asked.reply);
		const said = heard({ dayNumber: 25, date: { kind: 'day', date: '2026-12-25' } });
		const proposed = answer(state, said, facts());
		expect(proposed.reply).toMatchObject({ kind: 'propose', proposal: { kind: 'promise', date: '2026-12-25' } });
		expect(after(state, proposed.reply, said).payday).toBe(25);
	});
	it('splits by count or by an amount per month, within the allowed terms', () => {
		expect(answer(FRESH, heard({ intent: 'split', terms: 3 }), facts()).reply).toMatchObject({ proposal: { kind: 'plan', terms: 3 } });
		expect(answer(FRESH, heard({ intent: 'split', amountCents: 2000 }), facts()).reply).toMatchObject({
			proposal: { kind: 'plan', terms: 5 }
		});
		expect(answer(FRESH, heard({ intent: 'split', terms: 20 }), facts()).reply).toEqual({ kind: 'plan_refused', min: 2, max: 8 });
	});
	it('acts on "yes" only with a proposal, and hands over after two misunderstandings', () => {
		expect(answer(FRESH, heard({ intent: 'yes' }), facts()).act).toBeNull();
		const proposed = answer(FRESH, heard({ intent: 'pay_now' }), facts());
		expect(answer(after(FRESH, proposed.reply), heard({ intent: 'yes' }), facts()).act).toEqual({
			kind: 'pay',
			amountCents: 8450,
			currency: 'EUR'
		});
		const once = answer(FRESH, heard({}), facts());
		expect(once).toMatchObject({ reply: { kind: 'not_understood' }, handover: false });
		expect(answer(after(FRESH, once.reply), heard({}), facts())).toMatchObject({ handover: true, reply: { reason: 'misunderstood' } });
	});
});

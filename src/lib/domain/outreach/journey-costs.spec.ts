import { describe, expect, it } from 'vitest';
import { DEFAULT_JOURNEY, type Journey } from './journey';
import { journeyCosts } from './journey-costs';

const prices = { smsCents: 8, letterCents: 95 };
const parts = [1, 1, 2, 1, 1];

describe('what a journey costs per debtor', () => {
	it('costs nothing by e-mail', () => {
		expect(journeyCosts(DEFAULT_JOURNEY, 'email', prices, parts).totalCents).toBe(0);
	});

	it('counts SMS parts, and sends the 14-day letter by e-mail to a debtor who prefers text messages', () => {
		const r = journeyCosts(DEFAULT_JOURNEY, 'sms', prices, parts);
		expect(r.steps.map((s) => s.channel)).toEqual(['sms', 'sms', 'sms', 'email', 'sms']);
		expect(r.totalCents).toBe(8 + 8 + 16 + 0 + 8);
	});

	it('prices every letter, and a step fixed to a channel goes by that channel whatever the debtor prefers', () => {
		expect(journeyCosts(DEFAULT_JOURNEY, 'letter', prices, parts).totalCents).toBe(5 * 95);
		const fixed: Journey = { steps: DEFAULT_JOURNEY.steps.map((s, i) => (i === 0 ? { ...s, channel: 'letter' } : s)) };
		expect(journeyCosts(fixed, 'email', prices, parts).steps[0]).toMatchObject({ channel: 'letter', cents: 95 });
	});
});

// What a journey costs the merchant per debtor who goes through all of it, by the way that debtor is reached: e-mail
// costs nothing, a text message its price per SMS part times its parts, a letter its price. A "preferred" step goes
// by the debtor's choice, or by e-mail where that choice cannot carry it (the 14-day letter is never a text). Pure.
import { candidates, carries, type Channel } from './channels';
import type { Journey } from './journey';

export type Prices = { smsCents: number; letterCents: number };

export type StepCost = { stepId: string; channel: Channel; cents: number };

/** Each step's channel and cost for a debtor who prefers `preferred`, with `parts[i]` SMS parts for step i's text. */
export function journeyCosts(
	journey: Journey,
	preferred: Channel,
	prices: Prices,
	parts: number[]
): { steps: StepCost[]; totalCents: number } {
	const steps = journey.steps.map((step, i) => {
		const channel = candidates(step.channel, preferred).find((c) => carries(c, step.kind)) ?? 'email';
		const cents = channel === 'sms' ? prices.smsCents * Math.max(parts[i] ?? 1, 1) : channel === 'letter' ? prices.letterCents : 0;
		return { stepId: step.id, channel, cents };
	});
	return { steps, totalCents: steps.reduce((n, s) => n + s.cents, 0) };
}

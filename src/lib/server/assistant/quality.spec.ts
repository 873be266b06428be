// The targets on the held-out utterances: intents ≥ 90 %, exact dates ≥ 95 %, exact amounts ≥ 95 %,
// a median reply within 50 ms; and the held-out set really is apart from the training examples.
import { describe, expect, it } from 'vitest';
import { cases, evaluate } from './eval';
import nl from './training/nl.json';
import en from './training/en.json';

const words = (s: string) => (s.toLowerCase().match(/[\p{L}\d']+/gu) ?? []).sort().join(' ');

describe.each(['nl', 'en'] as const)('the assistant understands %s', (locale) => {
	it('on at least 300 utterances none of which is a training example', () => {
		const all = cases(locale);
		expect(all.length).toBeGreaterThanOrEqual(300);
		const training = new Set(
			Object.values(locale === 'nl' ? nl : en)
				.flat()
				.map(words)
		);
		expect(all.filter((c) => training.has(words(c.text))).map((c) => c.text)).toEqual([]);
	});

	it('meets the targets', async () => {
		const r = await evaluate(locale);
		expect(r.intentAccuracy).toBeGreaterThanOrEqual(0.9);
		expect(r.dates.exact / r.dates.checked).toBeGreaterThanOrEqual(0.95);
		expect(r.amounts.exact / r.amounts.checked).toBeGreaterThanOrEqual(0.95);
		expect(r.medianMs).toBeLessThanOrEqual(50);
	}, 60_000);
});

// Measuring the assistant's understanding on utterances kept apart from its training examples
// (tests/fixtures/assistant/<locale>.tsv): intents, exact dates against a fixed today, exact amounts and counts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Intent } from '../../domain/assistant/conversation';
import type { Understood } from '../../domain/assistant/extract';
import { hear, ready } from './nlu';

/** The bench's "today": a Monday, so weekdays and "the 25th" have one right answer. */
export const BENCH_TODAY = '2026-12-07';

export type Case = { intent: Intent; date: string | null; amountCents: number | null; terms: number | null; text: string };

export function cases(locale: Understood, root = process.cwd()): Case[] {
	const file = readFileSync(join(root, 'tests/fixtures/assistant', `${locale}.tsv`), 'utf8');
	return file
		.split('\n')
		.filter((line) => line.trim() !== '' && !line.startsWith('#'))
		.map((line) => {
			const [intent, date, amount, terms, text] = line.split('\t');
			const value = (s: string) => (s === '-' ? null : s);
			return {
				intent: intent as Intent,
				date: value(date),
				amountCents: value(amount) === null ? null : Number(amount),
				terms: value(terms) === null ? null : Number(terms),
				text
			};
		});
}

export type Report = {
	locale: Understood;
	utterances: number;
	intentAccuracy: number;
	dates: { checked: number; exact: number };
	amounts: { checked: number; exact: number };
	confusion: Record<string, Record<string, number>>;
	misses: { text: string; expected: string; got: string }[];
	medianMs: number;
};

export async function evaluate(locale: Understood, root?: string): Promise<Report> {
	await ready();
	const all = cases(locale, root);
	const confusion: Report['confusion'] = {};
	const misses: Report['misses'] = [];
	const times: number[] = [];
	let right = 0;
	const dates = { checked: 0, exact: 0 };
	const amounts = { checked: 0, exact: 0 };
	for (const c of all) {
		const started = performance.now();
		const heard = await hear(c.text, locale, BENCH_TODAY);
		times.push(performance.now() - started);
		confusion[c.intent] ??= {};
		confusion[c.intent][heard.intent] = (confusion[c.intent][heard.intent] ?? 0) + 1;
		if (heard.intent === c.intent) right++;
		else misses.push({ text: c.text, expected: c.intent, got: heard.intent });
		if (c.date) {
			dates.checked++;
			const got = heard.date?.kind === 'payday' ? 'payday' : (heard.date?.date ?? null);
			if (got === c.date) dates.exact++;
			else misses.push({ text: c.text, expected: `date ${c.date}`, got: `date ${got}` });
		}
		if (c.amountCents !== null || c.terms !== null) {
			amounts.checked++;
			if (heard.amountCents === c.amountCents && heard.terms === c.terms) amounts.exact++;
			else misses.push({ text: c.text, expected: `€c ${c.amountCents} × ${c.terms}`, got: `€c ${heard.amountCents} × ${heard.terms}` });
		}
	}
	times.sort((a, b) => a - b);
	return {
		locale,
		utterances: all.length,
		intentAccuracy: right / all.length,
		dates,
		amounts,
		confusion,
		misses,
		medianMs: times[Math.floor(times.length / 2)]
	};
}

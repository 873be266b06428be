// Understanding a debtor's words: an NLP.js intent model trained in this process from the examples in training/
// (nothing downloaded, nothing sent out), plus the date, amount and count read from the same words.
import { containerBootstrap } from '@nlpjs/core';
import { Nlp } from '@nlpjs/nlp';
import { LangEn } from '@nlpjs/lang-en';
import { LangNl } from '@nlpjs/lang-nl';
import { INTENTS, refine, type Heard, type Intent } from '../../domain/assistant/conversation';
import { amountOf, countOf, dateOf, dayNumberOf, frequencyOf, type Understood } from '../../domain/assistant/extract';
import nl from './training/nl.json';
import en from './training/en.json';

export const UNDERSTOOD: readonly Understood[] = ['nl', 'en'];
export const understands = (locale: string): locale is Understood => (UNDERSTOOD as readonly string[]).includes(locale);

/** Below this the model is guessing: the assistant says it did not understand rather than act on a guess. */
const MIN_SCORE = 0.55;

type Model = { process: (locale: string, text: string) => Promise<{ intent: string; score: number }> };
let model: Promise<Model> | null = null;

async function train(): Promise<Model> {
	const container = await containerBootstrap();
	container.use(Nlp);
	container.use(LangNl);
	container.use(LangEn);
	// NLP.js logs every training epoch unless its per-language settings say otherwise (it keeps ones set first).
	const quiet = { keepStopwords: true, nonefeatureValue: 1, nonedeltaMultiplier: 1.2, spellCheck: false, spellCheckDistance: 1 };
	container.registerConfiguration('nlu-??', { ...quiet, filterZeros: true, log: false }, true);
	const nlp = container.get('nlp');
	nlp.settings.autoSave = false;
	nlp.addLanguage(['nl', 'en']);
	for (const [locale, examples] of [
		['nl', nl],
		['en', en]
	] as const) {
		for (const [intent, lines] of Object.entries(examples)) for (const line of lines) nlp.addDocument(locale, line, intent);
	}
	await nlp.train();
	return nlp as Model;
}

/** The model, trained once per process on first use (about a second); the same model answers everyone. */
export function ready(): Promise<Model> {
	model ??= train();
	return model;
}

const isIntent = (value: string): value is Intent => (INTENTS as readonly string[]).includes(value);

/** What `text` says, in `locale` (nl or en), with dates read relative to `today`. */
export async function hear(text: string, locale: Understood, today: string): Promise<Heard> {
	const words = text.trim().slice(0, 500);
	const result = await (await ready()).process(locale, words.toLowerCase());
	const intent: Intent = result.score >= MIN_SCORE && isIntent(result.intent) ? result.intent : 'none';
	const facts = {
		date: dateOf(words, locale, today),
		amountCents: amountOf(words, locale),
		terms: countOf(words, locale),
		frequency: frequencyOf(words),
		dayNumber: dayNumberOf(words)
	};
	return { intent: refine(intent, facts, today), ...facts };
}

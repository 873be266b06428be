// Plain Dutch (B1): a Flesch–Douma score, sentence lengths, and words that must not stand unexplained.
// Pure; the test suite runs it over every debtor-facing Dutch message (src/lib/i18n/readability.spec.ts).

/** Flesch–Douma (Douma 1960): 206.84 − 0.93 × words per sentence − 77 × syllables per word. 60+ is easy, 50–60 fairly easy. */
export const B1_MIN_SCORE = 55;
/** Texts shorter than this are labels and buttons: the formula says nothing useful about them. */
export const SCORED_FROM_WORDS = 8;
export const B1_MAX_SENTENCE_WORDS = 20;

/** Words a debtor with low literacy stumbles on; each may appear only with an explanation beside it. */
export const HARD_WORDS = [
	'vordering',
	'incassokosten',
	'sommatie',
	'ingebrekestelling',
	'verschuldigd',
	'aanmaning',
	'gerechtelijk',
	'deurwaarder',
	'verzuim',
	'wettelijke rente',
	'crediteur',
	'debiteur',
	'voldoen',
	'voldaan',
	'termijnbedrag',
	'machtiging',
	'incassobureau',
	'invordering',
	'openstaande post',
	'restant',
	'administratie'
] as const;

/** Everyday words that merely start like a hard one. */
const LOOK_ALIKES = ['voldoende'];

const VOWELS = 'aeiouyáéíóúàèìòùâêîôûäëïöü';
const DIAERESIS = 'äëïöü';

/** Dutch syllables, approximated by groups of vowels; a diaeresis (beëindigd, geïnd) starts a new one. */
export function syllables(word: string): number {
	const w = word.toLowerCase();
	let count = 0;
	let inGroup = false;
	for (const ch of w) {
		const vowel = VOWELS.includes(ch);
		if (vowel && (!inGroup || DIAERESIS.includes(ch))) count++;
		inGroup = vowel;
	}
	return Math.max(1, count);
}

/** The text as a reader meets it: placeholders read as one short word, links and line breaks as sentence ends. */
function plain(text: string): string {
	return text
		.replace(/\{link\}/g, '.')
		.replace(/\{[a-zA-Z]+\}/g, 'X')
		.replace(/\n+/g, '. ');
}

export function sentences(text: string): string[][] {
	return plain(text)
		.split(/(?<=[.!?:;])\s+|\s+[—–]\s+/)
		.map((s) => s.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [])
		.filter((words) => words.length > 0);
}

export type Reading = { words: number; sentences: number; score: number; longest: number };

export function reading(text: string): Reading {
	const all = sentences(text);
	const words = all.flat();
	const n = Math.max(1, words.length);
	const perSentence = n / Math.max(1, all.length);
	const perWord = words.reduce((s, w) => s + syllables(w), 0) / n;
	return {
		words: words.length,
		sentences: all.length,
		score: Math.round((206.84 - 0.93 * perSentence - 77 * perWord) * 10) / 10,
		longest: Math.max(0, ...all.map((s) => s.length))
	};
}

/** The hard words in a text that have no explanation: a parenthesis right after, or "dat betekent / dat heet / dat zijn". */
export function unexplained(text: string): string[] {
	const lower = text.toLowerCase();
	const explainedByPhrase = /\bdat (betekent|heet|zijn|is)\b/.test(lower);
	return HARD_WORDS.filter((word) => {
		const at = new RegExp(`\\b${word}\\w*`, 'g');
		let hit: RegExpExecArray | null;
		while ((hit = at.exec(lower))) {
			if (LOOK_ALIKES.some((l) => hit![0].startsWith(l))) continue;
			const after = lower.slice(hit.index + hit[0].length).trimStart();
			const before = lower.slice(Math.max(0, hit.index - 2), hit.index);
			if (!after.startsWith('(') && !before.includes('(') && !explainedByPhrase) return true;
		}
		return false;
	});
}

export type Finding = { problem: 'score' | 'sentence' | 'word'; detail: string };

/** What keeps a Dutch text from B1, if anything. */
export function b1Findings(text: string): Finding[] {
	const r = reading(text);
	const findings: Finding[] = [];
	if (r.words >= SCORED_FROM_WORDS && r.score < B1_MIN_SCORE)
		findings.push({ problem: 'score', detail: `Flesch–Douma ${r.score} < ${B1_MIN_SCORE}` });
	if (r.longest > B1_MAX_SENTENCE_WORDS) findings.push({ problem: 'sentence', detail: `a sentence of ${r.longest} words` });
	for (const w of unexplained(text)) findings.push({ problem: 'word', detail: `"${w}" without explanation` });
	return findings;
}

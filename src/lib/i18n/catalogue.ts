// Reading messages/ as the inlang message format stores it, for the tests that walk every key in every language.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type Variants = { declarations: string[]; selectors: string[]; match: Record<string, string> };
export type Stored = string | Variants[];
export type Catalogue = Record<string, Stored>;

const root = resolve(import.meta.dirname, '../../../messages');

export function catalogue(area: string, locale: string): Catalogue | undefined {
	try {
		const parsed = JSON.parse(readFileSync(resolve(root, area, `${locale}.json`), 'utf8')) as Catalogue;
		delete parsed.$schema;
		return parsed;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw e;
	}
}

/** Every text a message can show: the pattern, or each variant of a plural. */
export function texts(stored: Stored): string[] {
	return typeof stored === 'string' ? [stored] : stored.flatMap((v) => Object.values(v.match));
}

/** The `{placeholders}` a message uses, over all its variants (markup like `{#b}` aside). */
export function placeholders(stored: Stored): string[] {
	const names = new Set<string>();
	for (const t of texts(stored)) for (const m of t.matchAll(/(?<!\\)\{([a-zA-Z_]\w*)\}/g)) names.add(m[1]);
	if (typeof stored !== 'string') {
		for (const d of stored[0].declarations) {
			const input = /^input (\w+)$/.exec(d);
			if (input) names.add(input[1]);
		}
	}
	return [...names].sort();
}

export function reviewList(): Record<string, string[]> {
	return JSON.parse(readFileSync(resolve(root, 'review.json'), 'utf8')) as Record<string, string[]>;
}

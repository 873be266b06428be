// Every debtor-facing message in every language: present, not empty, the same inputs, the same tone variants,
// plurals by the language's own rules; and the review list names only keys that exist.
import { describe, expect, it } from 'vitest';
import { DEBTOR_AREAS, NOT_DEBTOR_FACING, TRANSLATED } from './areas';
import { catalogue, placeholders, reviewList, texts, type Catalogue } from './catalogue';

const base = (area: string) => catalogue(area, 'nl')!;
const debtorKeys = (c: Catalogue) => Object.keys(c).filter((k) => !NOT_DEBTOR_FACING.test(k));

describe.each(DEBTOR_AREAS)('messages/%s', (area) => {
	it.each(TRANSLATED)('%s has every key nl has, none empty, and none nl lacks', (locale) => {
		const nl = base(area);
		const other = catalogue(area, locale);
		expect(other, `messages/${area}/${locale}.json is missing`).toBeDefined();
		const missing = debtorKeys(nl).filter((k) => other![k] === undefined);
		const empty = debtorKeys(nl).filter((k) => other![k] !== undefined && texts(other![k]).some((t) => t.trim() === ''));
		const extra = Object.keys(other!).filter((k) => nl[k] === undefined);
		expect({ missing, empty, extra }).toEqual({ missing: [], empty: [], extra: [] });
	});

	it.each(TRANSLATED)('%s uses the same inputs as nl in every message', (locale) => {
		const nl = base(area);
		const other = catalogue(area, locale)!;
		const differ = debtorKeys(nl)
			.filter((k) => other[k] !== undefined)
			.filter((k) => placeholders(other[k]).join() !== placeholders(nl[k]).join())
			.map((k) => `${k}: nl {${placeholders(nl[k]).join(', ')}} ${locale} {${placeholders(other[k]).join(', ')}}`);
		expect(differ).toEqual([]);
	});

	it.each(TRANSLATED)('%s: plurals give every category the language has, and nothing counts by key', (locale) => {
		const other = catalogue(area, locale)!;
		// The categories whole counts from 1 up actually fall in (Arabic "zero" and French "many" for millions aside).
		const rules = new Intl.PluralRules(locale);
		const categories = [...new Set(Array.from({ length: 200 }, (_, i) => rules.select(i + 1)))].filter((c) => c !== 'other');
		const problems: string[] = [];
		for (const [key, stored] of Object.entries(other)) {
			const counted = /^(.*)_(one|other)$/.exec(key);
			if (counted && other[`${counted[1]}_${counted[2] === 'one' ? 'other' : 'one'}`]) problems.push(`${key}: a plural as separate keys`);
			if (typeof stored === 'string') continue;
			const [{ selectors, match }] = stored;
			const selector = selectors[0];
			if (!(`${selector}=*` in match)) problems.push(`${key}: no catch-all (${selector}=*)`);
			for (const c of categories) if (!(`${selector}=${c}` in match)) problems.push(`${key}: no "${c}" variant`);
		}
		expect(problems).toEqual([]);
	});
});

describe('messages/review.json', () => {
	it('lists, per language, only debtor-facing keys that exist', () => {
		const review = reviewList();
		const unknown: string[] = [];
		for (const [locale, keys] of Object.entries(review)) {
			if (locale.startsWith('$')) continue;
			expect(TRANSLATED as readonly string[]).toContain(locale);
			const all = new Set(DEBTOR_AREAS.flatMap((a) => Object.keys(catalogue(a, locale) ?? {})));
			for (const k of keys) if (!all.has(k)) unknown.push(`${locale}:${k}`);
		}
		expect(unknown).toEqual([]);
	});
});

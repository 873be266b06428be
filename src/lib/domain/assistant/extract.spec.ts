import { describe, expect, it } from 'vitest';
import { amountOf, countOf, dateOf, dayNumberOf, languageAsked, wordNumber } from './extract';

const TODAY = '2026-12-07'; // a Monday

describe('reading the words', () => {
	it('reads numbers in Dutch and English words', () => {
		expect(wordNumber('vijfentwintig', 'nl')).toBe(25);
		expect(wordNumber('drieëntwintig', 'nl')).toBe(23);
		expect(wordNumber('twenty-five', 'en')).toBe(25);
		expect(wordNumber('fiets', 'nl')).toBeNull();
	});
	it('reads amounts in digits and words, with or without the euro sign', () => {
		expect(amountOf('ik kan € 20 per maand', 'nl')).toBe(2000);
		expect(amountOf('€12,50 per maand', 'nl')).toBe(1250);
		expect(amountOf('twintig euro per maand', 'nl')).toBe(2000);
		expect(amountOf('fifty euros a month', 'en')).toBe(5000);
		expect(amountOf('kan ik morgen betalen', 'nl')).toBeNull();
	});
	it('reads a number of instalments, but not "in one go"', () => {
		expect(countOf('in 3 keer', 'nl')).toBe(3);
		expect(countOf('in drie termijnen', 'nl')).toBe(3);
		expect(countOf('in three payments', 'en')).toBe(3);
		expect(countOf('alles in één keer', 'nl')).toBeNull();
	});
	it('reads days relative to today, and payday as its own answer', () => {
		expect(dateOf('kan ik morgen betalen?', 'nl', TODAY)).toEqual({ kind: 'day', date: '2026-12-08' });
		expect(dateOf('vrijdag', 'nl', TODAY)).toEqual({ kind: 'day', date: '2026-12-11' });
		expect(dateOf('op de 25e', 'nl', TODAY)).toEqual({ kind: 'day', date: '2026-12-25' });
		expect(dateOf('op de 3e', 'nl', TODAY)).toEqual({ kind: 'day', date: '2027-01-03' });
		expect(dateOf('overmorgen', 'nl', TODAY)).toEqual({ kind: 'day', date: '2026-12-09' });
		expect(dateOf('eind van de maand', 'nl', TODAY)).toEqual({ kind: 'day', date: '2026-12-31' });
		expect(dateOf('on the 15th', 'en', TODAY)).toEqual({ kind: 'day', date: '2026-12-15' });
		expect(dateOf('na mijn salaris', 'nl', TODAY)).toEqual({ kind: 'payday' });
		expect(dateOf('when I get paid', 'en', TODAY)).toEqual({ kind: 'payday' });
		// "zo" is not zondag.
		expect(dateOf('prima zo', 'nl', TODAY)).toBeNull();
	});
	it('reads a bare day number and a language asked for', () => {
		expect(dayNumberOf('25')).toBe(25);
		expect(dayNumberOf('de 25e')).toBe(25);
		expect(dayNumberOf('ik betaal morgen')).toBeNull();
		expect(languageAsked('Can we do this in English?')).toBe('en');
		expect(languageAsked('Nederlands graag')).toBe('nl');
		expect(languageAsked('auf Deutsch bitte')).toBe('de');
		expect(languageAsked('ik wil nu betalen')).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { chooseLocale, fromAcceptLanguage } from './locale';

describe('fromAcceptLanguage', () => {
	it('takes the heaviest supported language, regions folded in', () => {
		expect(fromAcceptLanguage('ja, tr-TR;q=0.9, en;q=0.8')).toBe('tr');
		expect(fromAcceptLanguage('de-AT')).toBe('de');
		expect(fromAcceptLanguage('en;q=0.3, pl;q=0.7')).toBe('pl');
	});
	it('keeps the browser order for equal weights and skips what it refuses', () => {
		expect(fromAcceptLanguage('fr, ar')).toBe('fr');
		expect(fromAcceptLanguage('ar;q=0, fr;q=0.1')).toBe('fr');
	});
	it('has nothing to say for an unknown, empty or absent header', () => {
		expect(fromAcceptLanguage('ja, zh-CN')).toBeUndefined();
		expect(fromAcceptLanguage('')).toBeUndefined();
		expect(fromAcceptLanguage(undefined)).toBeUndefined();
		expect(fromAcceptLanguage('*')).toBeUndefined();
	});
});

describe('chooseLocale', () => {
	it('speaks the language stored for the debtor (import, API or their own choice) first', () => {
		expect(chooseLocale({ debtor: 'ar', chosen: 'en', acceptLanguage: 'de', merchant: 'fr' })).toBe('ar');
	});
	it('then the choice made in this browser, then Accept-Language, then the merchant default', () => {
		expect(chooseLocale({ debtor: null, chosen: 'tr', acceptLanguage: 'de', merchant: 'fr' })).toBe('tr');
		expect(chooseLocale({ debtor: null, chosen: null, acceptLanguage: 'ja, de;q=0.5', merchant: 'fr' })).toBe('de');
		expect(chooseLocale({ debtor: null, chosen: null, acceptLanguage: 'ja', merchant: 'fr' })).toBe('fr');
	});
	it('ignores values it does not speak and ends in Dutch', () => {
		expect(chooseLocale({ debtor: 'xx', chosen: 'es', acceptLanguage: 'zh', merchant: 'it' })).toBe('nl');
		expect(chooseLocale({})).toBe('nl');
	});
});

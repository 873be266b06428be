import { describe, expect, it } from 'vitest';
import { addressLines, postcodeFits, writtenPostcode } from './address';

describe('postal addresses', () => {
	it('checks a Dutch postcode as 1234 AB', () => {
		expect(postcodeFits('NL', '1234AB')).toBe(true);
		expect(postcodeFits('NL', '0123AB')).toBe(false);
		expect(postcodeFits('NL', '1234A')).toBe(false);
		expect(postcodeFits('NL', '12345')).toBe(false);
		expect(postcodeFits('NL', '1234SS')).toBe(false);
		expect(postcodeFits('DE', '10115')).toBe(true);
		expect(postcodeFits('BE', '1000')).toBe(true);
	});

	it('writes the lines for the window, with the country only abroad', () => {
		const a = { street: 'Kerkstraat 12a', postcode: '1234AB', city: 'Utrecht', country: 'NL' };
		expect(writtenPostcode('NL', '1234AB')).toBe('1234 AB');
		expect(addressLines('Sanne de Vries', a)).toEqual(['Sanne de Vries', 'Kerkstraat 12a', '1234 AB  UTRECHT']);
		expect(addressLines('Jan Peeters', { ...a, postcode: '2000', city: 'Antwerpen', country: 'BE' })).toEqual([
			'Jan Peeters',
			'Kerkstraat 12a',
			'2000  ANTWERPEN',
			'BELGIË'
		]);
		expect(addressLines('X', { ...a, city: null })).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { checkPhone, fromCmNumber, toCmNumber } from './phone';

describe('phone numbers', () => {
	it('stores Dutch mobile numbers as E.164, however they are written', () => {
		for (const written of ['06 12345678', '0612345678', '+31 6 1234 5678', '0031612345678', '(06) 1234-5678'])
			expect(checkPhone(written)).toEqual({ e164: '+31612345678' });
		expect(checkPhone('+44 7911 123456')).toEqual({ e164: '+447911123456' });
	});

	it('refuses a landline, and what is no number', () => {
		expect(checkPhone('020 123 4567')).toEqual({ problem: 'phone_not_mobile' });
		expect(checkPhone('+31 10 123 4567')).toEqual({ problem: 'phone_not_mobile' });
		expect(checkPhone('06 1234')).toEqual({ problem: 'phone' });
		expect(checkPhone('bel me')).toEqual({ problem: 'phone' });
	});

	it('speaks CM.com’s 00 format both ways', () => {
		expect(toCmNumber('+31612345678')).toBe('0031612345678');
		expect(fromCmNumber('0031612345678')).toBe('+31612345678');
	});
});

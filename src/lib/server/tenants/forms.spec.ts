import { describe, expect, it } from 'vitest';
import { passwordProblem, signUpForm } from './forms';

describe('sign-up form', () => {
	it('refuses short, repetitive, common and self-naming passwords', () => {
		expect(passwordProblem('kort', 'a@b.nl')).toBe('tenants_error_password_short');
		expect(passwordProblem('aaaaaaaaaaaa', 'a@b.nl')).toBe('tenants_error_password_weak');
		expect(passwordProblem('Password123', 'a@b.nl')).toBe('tenants_error_password_weak');
		expect(passwordProblem('ilse.spaak1', 'ilse.spaak1@b.nl')).toBe('tenants_error_password_weak');
		expect(passwordProblem('vier losse woorden samen', 'a@b.nl')).toBeNull();
	});

	it('takes a KvK number with spaces or dots, and only eight digits', () => {
		const base = {
			company: 'A',
			name: 'B',
			email: 'c@d.nl',
			password: 'vier losse woorden',
			legalName: 'L',
			address: 'Ad',
			sepaCreditorName: 'S'
		};
		expect(signUpForm.parse({ ...base, kvk: '1234 5678' }).kvk).toBe('12345678');
		expect(signUpForm.parse({ ...base, kvk: '12.34.56.78' }).kvk).toBe('12345678');
		expect(signUpForm.safeParse({ ...base, kvk: '1234567' }).success).toBe(false);
	});
});

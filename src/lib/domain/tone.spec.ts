import { describe, expect, it } from 'vitest';
import { baseKey, greetingName, tonedKey } from './tone';

describe('greetingName', () => {
	it('greets by first name, and by full name in the formal tone', () => {
		expect(greetingName('friendly', 'Sanne de Vries')).toBe('Sanne');
		expect(greetingName('neutral', 'Sanne de Vries')).toBe('Sanne');
		expect(greetingName('formal', 'Sanne de Vries')).toBe('Sanne de Vries');
	});
});

describe('tonedKey', () => {
	const catalogue = new Set(['greeting_friendly', 'greeting_neutral', 'greeting_formal', 'pay_secure', 'pay_secure_formal', 'pay_refused']);
	const exists = (k: string) => catalogue.has(k);

	it('takes the variant of the tone when there is one', () => {
		expect(tonedKey('greeting', 'neutral', exists)).toBe('greeting_neutral');
		expect(tonedKey('pay_secure', 'formal', exists)).toBe('pay_secure_formal');
	});

	it('falls back to the plain key for the tones without a variant', () => {
		expect(tonedKey('pay_secure', 'friendly', exists)).toBe('pay_secure');
		expect(tonedKey('pay_refused', 'formal', exists)).toBe('pay_refused');
	});

	it('knows the key a variant belongs to', () => {
		expect(baseKey('greeting_formal')).toBe('greeting');
		expect(baseKey('pay_refused')).toBe('pay_refused');
	});
});

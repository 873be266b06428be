import { describe, expect, it } from 'vitest';
import { greetingName } from './tone';

describe('greetingName', () => {
	it('greets by first name, and by full name in the formal tone', () => {
		expect(greetingName('friendly', 'Sanne de Vries')).toBe('Sanne');
		expect(greetingName('neutral', 'Sanne de Vries')).toBe('Sanne');
		expect(greetingName('formal', 'Sanne de Vries')).toBe('Sanne de Vries');
	});
});

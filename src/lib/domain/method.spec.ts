import { describe, expect, it } from 'vitest';
import { methodName } from './method';

describe('methodName', () => {
	it('names methods the way people know them', () => {
		expect(methodName('ideal')).toBe('iDEAL');
		expect(methodName('bancontact,creditcard')).toBe('Bancontact, Creditcard');
		expect(methodName('somethingnew')).toBe('somethingnew');
		expect(methodName(null)).toBeNull();
	});
});

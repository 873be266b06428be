import { describe, expect, it } from 'vitest';
import { smsSegments } from './sms-segments';

describe('SMS parts', () => {
	it('counts GSM-7 in septets: 160 in one part, 153 per part after that', () => {
		expect(smsSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', parts: 1 });
		expect(smsSegments('a'.repeat(161))).toMatchObject({ encoding: 'GSM-7', parts: 2 });
		expect(smsSegments('a'.repeat(306)).parts).toBe(2);
		expect(smsSegments('a'.repeat(307)).parts).toBe(3);
	});

	it('counts the extension table (€, brackets) as two septets', () => {
		expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, parts: 1 });
		expect(smsSegments('€'.repeat(81)).parts).toBe(2);
	});

	it('falls to UCS-2 for any other character: 70 in one part, 67 after that', () => {
		expect(smsSegments('Yılmaz ' + 'a'.repeat(63))).toMatchObject({ encoding: 'UCS-2', parts: 1 });
		expect(smsSegments('ı' + 'a'.repeat(70))).toMatchObject({ encoding: 'UCS-2', parts: 2 });
		// An emoji is two UTF-16 units.
		expect(smsSegments('🙂'.repeat(35))).toMatchObject({ encoding: 'UCS-2', units: 70, parts: 1 });
	});

	it('Dutch accents that GSM-7 has stay GSM-7; those it lacks do not', () => {
		expect(smsSegments('café, geëmigreerd').encoding).toBe('UCS-2'); // ë is not in GSM-7
		expect(smsSegments('café è à ü').encoding).toBe('GSM-7');
	});
});

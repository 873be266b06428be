import { describe, expect, it } from 'vitest';
import { formatHours, readHours } from './hours';

describe('opening hours', () => {
	it('reads the ways Dutch merchants write their hours', () => {
		expect(readHours('ma–vr 9:00–17:00')).toEqual([{ fromDay: 1, toDay: 5, opens: '09:00', closes: '17:00' }]);
		expect(readHours('Maandag t/m vrijdag van 8.30 tot 17.30 uur')).toEqual([{ fromDay: 1, toDay: 5, opens: '08:30', closes: '17:30' }]);
		expect(readHours('ma tot en met do 9-17, vr 9-13; za 10:00 - 16:00')).toEqual([
			{ fromDay: 1, toDay: 4, opens: '09:00', closes: '17:00' },
			{ fromDay: 5, toDay: 5, opens: '09:00', closes: '13:00' },
			{ fromDay: 6, toDay: 6, opens: '10:00', closes: '16:00' }
		]);
		expect(readHours('ma-vr 9-17 en za 10-16')).toHaveLength(2);
	});

	it('gives up on anything it cannot read with certainty', () => {
		for (const text of ['', 'altijd bereikbaar', 'ma–vr 9:00–17:00, behalve feestdagen', 'vr–ma 9-17', 'ma 17-9', 'ma 9-25', 'xy 9-17'])
			expect(readHours(text), text).toBeNull();
	});

	it("writes them in the reader's language and clock", () => {
		expect(formatHours('ma–vr 9:00–17:00', 'en')).toBe('Mon–Fri 09:00–17:00');
		expect(formatHours('ma–vr 9:00–17:00', 'nl')).toBe('ma–vr 09:00–17:00');
		expect(formatHours('ma–vr 9:00–17:00, za 10-16', 'de')).toBe('Mo–Fr 09:00–17:00, Sa 10:00–16:00');
		expect(formatHours('ma–vr 9:00–17:00', 'tr')).toMatch(/^Pzt–Cum 09:00–17:00$/);
	});

	it('shows what it cannot read exactly as the merchant typed it', () => {
		expect(formatHours('bel gerust, we zijn er meestal', 'en')).toBe('bel gerust, we zijn er meestal');
	});
});

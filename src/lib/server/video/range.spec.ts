import { describe, expect, it } from 'vitest';
import { parseRange } from './range';

describe('parseRange', () => {
	it('reads the ranges players send', () => {
		expect(parseRange(null, 100)).toBeNull();
		expect(parseRange('bytes=0-', 100)).toEqual({ start: 0, end: 99 });
		expect(parseRange('bytes=10-19', 100)).toEqual({ start: 10, end: 19 });
		expect(parseRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
		expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
	});
	it('refuses ranges outside the file and ignores nonsense', () => {
		expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
		expect(parseRange('bytes=5-2', 100)).toBe('unsatisfiable');
		expect(parseRange('items=0-1', 100)).toBeNull();
		expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
	});
});

import { describe, expect, it } from 'vitest';
import { promiseOutcome } from './promise';

describe('promiseOutcome', () => {
	it('is kept as soon as everything is paid, even early', () => {
		expect(promiseOutcome('2026-12-10', '2026-11-30', 0)).toBe('kept');
	});
	it('stays open up to and including the promised day', () => {
		expect(promiseOutcome('2026-12-10', '2026-12-10', 2)).toBe('open');
	});
	it('is broken from the next day on when something is still open', () => {
		expect(promiseOutcome('2026-12-10', '2026-12-11', 1)).toBe('broken');
	});
});

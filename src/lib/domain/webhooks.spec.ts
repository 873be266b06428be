import { describe, expect, it } from 'vitest';
import { afterFailure, eventsOf, failingTooLong, retryDelayMs, RETRY_WINDOW_MS, SECRET_SHAPE } from './webhooks';

describe('the retry schedule', () => {
	it('doubles from 10 s up to 6 h, with ±20 % jitter', () => {
		expect(retryDelayMs(1, undefined, 0.5)).toBe(10_000);
		expect(retryDelayMs(2, undefined, 0.5)).toBe(20_000);
		expect(retryDelayMs(30, undefined, 0.5)).toBe(6 * 3600_000);
		expect(retryDelayMs(1, undefined, 0)).toBe(8_000);
		expect(retryDelayMs(1, undefined, 0.999999)).toBeCloseTo(12_000, -1);
	});

	it('gives up once the next try would fall after the three-day window', () => {
		const start = new Date('2026-12-01T00:00:00Z');
		expect(afterFailure(3, start, new Date(start.getTime() + 3600_000), undefined, 0.5)).toMatchObject({ retry: true });
		expect(afterFailure(20, start, new Date(start.getTime() + RETRY_WINDOW_MS - 60_000), undefined, 0.5)).toEqual({ retry: false });
		expect(failingTooLong(start, new Date(start.getTime() + RETRY_WINDOW_MS))).toBe(true);
		expect(failingTooLong(start, new Date(start.getTime() + RETRY_WINDOW_MS - 1))).toBe(false);
		expect(failingTooLong(null, new Date())).toBe(false);
	});
});

describe('events from the timeline', () => {
	it('maps timeline types to event names, and only disputes’ answers', () => {
		expect(eventsOf('claim.paid_outside', {})).toEqual(['claim.paid']);
		expect(eventsOf('claim.taken_back', {})).toEqual(['claim.taken_back']);
		expect(eventsOf('outreach.bounced', {})).toEqual(['message.bounced']);
		expect(eventsOf('payment.paid', { instalment: false })).toEqual(['payment.paid', 'claim.paid']);
		expect(eventsOf('payment.paid', { instalment: true })).toEqual(['payment.paid']);
		expect(eventsOf('message.answered', { kind: 'already_paid' })).toEqual(['dispute.answered']);
		expect(eventsOf('message.answered', { kind: 'question' })).toEqual([]);
		expect(eventsOf('note.added', {})).toEqual([]);
	});

	it('knows a Standard Webhooks secret', () => {
		expect(SECRET_SHAPE.test(`whsec_${Buffer.alloc(32, 7).toString('base64')}`)).toBe(true);
		expect(SECRET_SHAPE.test('whsec_short')).toBe(false);
	});
});

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkSendWindow, DEFAULT_SEND_WINDOW as W, localDay, mayGoAt, nextSendMoment, weekOf } from './send-window';

const ams = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Amsterdam' }).toJSDate();
const onClock = (d: Date) => DateTime.fromJSDate(d, { zone: 'Europe/Amsterdam' }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('the send window', () => {
	it('lets a message go on a weekday afternoon, as it is', () => {
		const at = ams('2026-12-07T14:30');
		expect(nextSendMoment(at, W)).toEqual(at);
	});

	it('moves a message from the evening to eight the next morning', () => {
		expect(onClock(nextSendMoment(ams('2026-12-07T21:00'), W))).toBe('Tue 2026-12-08 08:00');
		expect(onClock(nextSendMoment(ams('2026-12-08T06:59'), W))).toBe('Tue 2026-12-08 08:00');
	});

	it('skips Sunday, unless the merchant allows it', () => {
		expect(onClock(nextSendMoment(ams('2026-12-05T22:00'), W))).toBe('Mon 2026-12-07 08:00');
		expect(onClock(nextSendMoment(ams('2026-12-06T10:00'), W))).toBe('Mon 2026-12-07 08:00');
		expect(onClock(nextSendMoment(ams('2026-12-06T10:00'), { ...W, sundays: true }))).toBe('Sun 2026-12-06 10:00');
	});

	it('keeps to the local clock across the change to and from summer time', () => {
		// 29 March 2026 (a Sunday) the clocks go 02:00 → 03:00; 25 October 2026 (a Sunday) 03:00 → 02:00.
		expect(onClock(nextSendMoment(ams('2026-03-28T23:30'), W))).toBe('Mon 2026-03-30 08:00');
		expect(onClock(nextSendMoment(ams('2026-10-24T21:15'), W))).toBe('Mon 2026-10-26 08:00');
		expect(onClock(nextSendMoment(ams('2026-03-30T07:00'), W))).toBe('Mon 2026-03-30 08:00');
		// The same local day, whichever of the two 02:30s of 25 October.
		const first = DateTime.fromObject({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, { zone: 'Europe/Amsterdam' });
		expect(localDay(first.toJSDate(), W.timeZone)).toBe('2026-10-25');
		expect(localDay(first.plus({ hours: 1 }).toJSDate(), W.timeZone)).toBe('2026-10-25');
	});

	it('never lands in quiet hours or on a Sunday, and never moves a message earlier', () => {
		const from = Date.UTC(2026, 0, 1);
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 3 * 365 * 24 * 60 }),
				fc.integer({ min: 0, max: 12 }),
				fc.integer({ min: 1, max: 12 }),
				(minute, start, length) => {
					const w = { ...W, startHour: start, endHour: start + length };
					const at = new Date(from + minute * 60_000);
					const next = nextSendMoment(at, w);
					expect(mayGoAt(next, w)).toBe(true);
					expect(next.getTime()).toBeGreaterThanOrEqual(at.getTime());
					// And it is the first such moment: the minute before it (if after `at`) was not allowed.
					if (next.getTime() > at.getTime()) expect(mayGoAt(new Date(next.getTime() - 60_000), w)).toBe(false);
				}
			)
		);
	});

	it('counts weeks from Monday', () => {
		expect(weekOf('2026-12-06')).toBe('2026-11-30');
		expect(weekOf('2026-12-07')).toBe('2026-12-07');
	});

	it('refuses a window that makes no sense', () => {
		expect(checkSendWindow(W)).toBe('ok');
		expect(checkSendWindow({ ...W, startHour: 21, endHour: 8 })).toBe('hours');
		expect(checkSendWindow({ ...W, timeZone: 'Mars/Olympus' })).toBe('time_zone');
	});
});

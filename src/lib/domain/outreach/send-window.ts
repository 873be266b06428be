// When a message may go out: never in the merchant's quiet hours (default 21:00–08:00) nor on a Sunday, on the
// merchant's clock (Europe/Amsterdam unless set). Days are calendar days on that clock, so a daylight-saving
// change neither shifts a send into the night nor makes one day count twice.
import { DateTime } from 'luxon';

export type SendWindow = {
	timeZone: string;
	/** Hours on the local clock, 0–23: sending may start at `startHour` and must end before `endHour`. */
	startHour: number;
	endHour: number;
	sundays: boolean;
};

export const DEFAULT_SEND_WINDOW: SendWindow = { timeZone: 'Europe/Amsterdam', startHour: 8, endHour: 21, sundays: false };

const local = (at: Date, zone: string) => DateTime.fromJSDate(at, { zone });

/** Whether a message may be sent at this moment. */
export function mayGoAt(at: Date, w: SendWindow): boolean {
	const t = local(at, w.timeZone);
	if (!w.sundays && t.weekday === 7) return false;
	return t.hour >= w.startHour && t.hour < w.endHour;
}

/** The first moment at or after `at` when a message may go. */
export function nextSendMoment(at: Date, w: SendWindow): Date {
	if (mayGoAt(at, w)) return at;
	let t = local(at, w.timeZone);
	// Before the window opens today: today at the start hour; otherwise the next day's.
	let day = t.hour < w.startHour ? t.startOf('day') : t.startOf('day').plus({ days: 1 });
	while (!w.sundays && day.weekday === 7) day = day.plus({ days: 1 });
	// set() on the local clock: 08:00 exists on every day, also when the clocks change that night.
	t = day.set({ hour: w.startHour, minute: 0, second: 0, millisecond: 0 });
	return t.toJSDate();
}

/** The calendar day (yyyy-mm-dd) of a moment on the merchant's clock: "today" for the once-a-day rule. */
export function localDay(at: Date, timeZone: string): string {
	return local(at, timeZone).toISODate()!;
}

/** Monday (yyyy-mm-dd) of the local week a day falls in: the week of the weekly cap. */
export function weekOf(isoDay: string): string {
	return DateTime.fromISO(isoDay, { zone: 'UTC' }).startOf('week').toISODate()!;
}

/** A send window the merchant may choose: a real time zone, a start before the end, at least an hour long. */
export function checkSendWindow(w: SendWindow): 'ok' | 'time_zone' | 'hours' {
	if (!DateTime.local().setZone(w.timeZone).isValid) return 'time_zone';
	const whole = (h: number) => Number.isInteger(h) && h >= 0 && h <= 24;
	if (!whole(w.startHour) || !whole(w.endHour) || w.endHour - w.startHour < 1) return 'hours';
	return 'ok';
}

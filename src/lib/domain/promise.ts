// A promise to pay: kept when everything it covers is paid by the date, broken when the date passes first.
export const PROMISE_STATUSES = ['open', 'kept', 'broken'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/**
 * What an open promise has become on `today`. The promised day itself still counts as on time;
 * only from the next day on is a promise with something unpaid broken.
 */
export function promiseOutcome(promisedOn: string, today: string, coveredStillOpen: number): PromiseStatus {
	if (coveredStillOpen === 0) return 'kept';
	return today > promisedOn ? 'broken' : 'open';
}

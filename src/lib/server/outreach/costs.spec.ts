import { describe, expect, it } from 'vitest';
import { costsDue } from './costs';
import type { DebtorSituation } from './situations';

const situation = (over: Partial<DebtorSituation> = {}): DebtorSituation => ({
	debtorId: 'd1',
	merchantId: 'm1',
	name: 'Sanne de Vries',
	email: 'sanne@example.nl',
	phone: null,
	postalAddress: null,
	pushable: false,
	preferredChannel: null,
	locale: 'nl',
	paused: false,
	bounced: false,
	stopped: false,
	phoneFailed: false,
	smsStopped: false,
	claims: [
		{
			id: 'c1',
			dueOn: '2026-10-01',
			amountCents: 20_000,
			disputed: false,
			inPlanOnTrack: false,
			promisedUntil: null,
			reference: 'F-1',
			description: 'Fiets',
			currency: 'EUR',
			kind: 'invoice'
		}
	],
	progress: null,
	episode: 1,
	sentToday: 0,
	sentThisWeek: 0,
	plan: null,
	promise: null,
	tags: [],
	segment: null,
	...over
});
const letter = { messageId: 'x', debtorId: 'd1', claimIds: ['c1'], sentOn: '2026-10-18', channel: 'email', termEndsOn: null };

describe('costsDue', () => {
	it('adds the statutory costs once the 14-day term has ended', () => {
		expect(costsDue(letter, situation(), '2026-11-10')).toEqual({ principalCents: 20_000, costsCents: 4000, currency: 'EUR' });
	});
	it('leaves a debtor on the calmest path alone: a vulnerable tag or a calm segment', () => {
		expect(costsDue(letter, situation({ tags: ['vulnerable'] }), '2026-11-10')).toBeNull();
		expect(costsDue(letter, situation({ segment: { tone: null, calm: true, journey: null } }), '2026-11-10')).toBeNull();
		expect(costsDue(letter, situation({ segment: { tone: 'formal', calm: false, journey: null } }), '2026-11-10')).not.toBeNull();
	});
});

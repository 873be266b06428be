import { describe, expect, it } from 'vitest';
import { candidates, chooseChannel, reachFor, type ChannelStates } from './channels';

const ok = (address: string) => ({ address, unreachable: null });
const states = (over: Partial<ChannelStates> = {}): ChannelStates => ({
	email: ok('sanne@example.nl'),
	sms: ok('+31612345678'),
	letter: { address: null, unreachable: 'no_address' },
	push: { address: null, unreachable: 'no_address' },
	...over
});
const reminder = { channel: 'preferred' as const, kind: 'reminder' };

describe('choosing a channel', () => {
	it('uses the debtor’s preferred channel, then SMS, e-mail, letter', () => {
		expect(candidates('preferred', 'letter')).toEqual(['letter', 'sms', 'email']);
		expect(candidates('preferred', null)).toEqual(['email', 'sms', 'letter']);
		expect(candidates('sms', 'email')).toEqual(['sms']);
		expect(chooseChannel(reminder, 'sms', states())).toEqual({ channel: 'sms', address: '+31612345678', tried: [] });
	});

	it('falls back past a channel that bounced, was opted out of or has no address, and says why', () => {
		const choice = chooseChannel(reminder, 'sms', states({ sms: { address: '+31612345678', unreachable: 'opted_out' } }));
		expect(choice).toEqual({ channel: 'email', address: 'sanne@example.nl', tried: [{ channel: 'sms', reason: 'opted_out' }] });
		const after = chooseChannel(reminder, 'sms', states(), [{ channel: 'sms', reason: 'delivery failed' }]);
		expect(after.channel).toBe('email');
		expect(after.tried).toEqual([{ channel: 'sms', reason: 'delivery failed' }]);
	});

	it('never sends the 14-day letter as a text message', () => {
		const choice = chooseChannel({ channel: 'preferred', kind: 'fourteen_day' }, 'sms', states());
		expect(choice.channel).toBe('email');
		expect(choice.tried).toEqual([{ channel: 'sms', reason: 'not_for_this_message' }]);
		const none = chooseChannel(
			{ channel: 'preferred', kind: 'fourteen_day' },
			'sms',
			states({ email: { address: null, unreachable: 'no_address' } })
		);
		expect(none.channel).toBeNull();
	});

	it('an e-mail step goes by e-mail only', () => {
		const choice = chooseChannel(
			{ channel: 'email', kind: 'reminder' },
			'sms',
			states({ email: { address: 'x@y.nl', unreachable: 'bouncing' } })
		);
		expect(choice).toEqual({ channel: null, tried: [{ channel: 'email', reason: 'bouncing' }] });
		expect(reachFor({ channel: 'email', kind: 'reminder' }, 'sms', states({ email: { address: 'x@y.nl', unreachable: 'bouncing' } }))).toBe(
			'bouncing'
		);
		expect(reachFor(reminder, 'email', states({ email: { address: 'x@y.nl', unreachable: 'bouncing' } }))).toBeNull();
	});
});

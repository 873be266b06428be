// The ways a message reaches a debtor, and which one a step uses: its own channel, or the debtor's preferred one with
// a fallback (SMS → e-mail → letter) past any that bounced, was opted out of or has no address. Pure.

export const CHANNELS = ['email', 'sms', 'letter', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What a debtor (or the merchant for them) may choose as the way to be reached. */
export const PREFERABLE: readonly Channel[] = ['email', 'sms', 'letter'];

/** The order a "preferred" step tries after the debtor's own choice. */
export const FALLBACK_ORDER: readonly Channel[] = ['sms', 'email', 'letter'];

/** Why a channel cannot carry a message to this debtor now. */
export type Unreachable = 'no_address' | 'bouncing' | 'opted_out' | 'not_configured';

/**
 * The 14-day letter must name the costs, the term and the claims in writing: an e-mail or a letter carries that, a
 * text message does not. Every other step may go by any channel.
 */
export function carries(channel: Channel, stepKind: string): boolean {
	return !(stepKind === 'fourteen_day' && (channel === 'sms' || channel === 'push'));
}

/** One channel as it stands for a debtor: where it goes, or why it cannot. */
export type ChannelState = { address: string; unreachable: null } | { address: string | null; unreachable: Unreachable };

export type ChannelStates = Record<Channel, ChannelState>;

/** A channel passed over, and why: shown on the timeline beside the one that was used. */
export type Tried = { channel: Channel; reason: string };

export type Choice = { channel: Channel; address: string; tried: Tried[] } | { channel: null; tried: Tried[] };

export const isChannel = (v: unknown): v is Channel => typeof v === 'string' && (CHANNELS as readonly string[]).includes(v);

/** The channels a step tries, in order: its own one, or the preferred one and then the fallback order. */
export function candidates(step: Channel | 'preferred', preferred: Channel | null): Channel[] {
	if (step !== 'preferred') return [step];
	const first = preferred && PREFERABLE.includes(preferred) ? preferred : 'email';
	return [first, ...FALLBACK_ORDER.filter((c) => c !== first)];
}

export type StepRef = { channel: Channel | 'preferred'; kind: string };

/**
 * The first channel of the step's candidates that can carry the message, after the ones already tried (a bounced SMS
 * moves on to e-mail); every channel passed over is named with its reason.
 */
export function chooseChannel(step: StepRef, preferred: Channel | null, states: ChannelStates, alreadyTried: Tried[] = []): Choice {
	const tried = [...alreadyTried];
	const done = new Set(alreadyTried.map((t) => t.channel));
	for (const channel of candidates(step.channel, preferred)) {
		if (done.has(channel)) continue;
		if (!carries(channel, step.kind)) {
			tried.push({ channel, reason: 'not_for_this_message' });
			continue;
		}
		const s = states[channel];
		if (s.unreachable === null) return { channel, address: s.address, tried };
		tried.push({ channel, reason: s.unreachable });
	}
	return { channel: null, tried };
}

/** Whether the step can reach the debtor at all, and if not the reason of the first channel it would try. */
export function reachFor(step: StepRef, preferred: Channel | null, states: ChannelStates): Unreachable | null {
	const choice = chooseChannel(step, preferred, states);
	if (choice.channel) return null;
	return (choice.tried.find((t) => t.reason !== 'not_for_this_message')?.reason as Unreachable | undefined) ?? 'no_address';
}

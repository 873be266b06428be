// A "preferred" step that could not go by its channel goes by the next one: an SMS that bounced (at once, or by the
// provider's delivery report), a channel opted out of or without an address since the step was planned. The new row
// is the same message through another channel — unique per (step, channel), so a repeated report makes it once — and
// its timeline entry names the channels tried and why.
import { eq, sql } from 'drizzle-orm';
import { chooseChannel, type Channel } from '../../domain/outreach/channels';
import { nextSendMoment } from '../../domain/outreach/send-window';
import { outreachOf } from '../../domain/outreach/settings';
import type { Db } from '../db/client';
import { merchants } from '../db/schema';
import type { OutboxRow } from './channels';
import { composeStep } from './compose';
import { enqueue } from './outbox';
import { clockOf, merchantOutreachColumns, statesOf } from './plan';
import { situations } from './situations';

/** Reasons a message did not go that another channel may overcome (a paid claim is not one of them). */
export const FALLS_BACK: string[] = ['no_address', 'address_changed', 'bouncing', 'opted_out'];

/** Queues the step by the next channel that can carry it; returns the channel, or null when none can (or it is no step). */
export async function fallBack(
	db: Db,
	row: OutboxRow,
	reason: string,
	now: Date,
	options: { origin: string; channels: readonly Channel[] }
): Promise<Channel | null> {
	if (!row.stepId) return null;
	const [m] = await db.select(merchantOutreachColumns).from(merchants).where(eq(merchants.id, row.merchantId));
	if (!m) return null;
	const { journey, policy } = outreachOf(m.outreach);
	const step = journey.steps.find((s) => s.id === row.stepId);
	if (!step || step.channel !== 'preferred') return null;
	const clock = clockOf(policy, now);
	const [s] = await situations(db, sql`d.id = ${row.debtorId}::uuid`, clock, 1);
	if (!s) return null;
	// The channel just tried is out, whatever its state says now; so is every one tried before it.
	const tried = [...row.tried, { channel: row.channel, reason: reason.slice(0, 120) }];
	const choice = chooseChannel(step, s.preferredChannel, statesOf(s, options.channels), tried);
	if (!choice.channel) return null;
	const composed = await composeStep(m, s, step, row.claimIds, clock.today, options.origin, choice.channel, true);
	const domain = /@([^>]+)>$/.exec(row.messageId)?.[1] ?? 'coulant.localhost';
	const base = row.dedupeKey.split('>')[0];
	await enqueue(
		db,
		[
			{
				merchantId: row.merchantId,
				debtorId: row.debtorId,
				stepId: row.stepId,
				dedupeKey: `${base}>${choice.channel}`,
				channel: choice.channel,
				toAddress: choice.address,
				tried: choice.tried,
				sendAfter: nextSendMoment(now, policy.window),
				composed,
				because: { stepId: row.stepId, fallbackFrom: row.id }
			}
		],
		domain,
		now
	);
	return choice.channel;
}

// An outbox status, a channel and why a channel was passed over, as staff read them.
import { m } from '$lib/paraglide/messages';
import type { Channel } from '$lib/domain/outreach/channels';
import type { OutboxStatus } from '$lib/server/db/schema';

export const STATUS_LABELS: Record<OutboxStatus, () => string> = {
	queued: m.outbox_status_queued,
	sending: m.outbox_status_sending,
	sent: m.outbox_status_sent,
	deferred: m.outbox_status_deferred,
	bounced: m.outbox_status_bounced,
	canceled: m.outbox_status_canceled
};

export const CHANNEL_LABELS: Record<Channel, () => string> = {
	email: m.outbox_channel_email,
	sms: m.outbox_channel_sms,
	letter: m.outbox_channel_letter,
	push: m.outbox_channel_push
};

const TRIED_LABELS: Record<string, () => string> = {
	no_address: m.outbox_tried_no_address,
	bouncing: m.outbox_tried_bouncing,
	opted_out: m.outbox_tried_opted_out,
	not_configured: m.outbox_tried_not_configured,
	not_for_this_message: m.outbox_tried_not_for_this_message,
	address_changed: m.outbox_tried_address_changed
};

/** Why a channel was passed over: a known reason in words, or the provider's own answer as it came. */
export const triedReason = (reason: string) => TRIED_LABELS[reason]?.() ?? reason;

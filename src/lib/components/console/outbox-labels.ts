// An outbox status as staff read it.
import { m } from '$lib/paraglide/messages';
import type { OutboxStatus } from '$lib/server/db/schema';

export const STATUS_LABELS: Record<OutboxStatus, () => string> = {
	queued: m.outbox_status_queued,
	sending: m.outbox_status_sending,
	sent: m.outbox_status_sent,
	deferred: m.outbox_status_deferred,
	bounced: m.outbox_status_bounced,
	canceled: m.outbox_status_canceled
};

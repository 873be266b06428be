// Calls a payment's webhook the way Mollie does: POST, form-encoded `id=tr_…`, no signature.
import type { StandinPayment } from './store';

/** Fire and forget, like Mollie (which retries on its own schedule); a dropped webhook is never sent. */
export function deliverWebhook(p: Pick<StandinPayment, 'id' | 'webhookUrl' | 'webhookMode' | 'webhookDelayMs'>) {
	if (!p.webhookUrl || p.webhookMode === 'drop') return;
	const send = () =>
		fetch(p.webhookUrl!, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ id: p.id })
		}).catch(() => {
			// Mollie would retry later; the result page asks Mollie itself, so nothing is lost.
		});
	if (p.webhookDelayMs > 0) setTimeout(send, p.webhookDelayMs);
	else void send();
}

/** Sends the webhook now and waits for the app's answer (used by controls and tests). */
export async function sendWebhookNow(p: Pick<StandinPayment, 'id' | 'webhookUrl'>): Promise<number | null> {
	if (!p.webhookUrl) return null;
	const res = await fetch(p.webhookUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ id: p.id })
	});
	return res.status;
}

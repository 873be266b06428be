// Text messages through CM.com (Breda), with its official SDK: the gateway itself with a product token, or the local
// stand-in (cm-standin) in the demo and in every test. The message's outbox id is its CM reference, so the status
// report finds it again; the sender is the merchant's name as an alphanumeric sender id.
import { CMTypes, MessageApiClient } from '@cmdotcom/text-sdk';
import { MAX_SMS_PARTS } from '../../domain/outreach/sms-segments';
import { toCmNumber } from '../../domain/phone';
import type { ChannelSender } from '../outreach/channels';
import type { MerchantOutreachRow } from '../outreach/situations';
import { markNumberFailed } from './reports';

export type CmConnection = { productToken: string; baseUrl: string; timeoutMs?: number };

type CmAnswer = {
	details?: string;
	errorCode?: number;
	messages?: {
		to?: string;
		status?: string;
		reference?: string;
		parts?: number;
		messageDetails?: string | null;
		messageErrorCode?: number;
	}[];
};

/** An alphanumeric sender id: letters, digits and spaces, at most 11 (what phones show as the sender). */
export function senderId(m: Pick<MerchantOutreachRow, 'senderName' | 'displayName'>): string {
	const name = (m.senderName ?? m.displayName)
		.normalize('NFKD')
		.replace(/[^A-Za-z0-9 ]/g, '')
		.replace(/\s+/g, ' ')
		.trim();
	return name.slice(0, 11).trim() || 'Coulant';
}

class Timeout extends Error {}

export function cmChannel(conn: CmConnection, costPerPart: (m: MerchantOutreachRow) => number): ChannelSender {
	const client = new MessageApiClient(conn.productToken);
	// The SDK's own API class, at the gateway's address (or the stand-in's): the message builder uses the default one.
	const api = new CMTypes.MessagesApi(conn.baseUrl);
	return {
		channel: 'sms',
		async deliver(d) {
			const message = client.createMessage().setMessage([toCmNumber(d.row.toAddress)], senderId(d.merchant), d.text, d.row.id);
			const msg = message.messages!.msg![0];
			msg.minimumNumberOfMessageParts = 1;
			msg.maximumNumberOfMessageParts = MAX_SMS_PARTS;
			message.setAllowedChannels(['SMS']);
			let timer: NodeJS.Timeout | undefined;
			try {
				const res = await Promise.race([
					api.messagesSendMessage(message),
					new Promise<never>(
						(_, fail) => (timer = setTimeout(() => fail(new Timeout('CM did not answer in time')), conn.timeoutMs ?? 10_000))
					)
				]);
				const answer = (res.data ?? {}) as CmAnswer;
				const mine = answer.messages?.[0];
				if (mine?.status !== 'Accepted')
					return { ok: false, permanent: true, reason: mine?.messageDetails ?? answer.details ?? 'not accepted' };
				const parts = mine.parts ?? 1;
				return { ok: true, transport: 'cm', parts, costCents: parts * costPerPart(d.merchant) };
			} catch (e) {
				return classify(e);
			} finally {
				clearTimeout(timer);
			}
		},
		onPermanentFailure: (db, row, reason, now) => markNumberFailed(db, row.toAddress, reason, now)
	};
}

/** A refused recipient is permanent; the gateway down, a timeout or refused credentials are worth another try. */
function classify(e: unknown): { ok: false; permanent: boolean; reason: string } {
	if (e instanceof Timeout) return { ok: false, permanent: false, reason: e.message };
	const res = (e as { response?: { status?: number; data?: CmAnswer } }).response;
	const answer = res?.data;
	const mine = answer?.messages?.[0];
	if (res?.status === 400 && mine?.status === 'Rejected')
		return {
			ok: false,
			permanent: true,
			reason: `${mine.messageErrorCode ?? ''} ${mine.messageDetails ?? 'rejected'}`.trim().slice(0, 300)
		};
	const reason = answer?.details ?? (e as Error)?.message ?? String(e);
	return { ok: false, permanent: false, reason: `${res?.status ?? 'no answer'}: ${reason}`.slice(0, 300) };
}

// The short message a merchant sends with a debtor's personal link (e-mail, SMS, letter), in the debtor's language
// and the merchant's tone, signed with the merchant's sender name (or, when it has none, the name on the page).
import { toned } from '../../copy';
import { greetingName, type Tone } from '../../domain/tone';
import { toLocale } from '../../schemas/locale';
import type { Db } from '../db/client';
import * as q from './queries';

export type Sender = { tone: Tone; displayName: string; senderName: string | null };

/** Who a message is from: the sender name when the merchant set one. */
export const senderOf = (s: Pick<Sender, 'displayName' | 'senderName'>) => s.senderName?.trim() || s.displayName;

/** The closing line, e.g. "Met vriendelijke groet, Fietsplaats klantenservice". */
export function signoff(s: Sender, locale: string): string {
	const sender = senderOf(s);
	return toned(s.tone, 'link_signoff', { sender }, toLocale(locale));
}

/** The whole message with the link, ready to paste into an e-mail or SMS. Greets as the page does. */
export function linkMessage(s: Sender, debtor: { name: string; locale: string | null }, link: string): string {
	const locale = toLocale(debtor.locale);
	const name = greetingName(s.tone, debtor.name);
	const body = toned(s.tone, 'link_message', { name, merchant: s.displayName, link }, locale);
	return `${body}\n\n${signoff(s, locale)}`;
}

/** The merchant's voice for messages, and each of its debtors' language (by customer_ref): scoped to one merchant. */
export async function voiceOf(db: Db, merchantId: string) {
	const { sender, locales } = await q.voiceOf(db, merchantId);
	return { sender: sender as Sender, locales: new Map(locales.map((r) => [r.customerRef, r.locale])) };
}

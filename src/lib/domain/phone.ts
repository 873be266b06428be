// Phone numbers as text messages need them: checked with libphonenumber-js (Google's metadata), stored as E.164
// (+31612345678), and only mobile numbers — a landline cannot receive an SMS. Numbers written without a country
// code are read as Dutch.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneCheck = { e164: string } | { problem: 'phone' | 'phone_not_mobile' };

export function checkPhone(written: string, defaultCountry: 'NL' = 'NL'): PhoneCheck {
	const text = written.trim().replace(/^00/, '+');
	const n = parsePhoneNumberFromString(text, defaultCountry);
	if (!n || !n.isValid()) return { problem: 'phone' };
	const type = n.getType();
	// Some countries (the US) do not tell mobile from fixed numbers: those may receive texts.
	if (type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') return { problem: 'phone_not_mobile' };
	return { e164: n.number };
}

/** CM.com's recipient format: the E.164 number with 00 instead of +. */
export const toCmNumber = (e164: string) => `00${e164.replace(/^\+/, '')}`;
/** And back. */
export const fromCmNumber = (n: string) => `+${n.replace(/^\+|^00/, '')}`;

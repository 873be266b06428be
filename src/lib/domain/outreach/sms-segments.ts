// How many SMS parts a text takes (3GPP TS 23.038): GSM-7 when every character is in the default alphabet or its
// extension table (which costs two septets), otherwise UCS-2. One part holds 160 septets or 70 UCS-2 units; a longer
// text is split into parts of 153 or 67, each carrying a header to join them. Pure.

const BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '^{}\\[~]|€\f';
const basic = new Set(BASIC);
const extension = new Set(EXTENSION);

export type Encoding = 'GSM-7' | 'UCS-2';
export type Segments = { encoding: Encoding; parts: number; units: number; perPart: number };

/** The SMS parts a text is sent as, and in which encoding. */
export function smsSegments(text: string): Segments {
	let septets = 0;
	let gsm = true;
	for (const ch of text) {
		if (basic.has(ch)) septets += 1;
		else if (extension.has(ch)) septets += 2;
		else {
			gsm = false;
			break;
		}
	}
	if (gsm) {
		const parts = septets <= 160 ? 1 : Math.ceil(septets / 153);
		return { encoding: 'GSM-7', parts: septets === 0 ? 0 : parts, units: septets, perPart: parts <= 1 ? 160 : 153 };
	}
	// UCS-2 counts UTF-16 code units: a character outside the BMP (an emoji) takes two.
	const units = text.length;
	const parts = units <= 70 ? 1 : Math.ceil(units / 67);
	return { encoding: 'UCS-2', parts, units, perPart: parts <= 1 ? 70 : 67 };
}

/** At most this many parts per text message: longer texts cost more and arrive badly joined on some phones. */
export const MAX_SMS_PARTS = 3;

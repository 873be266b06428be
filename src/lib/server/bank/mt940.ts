// Reads an MT940 statement (SWIFT; Dutch banks' /EREF/, /NAME/, /IBAN/, /REMI/ in field 86) with mt940js into the
// same shape as a CAMT.053: only credits, never a throw for a file that is not one.
import { createHash } from 'node:crypto';
import mt940js, { type Statement as Mt940Statement } from 'mt940js';
import { minorDigits } from '../../domain/money';
import { MAX_ENTRIES, type Parsed, type StatementEntry } from './camt';

/** An MT940 file starts with its transaction reference (:20:), perhaps after SWIFT header blocks. */
export function looksLikeMt940(text: string) {
	return /^(\{1:[^}]*\}\s*(\{2:[^}]*\}\s*)?(\{4:\s*)?)?:20:/.test(text.trimStart()) && text.includes(':61:');
}

const clean = (v: string | undefined, max = 140) => v?.replace(/\/+$/, '').trim().slice(0, max) || null;
/** "USTD//Factuur F-1/" is the unstructured remittance "Factuur F-1". */
const remittanceOf = (remi: string | undefined) =>
	(remi ?? '')
		.replace(/^USTD\/\//, '')
		.replace(/^STRD\/\/CUR\/\//, '')
		.replace(/\/+$/, '')
		.trim();

export function parseMt940(bytes: Uint8Array): Parsed {
	const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
	if (!looksLikeMt940(text)) return { ok: false, problem: 'not_xml' };
	// Counted before parsing: each transaction is one :61: line.
	if (text.split(':61:').length - 1 > MAX_ENTRIES) return { ok: false, problem: 'too_many' };
	let statements: Mt940Statement[];
	try {
		statements = new mt940js.Parser().parse(text);
	} catch (e) {
		// mt940js checks each statement's balances; a file that does not add up is refused whole.
		return { ok: false, problem: 'bad_entry', detail: e instanceof Error ? e.message.slice(0, 200) : undefined };
	}
	const entries = statements.reduce((n, s) => n + s.transactions.length, 0);
	if (entries === 0) return { ok: false, problem: 'empty' };
	const credits: StatementEntry[] = [];
	const accounts: string[] = [];
	const seen = new Map<string, number>();
	let skipped = 0;
	for (const s of statements) {
		const account = s.accountIdentification.split(/\s+/)[0];
		if (!accounts.includes(account)) accounts.push(account);
		for (const t of s.transactions) {
			const digits = minorDigits(t.currency);
			if (digits === null) return { ok: false, problem: 'bad_entry' };
			if (t.amount <= 0 || t.isReversal) {
				skipped++;
				continue;
			}
			const day = t.entryDate ?? t.date;
			const cents = Math.round(t.amount * 10 ** digits);
			if (!(day instanceof Date) || Number.isNaN(day.getTime()) || !Number.isSafeInteger(cents) || cents > 1e13)
				return { ok: false, problem: 'bad_entry' };
			const d = t.structuredDetails ?? {};
			const fields = {
				account,
				bookedOn: day.toISOString().slice(0, 10),
				// mt940js gives a float of at most the currency's digits: rounding brings back the written cents.
				amountCents: cents,
				currency: t.currency,
				payerName: clean(d.NAME),
				payerIban: clean(d.IBAN, 34),
				endToEndId: clean(d.EREF, 35) === 'NOTPROVIDED' ? null : clean(d.EREF, 35),
				creditorRef: null,
				remittance: (d.REMI ? remittanceOf(d.REMI) : t.details.replace(/\n/g, ' ')).slice(0, 1000)
			};
			const bankRef = t.bankReference?.trim().slice(0, 64);
			let key: string;
			if (bankRef) key = `${account}:${bankRef}`;
			else {
				const hash = createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
				const count = (seen.get(hash) ?? 0) + 1;
				seen.set(hash, count);
				key = `${account}:h:${hash}:${count}`;
			}
			credits.push({ key, ...fields });
		}
	}
	return { ok: true, statement: { format: 'mt940', accounts, entries, credits, skipped } };
}

// Reads a CAMT.053 bank statement (ISO 20022 BkToCstmrStmt, camt.053.001.02 and later) with fast-xml-parser.
// Only booked credit transfers are kept; a file that is no statement is refused with a reason, never thrown.
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { minorDigits } from '../../domain/money';
import { parseDay } from '../../domain/schedule';

export type StatementEntry = {
	/** Unique per transfer: the account and the bank's own reference, or a hash of the transfer's fields. */
	key: string;
	account: string;
	bookedOn: string;
	amountCents: number;
	currency: string;
	payerName: string | null;
	payerIban: string | null;
	endToEndId: string | null;
	creditorRef: string | null;
	remittance: string;
};
export type Statement = {
	format: 'camt.053' | 'mt940';
	accounts: string[];
	/** Every entry of the file, credit or debit. */
	entries: number;
	credits: StatementEntry[];
	/** Debits, pending entries, and reversals: not payments to the merchant. */
	skipped: number;
};
export type StatementProblem = 'not_xml' | 'not_statement' | 'camt052' | 'camt054' | 'empty' | 'too_many' | 'bad_entry';
export type Parsed = { ok: true; statement: Statement } | { ok: false; problem: StatementProblem; detail?: string };

/** More entries than a month of a busy shop's statement is no upload for a person to review. */
export const MAX_ENTRIES = 20_000;

type Node = Record<string, unknown>;
const ARRAYS = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'Bal']);

const parser = new XMLParser({
	ignoreAttributes: false,
	attributeNamePrefix: '@',
	// Amounts and references stay text: "000123" is a reference, and money is never a float.
	parseTagValue: false,
	parseAttributeValue: false,
	trimValues: true,
	// Prefixed documents (<ns2:Document>) read the same; the xmlns attributes stay to tell the version.
	transformTagName: (name) => name.replace(/^[^:]+:/, ''),
	isArray: (name) => ARRAYS.has(name),
	maxNestedTags: 64
});

const obj = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});
const list = (v: unknown): Node[] => (Array.isArray(v) ? v.map(obj) : v ? [obj(v)] : []);
/** A leaf's text, whether or not it carries attributes. */
function str(v: unknown): string | null {
	if (typeof v === 'string') return v.trim() || null;
	if (v && typeof v === 'object' && typeof (v as Node)['#text'] === 'string') return ((v as Node)['#text'] as string).trim() || null;
	return null;
}
const at = (n: unknown, ...path: string[]): unknown => path.reduce<unknown>((o, k) => obj(o)[k], n);

/** "1234.5" in EUR to 123450 cents, by the digits — never through a float. */
export function toCents(text: string | null, currency: string): number | null {
	const digits = minorDigits(currency);
	if (!text || digits === null || !/^\d{1,13}(\.\d+)?$/.test(text)) return null;
	const [whole, fraction = ''] = text.split('.');
	if (fraction.replace(/0+$/, '').length > digits) return null;
	const cents = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0').slice(0, digits) || '0');
	return Number.isSafeInteger(cents) ? cents : null;
}

function namespaceOf(root: Node): string {
	for (const [k, v] of Object.entries(root)) if (k.startsWith('@xmlns') && typeof v === 'string' && v.includes('camt.')) return v;
	return '';
}

/** The party's name: camt.053.001.02 puts it right under Dbtr, later versions under Dbtr/Pty. */
const partyName = (party: unknown) => str(at(party, 'Nm')) ?? str(at(party, 'Pty', 'Nm'));
const accountOf = (acct: unknown) => str(at(acct, 'Id', 'IBAN')) ?? str(at(acct, 'Id', 'Othr', 'Id'));
/** A real calendar day: the database refuses 2026-02-30, so the reader does first. */
const isDay = (v: string) => parseDay(v) === v;
const cut = (v: string | null, n: number) => v?.slice(0, n) ?? null;
const placeholder = (v: string | null) => (v && v.toUpperCase() !== 'NOTPROVIDED' ? v : null);

export function parseCamt053(bytes: Uint8Array): Parsed {
	const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
	if (!text.trimStart().startsWith('<')) return { ok: false, problem: 'not_xml' };
	// A statement never declares a DTD; refusing one keeps entity expansion out entirely.
	if (text.includes('<!DOCTYPE') || text.includes('<!ENTITY')) return { ok: false, problem: 'not_statement' };
	const valid = XMLValidator.validate(text);
	if (valid !== true) return { ok: false, problem: 'not_xml', detail: `line ${valid.err.line}: ${valid.err.msg}` };
	let doc: Node;
	try {
		doc = obj(parser.parse(text));
	} catch (e) {
		return { ok: false, problem: 'not_xml', detail: e instanceof Error ? e.message.slice(0, 200) : undefined };
	}
	const root = obj(doc.Document);
	const ns = namespaceOf(root);
	if (root.BkToCstmrAcctRpt || ns.includes('camt.052')) return { ok: false, problem: 'camt052' };
	if (root.BkToCstmrDbtCdtNtfctn || ns.includes('camt.054')) return { ok: false, problem: 'camt054' };
	if (!root.BkToCstmrStmt || !/camt\.053\.001\.\d{2}/.test(ns)) return { ok: false, problem: 'not_statement' };
	const statements = list(at(root, 'BkToCstmrStmt', 'Stmt'));
	// Counted before any entry is read.
	const total = statements.reduce((n, s) => n + list(s.Ntry).length, 0);
	if (total > MAX_ENTRIES) return { ok: false, problem: 'too_many' };
	if (statements.length === 0 || total === 0) return { ok: false, problem: 'empty' };

	const credits: StatementEntry[] = [];
	const seen = new Map<string, number>();
	let skipped = 0;
	const accounts: string[] = [];
	for (const stmt of statements) {
		const account = accountOf(at(stmt, 'Acct')) ?? '';
		if (!account) return { ok: false, problem: 'not_statement' };
		if (!accounts.includes(account)) accounts.push(account);
		for (const [n, entry] of list(stmt.Ntry).entries()) {
			const status = str(entry.Sts) ?? str(at(entry, 'Sts', 'Cd'));
			const reversal = str(entry.RvslInd) === 'true';
			const currency = obj(entry.Amt)['@Ccy'];
			if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
				return { ok: false, problem: 'bad_entry', detail: `entry ${n + 1}` };
			const amount = toCents(str(entry.Amt), currency);
			if (amount === null) return { ok: false, problem: 'bad_entry', detail: `entry ${n + 1}` };
			if (str(entry.CdtDbtInd) !== 'CRDT' || status !== 'BOOK' || reversal || amount === 0) {
				skipped++;
				continue;
			}
			const bookedOn = (str(at(entry, 'BookgDt', 'Dt')) ?? str(at(entry, 'BookgDt', 'DtTm')) ?? str(at(entry, 'ValDt', 'Dt')) ?? '').slice(
				0,
				10
			);
			if (!isDay(bookedOn)) return { ok: false, problem: 'bad_entry', detail: `entry ${n + 1}` };
			const entryRef = placeholder(str(entry.AcctSvcrRef));
			const details = list(entry.NtryDtls).flatMap((d) => list(d.TxDtls));
			// A batch booking holds several transfers, each with its own amount; otherwise the entry is the transfer.
			const batch = details.length > 1 && details.every((d) => toCents(str(d.Amt) ?? str(at(d, 'AmtDtls', 'TxAmt', 'Amt')), currency));
			const parts = batch ? details : [details[0] ?? {}];
			for (const [i, tx] of parts.entries()) {
				const cents = batch ? toCents(str(tx.Amt) ?? str(at(tx, 'AmtDtls', 'TxAmt', 'Amt')), currency)! : amount;
				if (cents === 0) continue;
				const rmt = obj(tx.RmtInf);
				const remittance = (Array.isArray(rmt.Ustrd) ? rmt.Ustrd : [rmt.Ustrd]).map(str).filter((u): u is string => !!u);
				const fields = {
					account,
					bookedOn,
					amountCents: cents,
					currency,
					// ISO 20022's own lengths (Max140Text, Max35Text, an IBAN's 34), so a file can never overfill the timeline.
					payerName: cut(partyName(at(tx, 'RltdPties', 'Dbtr')), 140),
					payerIban: cut(accountOf(at(tx, 'RltdPties', 'DbtrAcct')), 34),
					endToEndId: cut(placeholder(str(at(tx, 'Refs', 'EndToEndId'))), 35),
					creditorRef: cut(
						list(rmt.Strd)
							.map((s) => str(at(s, 'CdtrRefInf', 'Ref')))
							.find((r) => r) ?? null,
						35
					),
					remittance: [...new Set(remittance)].join(' ').slice(0, 1000)
				};
				const txRef = placeholder(str(at(tx, 'Refs', 'AcctSvcrRef')));
				let key: string;
				if (txRef || entryRef) key = `${account}:${txRef ?? entryRef}${batch && !txRef ? `#${i}` : ''}`;
				else {
					// No reference from the bank: the same fields twice in one file are two transfers, told apart by count.
					const hash = createHash('sha256').update(JSON.stringify(fields)).digest('hex').slice(0, 32);
					const count = (seen.get(hash) ?? 0) + 1;
					seen.set(hash, count);
					key = `${account}:h:${hash}:${count}`;
				}
				credits.push({ key, ...fields });
			}
		}
	}
	return { ok: true, statement: { format: 'camt.053', accounts, entries: total, credits, skipped } };
}

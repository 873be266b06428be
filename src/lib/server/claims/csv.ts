// Reading a merchant's CSV of debtors and claims as a stream: one validated row (or its problems) at a time.
//
// The format: UTF-8 (with or without BOM), a header line, then one claim per line. The separator is `;` or `,`
// (whichever the header uses; a tab works too). Columns, in any order, by their English or Dutch names:
//   customer_ref* (klantnummer)  name* (naam)  email (e-mail)  phone (telefoon)  preferred_channel (kanaal)
//   street (straat: street and house number)  postcode  city (plaats)  country (land; default NL)  birth_date (geboortedatum)
//   locale (taal: nl|en|de|fr|tr|pl|ar)  reference* (kenmerk, factuurnummer)  description* (omschrijving)  amount* (bedrag)
//   currency (valuta; default EUR)  issued_on* (factuurdatum)  due_on* (vervaldatum)
// Amounts as "1.234,56", "1234,56" or "1234.56"; dates as 2026-10-01 or 01-10-2026. Unknown columns are ignored.
// Several lines may share a customer_ref (one debtor with several claims); the first line gives the debtor's details.
import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { CSV_COLUMNS, REQUIRED_COLUMNS, checkCsvRow, type ClaimRow, type CsvColumn } from '../../schemas/claims';

export type RowProblem = { line: number; field: string | null; code: string; value?: string };
export type CsvItem = { kind: 'row'; line: number; row: ClaimRow } | { kind: 'problem'; problem: RowProblem };

const MAX_HEADER_BYTES = 64 * 1024;
const ALIASES = new Map<string, CsvColumn>(
	Object.entries(CSV_COLUMNS).flatMap(([column, names]) => [column, ...names].map((n) => [n, column as CsvColumn]))
);

/** The header's separator: the most frequent of `;`, `,` and tab outside quotes (a single column counts as `,`). */
export function detectSeparator(headerLine: string): ';' | ',' | '\t' {
	const counts = { ';': 0, ',': 0, '\t': 0 };
	let quoted = false;
	for (const ch of headerLine) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
	}
	const best = (Object.entries(counts) as [keyof typeof counts, number][]).sort((a, b) => b[1] - a[1])[0];
	return best[1] > 0 ? best[0] : ',';
}

function normalise(name: string): string {
	return name.trim().toLowerCase().replace(/[\s]+/g, '_');
}

/** Maps header cells to columns; problems for missing or repeated columns. */
export function readHeader(cells: string[]): { columns: (CsvColumn | null)[]; problems: RowProblem[] } {
	const columns = cells.map((c) => ALIASES.get(normalise(c)) ?? ALIASES.get(normalise(c).replace(/_/g, '-')) ?? null);
	const problems: RowProblem[] = [];
	const seen = new Set<CsvColumn>();
	for (const c of columns) {
		if (!c) continue;
		if (seen.has(c)) problems.push({ line: 1, field: c, code: 'column_twice' });
		seen.add(c);
	}
	for (const c of REQUIRED_COLUMNS) if (!seen.has(c)) problems.push({ line: 1, field: c, code: 'column_missing' });
	return { columns, problems };
}

/** Holds back the first line until the separator is known, then passes everything on unchanged. */
async function* withSeparator(source: AsyncIterable<Uint8Array>, found: (sep: ';' | ',' | '\t') => void) {
	const held: Buffer[] = [];
	let size = 0;
	let decided = false;
	for await (const chunk of source) {
		const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
		if (decided) {
			yield buf;
			continue;
		}
		held.push(buf);
		size += buf.length;
		if (buf.includes(0x0a) || size >= MAX_HEADER_BYTES) {
			const head = Buffer.concat(held);
			const end = head.indexOf(0x0a);
			found(
				detectSeparator(
					head
						.subarray(0, end < 0 ? head.length : end)
						.toString('utf8')
						.replace(/^\uFEFF/, '')
				)
			);
			decided = true;
			yield head;
		}
	}
	if (!decided) {
		const head = Buffer.concat(held);
		found(detectSeparator(head.toString('utf8').replace(/^\uFEFF/, '')));
		yield head;
	}
}

// Cells echoed in the report: formats people get wrong, never names or contact details.
const SHOWN = new Set(['amount', 'currency', 'locale', 'issued_on', 'due_on', 'birth_date', 'preferred_channel']);

function clip(value: string | undefined) {
	return value === undefined ? undefined : value.length > 40 ? `${value.slice(0, 39)}…` : value;
}

/**
 * Parses a CSV stream lazily: the next chunk is read only when the consumer asks for the next row, so a caller
 * that writes each batch to the database before asking for more keeps memory flat, whatever the file's size.
 */
export async function* claimRows(source: AsyncIterable<Uint8Array>): AsyncGenerator<CsvItem> {
	let separator: ';' | ',' | '\t' = ',';
	const chunks = withSeparator(source, (s) => (separator = s));
	// The parser is made once the first chunk, and so the separator, is known.
	const first = await chunks.next();
	if (first.done) {
		yield { kind: 'problem', problem: { line: 1, field: null, code: 'empty' } };
		return;
	}
	const parser = parse({
		bom: true,
		delimiter: separator,
		relax_column_count: true,
		skip_empty_lines: true,
		skip_records_with_empty_values: true,
		trim: true,
		info: true,
		max_record_size: 64 * 1024
	});
	const rest = Readable.from(
		(async function* () {
			yield first.value;
			yield* chunks;
		})(),
		{ objectMode: false }
	);
	rest.pipe(parser);
	rest.on('error', (e) => parser.destroy(e));

	let columns: (CsvColumn | null)[] | null = null;
	try {
		for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
			const line = info.lines;
			if (!columns) {
				const header = readHeader(record);
				if (header.problems.length) {
					for (const problem of header.problems) yield { kind: 'problem', problem };
					return;
				}
				columns = header.columns;
				continue;
			}
			if (record.length !== columns.length) {
				yield { kind: 'problem', problem: { line, field: null, code: 'columns', value: String(record.length) } };
				continue;
			}
			const raw: Partial<Record<CsvColumn, string>> = {};
			let garbled: CsvColumn | null = null;
			record.forEach((cell, i) => {
				const column = columns![i];
				if (!column) return;
				raw[column] = cell;
				// Bytes that are not UTF-8 decode to U+FFFD; a NUL byte cannot be stored in a text column.
				if (cell.includes('\uFFFD') || cell.includes('\u0000')) garbled ??= column;
			});
			if (garbled) {
				yield { kind: 'problem', problem: { line, field: garbled, code: 'encoding' } };
				continue;
			}
			const checked = checkCsvRow(raw);
			if ('row' in checked) {
				yield { kind: 'row', line, row: checked.row };
				continue;
			}
			const fields = new Set<string>();
			for (const { field, code } of checked.problems) {
				if (fields.has(field)) continue;
				fields.add(field);
				const shown = SHOWN.has(field);
				yield { kind: 'problem', problem: { line, field: field || null, code, value: shown ? clip(raw[field as CsvColumn]) : undefined } };
			}
		}
	} catch (e) {
		// Every parser error (broken quoting, a stray quote such as 28" in an unquoted cell, a runaway field, a
		// binary file) is a line of the report: the rest of the file cannot be read reliably. The error itself
		// quotes the cell, so it is never rethrown, and so never logged.
		if (!(e instanceof CsvError)) throw e;
		const lines = typeof e.lines === 'number' ? e.lines : 0;
		yield { kind: 'problem', problem: { line: lines, field: null, code: e.code === 'CSV_MAX_RECORD_SIZE' ? 'too_long' : 'quotes' } };
		return;
	} finally {
		rest.destroy();
	}
	if (!columns) yield { kind: 'problem', problem: { line: 1, field: null, code: 'empty' } };
}

// Claims in, set-based: the rows of one import (a CSV file or an API request) are first written to a temporary
// table, then checked and received with a handful of statements, whatever their number. The server process
// holds no rows beyond the COPY buffer (or one small batch on PGlite): what a 100 000-line file needs in memory
// is the database's. Measured with `npm run bench:import`.
//
// Every statement filters on, or writes, the merchant id the caller got from a session or key. The staging
// table lives in the caller's transaction and is dropped at its end.
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { sql } from 'drizzle-orm';
import type { ClaimRow } from '../../schemas/claims';
import { copyFrom, rowsOf, type Db } from '../db/client';
import { claims, debtors, links, timelineEvents } from '../db/schema';

/** A row as received: the line (CSV) or index (API) it came from, and for the API the hash of the token it will hand out. */
export type StagedRow = ClaimRow & { line: number; tokenHash?: string };

/** Rows per staging statement where COPY cannot stream (PGlite). */
export const STAGE_BATCH = 250;

const COLUMNS = [
	'line',
	'customer_ref',
	'name',
	'email',
	'phone',
	'preferred_channel',
	'postcode',
	'street',
	'city',
	'country',
	'birth_date',
	'locale',
	'tags',
	'reference',
	'description',
	'amount_cents',
	'currency',
	'issued_on',
	'due_on',
	'token_hash'
] as const;
type Column = (typeof COLUMNS)[number];

/** A row as the staging table's columns name it. */
function record(r: StagedRow): Partial<Record<Column, string | number | null>> {
	const { tokenHash, tags, ...row } = r;
	// Tags are slugs (no commas), so one comma-joined cell carries them through COPY and JSON alike.
	return { ...row, tags: tags?.length ? tags.join(',') : null, token_hash: tokenHash ?? null };
}

async function createStaging(db: Db) {
	await db.execute(sql`create temp table import_rows (
		line int primary key, customer_ref text not null, name text not null, email text, phone text, preferred_channel text, postcode text,
		street text, city text, country text not null default 'NL',
		birth_date date, locale text, tags text, reference text not null, description text not null,
		amount_cents bigint not null, currency text not null, issued_on date not null, due_on date not null, token_hash text
	) on commit drop`);
}

/** One value in COPY's text format: \N for null, and backslash, tab, newline and carriage return escaped. */
function copyValue(v: string | number | null | undefined): string {
	if (v === null || v === undefined) return '\\N';
	return typeof v === 'number'
		? String(v)
		: v.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function copyLine(r: StagedRow): string {
	const values = record(r);
	return COLUMNS.map((c) => copyValue(values[c])).join('\t') + '\n';
}

const COPY_DONE_MS = 60_000;

export type Stager = { add: (row: StagedRow) => Promise<void> | void; end: () => Promise<void> };

/**
 * Creates the staging table and writes rows to it as they come. On PostgreSQL they stream in with COPY, about 64 KB at a time,
 * waiting when the connection is behind; each row is turned into text at once, so no row objects pile up.
 * On PGlite, which cannot stream COPY, they go in as batches of STAGE_BATCH rows.
 */
export async function stager(db: Db): Promise<Stager> {
	await createStaging(db);
	const copy = await copyFrom(db, 'import_rows', [...COLUMNS]);
	if (!copy) {
		let batch: StagedRow[] = [];
		return {
			add: async (row) => {
				batch.push(row);
				if (batch.length < STAGE_BATCH) return;
				const full = batch;
				batch = [];
				await stage(db, full);
			},
			end: () => stage(db, batch)
		};
	}
	let failed: Error | null = null;
	copy.on('error', (e) => (failed = e));
	let pending = '';
	const write = async (text: string) => {
		if (failed) throw failed;
		// `once` also rejects when the stream fails while we wait.
		if (!copy.write(text)) await once(copy, 'drain');
	};
	return {
		add: (row) => {
			pending += copyLine(row);
			if (pending.length < 64 * 1024) return;
			const text = pending;
			pending = '';
			return write(text);
		},
		end: async () => {
			if (pending) await write(pending);
			copy.end();
			// postgres.js reports a COPY that fails after its last row only to the query it has already answered,
			// so the stream would never finish: give up after a minute rather than hold the transaction forever.
			let timer: NodeJS.Timeout | undefined;
			const stuck = new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error('claims in: the COPY into the staging table did not finish')), COPY_DONE_MS);
			});
			try {
				await Promise.race([finished(copy), stuck]);
			} finally {
				clearTimeout(timer);
			}
		}
	};
}

/** Adds rows to the staging table as one JSON parameter. */
async function stage(db: Db, rows: StagedRow[]) {
	if (!rows.length) return;
	// The table's own row type reads the JSON: keys that are missing are null.
	await db.execute(sql`insert into import_rows
		select * from jsonb_populate_recordset(null::import_rows, ${JSON.stringify(rows.map(record))}::jsonb)`);
}

/** Temporary tables are never analysed by autovacuum: tell the planner how many rows there are before joining. */
export async function analyze(db: Db) {
	await db.execute(sql`analyze import_rows`);
}

export type Found = { lines: { line: number; reference: string; firstLine?: number }[]; total: number };

async function found(db: Db, query: ReturnType<typeof sql>): Promise<Found> {
	const rows = rowsOf<{ line: number; reference: string; first_line?: number; total: string | number }>(await db.execute(query));
	return {
		lines: rows.map((r) => ({ line: r.line, reference: r.reference, ...(r.first_line === undefined ? {} : { firstLine: r.first_line }) })),
		total: rows.length ? Number(rows[0].total) : 0
	};
}

/** Rows whose reference came earlier in the same import, each with the line where it first appeared (the first `limit`). */
export function duplicates(db: Db, limit: number) {
	return found(
		db,
		sql`select line, reference, first_line, count(*) over () as total
			from (select line, reference, min(line) over (partition by reference) as first_line from import_rows) x
			where line <> first_line order by line limit ${limit}`
	);
}

/**
 * Rows whose reference the merchant already uses for another debtor, amount or currency (the first `limit`).
 * The same claim sent again is fine. Run after the claims are written, it also sees what a concurrent import wrote.
 */
export function referencesTaken(db: Db, merchantId: string, limit: number) {
	return found(
		db,
		sql`select r.line, r.reference, count(*) over () as total
			from import_rows r
			join ${claims} c on c.merchant_id = ${merchantId}::uuid and c.reference = r.reference
			join ${debtors} d on d.id = c.debtor_id
			where d.customer_ref <> r.customer_ref or c.amount_cents <> r.amount_cents or c.currency <> r.currency
			order by r.line limit ${limit}`
	);
}

/** What a receiving statement created: how many, and the first few (one row whatever the number, so none are carried). */
async function counted<T>(db: Db, query: ReturnType<typeof sql>): Promise<{ total: number; first: T[] }> {
	const [row] = rowsOf<{ total: string | number; first: T[] | string | null }>(await db.execute(query));
	const first = typeof row.first === 'string' ? (JSON.parse(row.first) as T[]) : (row.first ?? []);
	return { total: Number(row.total), first };
}

export type Receipt = { actor: string; source: 'csv' | 'api'; expiresAt: Date; now: Date };

/**
 * Creates the debtors that are new (matched on customer_ref; the first row of each gives the details; existing
 * debtors are left as they are), each with a personal link and 'link.issued' on the timeline. A link's token
 * is the one the row's caller staged the hash of, or else one that nobody holds: the CSV import hands out no
 * URLs, the links CSV and the QR codes issue fresh ones. Returns their number and the first `limit` customer_refs.
 */
export async function receiveDebtors(db: Db, merchantId: string, r: Receipt, limit: number) {
	return counted<string>(
		db,
		sql`
			with firsts as (
				select distinct on (customer_ref) * from import_rows order by customer_ref, line
			), created as (
				insert into ${debtors} (merchant_id, customer_ref, name, email, phone, preferred_channel, postcode, street, city, country,
					birth_date, locale, locale_given, tags)
				select ${merchantId}::uuid, customer_ref, name, email, phone, preferred_channel, postcode, street, city, country,
					birth_date, coalesce(locale, (select default_locale from merchants where id = ${merchantId}::uuid)), locale is not null,
					coalesce(string_to_array(tags, ','), '{}')
				from firsts
				on conflict (merchant_id, customer_ref) do nothing
				returning id, customer_ref
			), issued as (
				insert into ${links} (debtor_id, token_hash, expires_at)
				select c.id,
					coalesce(f.token_hash, encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex')),
					${r.expiresAt.toISOString()}::timestamptz
				from created c join firsts f using (customer_ref)
				returning id, debtor_id
			), events as (
				insert into ${timelineEvents} (merchant_id, debtor_id, type, actor, occurred_at, payload)
				select ${merchantId}::uuid, debtor_id, 'link.issued', ${r.actor}, ${r.now.toISOString()}::timestamptz,
					jsonb_build_object('linkId', id, 'source', ${r.source}::text)
				from issued
			)
			select (select count(*) from created) as total,
				(select json_agg(customer_ref) from (select customer_ref from created limit ${limit}) x) as first`
	);
}

/** Tags are the one thing an import changes on a debtor it already has: the first row of each debtor that gives tags sets them. */
export async function retag(db: Db, merchantId: string) {
	await db.execute(sql`
		update ${debtors} d set tags = string_to_array(f.tags, ',')
		from (select distinct on (customer_ref) customer_ref, tags from import_rows where tags is not null order by customer_ref, line) f
		where d.merchant_id = ${merchantId}::uuid and d.customer_ref = f.customer_ref and d.tags <> string_to_array(f.tags, ',')`);
}

/** The debtors the staged rows name, as a condition over `d` (the debtors table): whose segment to keep current. */
export const touched = sql`d.customer_ref in (select customer_ref from import_rows)`;

/**
 * Writes the claims whose reference is new to the merchant, each with 'claim.received' on the timeline.
 * Returns their number and the first `limit` (reference and debtor).
 */
export async function receiveClaims(db: Db, merchantId: string, r: Receipt, limit: number) {
	return counted<{ reference: string; debtorId: string }>(
		db,
		sql`
			with created as (
				insert into ${claims} (merchant_id, debtor_id, reference, description, amount_cents, currency, issued_on, due_on)
				select ${merchantId}::uuid, d.id, x.reference, x.description, x.amount_cents, x.currency, x.issued_on, x.due_on
				from import_rows x join ${debtors} d on d.merchant_id = ${merchantId}::uuid and d.customer_ref = x.customer_ref
				order by x.line
				on conflict (merchant_id, reference) do nothing
				returning id, debtor_id, reference
			), events as (
				insert into ${timelineEvents} (merchant_id, debtor_id, claim_id, type, actor, occurred_at, payload)
				select ${merchantId}::uuid, debtor_id, id, 'claim.received', ${r.actor}, ${r.now.toISOString()}::timestamptz,
					jsonb_build_object('source', ${r.source}::text, 'reference', reference)
				from created
			)
			select (select count(*) from created) as total,
				(select json_agg(json_build_object('reference', reference, 'debtorId', debtor_id)) from (select * from created limit ${limit}) x) as first`
	);
}

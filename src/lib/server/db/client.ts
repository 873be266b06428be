// One database handle for the process: PGlite under .data/ by default, postgres.js when DATABASE_URL is set.
import { mkdirSync } from 'node:fs';
import type { SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

/** The database handle every query takes. A transaction's handle is one too, so a query runs on either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/**
 * A transaction in progress. A function that only makes sense inside one (it locks rows until the commit, or
 * its writes must move together with the caller's) takes a Tx, so it cannot be handed the bare database.
 */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Database = {
	kind: 'pglite' | 'postgres';
	db: Db;
	/** The PGlite instance itself (the job queue talks to it directly); undefined on PostgreSQL. */
	pglite?: import('@electric-sql/pglite').PGlite;
	/** The connection string on PostgreSQL; undefined on PGlite. */
	url?: string;
	close: () => Promise<void>;
};

export async function openPostgres(url: string, options: { max?: number } = {}): Promise<Database> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const { url: tcpUrl, path } = unixSocket(url);
	// JIT off: our statements are short or made of many small subplans, where compiling (up to a second for the
	// outreach's situations, seen in bench:outreach) costs far more than it could save.
	const sql = postgres(tcpUrl, { max: options.max ?? 10, onnotice: () => {}, connection: { jit: 'off' }, ...(path ? { path } : {}) });
	const db: Db = drizzle(sql, { schema });
	return { kind: 'postgres', db, url, close: () => sql.end({ timeout: 5 }) };
}

/**
 * libpq's convention for a server on the same host: `postgres://user@localhost:5432/db?host=/var/run/postgresql`.
 * postgres.js wants the socket file instead, so translate; a unix socket is much cheaper than loopback TCP.
 */
export function unixSocket(url: string): { url: string; path?: string } {
	const parsed = new URL(url);
	const dir = parsed.searchParams.get('host');
	if (!dir?.startsWith('/')) return { url };
	parsed.searchParams.delete('host');
	return { url: parsed.toString(), path: `${dir}/.s.PGSQL.${parsed.port || '5432'}` };
}

/** PGlite in a folder, or in memory when no folder is given (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
	const { drizzle } = await import('drizzle-orm/pglite');
	if (dataDir) mkdirSync(dataDir, { recursive: true });
	// pg_trgm backs the support search (see drizzle/0008_search_trigrams.sql), as on a PostgreSQL server.
	const client = new PGlite({ dataDir, extensions: { pg_trgm } });
	await client.waitReady;
	const db: Db = drizzle(client, { schema });
	return { kind: 'pglite', db, pglite: client, close: () => client.close() };
}

export async function migrate(database: Database, migrationsFolder: string): Promise<void> {
	// Both drivers run the very same SQL files from drizzle/.
	if (database.kind === 'pglite') {
		const { migrate: run } = await import('drizzle-orm/pglite/migrator');
		await run(database.db as never, { migrationsFolder });
	} else {
		const { migrate: run } = await import('drizzle-orm/postgres-js/migrator');
		await run(database.db as never, { migrationsFolder });
	}
}

/** Rows of a raw `db.execute(sql…)`: postgres.js returns an array, PGlite an object with `rows`. */
export function rowsOf<T>(result: unknown): T[] {
	return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const dialect = new PgDialect();
type Unsafe = (query: string, params: unknown[], options: { prepare: boolean }) => Promise<unknown[]>;

/**
 * A raw statement that runs on every page view, as a named prepared statement on PostgreSQL: each pooled
 * connection plans it once. drizzle's `execute` sends raw SQL unnamed, so the server plans it on every call,
 * and planning a statement of many subselects costs several times more than running it. Same rows as
 * `rowsOf(await db.execute(query))`; PGlite (and a transaction's handle) simply run it that way.
 */
export async function executePrepared<T>(db: Db, query: SQL): Promise<T[]> {
	const client = (db as { $client?: { unsafe?: Unsafe } }).$client;
	if (typeof client?.unsafe !== 'function') return rowsOf<T>(await db.execute(query));
	const { sql: text, params } = dialect.sqlToQuery(query);
	return (await client.unsafe(text, params, { prepare: true })) as T[];
}

/**
 * A COPY … FROM STDIN stream into `table`, on PostgreSQL through postgres.js (in a transaction: on its
 * connection); null on PGlite, which cannot stream COPY. Rows are written in PostgreSQL's text format.
 */
export async function copyFrom(db: Db, table: string, columns: string[]): Promise<import('node:stream').Writable | null> {
	const client = (
		db as unknown as { session?: { client?: { unsafe?: (q: string) => { writable?: () => Promise<import('node:stream').Writable> } } } }
	).session?.client;
	if (typeof client?.unsafe !== 'function') return null;
	const query = client.unsafe(`copy ${table} (${columns.join(', ')}) from stdin`);
	return typeof query.writable === 'function' ? query.writable() : null;
}

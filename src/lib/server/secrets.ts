// Keyed hashes with one random secret per installation, kept in the database so every process on every machine
// derives the same keys, while someone holding only the source (or a list of addresses) can derive none.
import { createHmac, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './db/client';
import { serverSecrets } from './db/schema';

const loaded = new WeakMap<Db, Promise<Buffer>>();

async function load(db: Db): Promise<Buffer> {
	await db
		.insert(serverSecrets)
		.values({ name: 'hash', value: randomBytes(32).toString('base64') })
		.onConflictDoNothing();
	const [row] = await db.select({ value: serverSecrets.value }).from(serverSecrets).where(eq(serverSecrets.name, 'hash'));
	return Buffer.from(row.value, 'base64');
}

/** The installation's secret; read once per database handle. */
export function secret(db: Db): Promise<Buffer> {
	let s = loaded.get(db);
	if (!s) {
		s = load(db);
		s.catch(() => loaded.delete(db));
		loaded.set(db, s);
	}
	return s;
}

/** HMAC-SHA-256 of `value` for one purpose, hex; the purpose keeps hashes of one kind from matching another's. */
export async function keyedHash(db: Db, purpose: string, value: string): Promise<string> {
	return createHmac('sha256', await secret(db))
		.update(`${purpose}\0${value}`)
		.digest('hex');
}

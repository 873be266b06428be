// Finding a debtor of the signed-in merchant by name, e-mail, customer number or claim reference.
import type { Db } from '../db/client';
import * as q from './queries';

/** Escapes LIKE wildcards so that what the agent types is matched literally. */
const literal = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function search(db: Db, merchantId: string, query: string, limit = 20) {
	const text = query.trim();
	if (text.length < 2) return [];
	return q.searchDebtors(db, merchantId, `%${literal(text)}%`, limit);
}

// The evidence pack's hash chain: every entry's hash covers the entry and the hash before it, so changing,
// removing or reordering any entry changes every hash after it, up to the head. Coulant records the head when
// it hands a debtor over (and shows it in the console and the API), so a pack can be checked against it later.
import { createHash } from 'node:crypto';

export type ChainEntry = { seq: number; type: string; data: unknown; prev: string; hash: string };

/** JSON with object keys in a fixed order, so the same data always hashes the same. */
export function canonical(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
	// As JSON.stringify sees it (a Date as its ISO string), so a pack hashes the same before and after it is written.
	if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return canonical((value as { toJSON: () => unknown }).toJSON());
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	const entries = Object.entries(value as Record<string, unknown>)
		.filter(([, v]) => v !== undefined)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
	return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Where the chain starts: tied to the hand-over, so entries cannot be moved from one pack into another. */
export const genesis = (handoverId: string) => sha256(`coulant-evidence-v1:${handoverId}`);

const hashOf = (prev: string, e: { seq: number; type: string; data: unknown }) =>
	sha256(prev + canonical({ seq: e.seq, type: e.type, data: e.data }));

export function chain(handoverId: string, items: { type: string; data: unknown }[]): { entries: ChainEntry[]; head: string } {
	let prev = genesis(handoverId);
	const entries = items.map((item, i) => {
		const entry = { seq: i + 1, type: item.type, data: item.data, prev, hash: '' };
		entry.hash = hashOf(prev, entry);
		prev = entry.hash;
		return entry;
	});
	return { entries, head: prev };
}

export type ChainProblem =
	{ seq: number; problem: 'out_of_order' | 'prev_mismatch' | 'hash_mismatch' } | { seq: null; problem: 'head_mismatch' };

/** Every place the chain does not hold; empty when it does, and its head is the one stated. */
export function verifyChain(handoverId: string, entries: ChainEntry[], head: string): ChainProblem[] {
	const problems: ChainProblem[] = [];
	let prev = genesis(handoverId);
	entries.forEach((e, i) => {
		if (e.seq !== i + 1) problems.push({ seq: e.seq, problem: 'out_of_order' });
		if (e.prev !== prev) problems.push({ seq: e.seq, problem: 'prev_mismatch' });
		const expected = hashOf(e.prev, e);
		if (e.hash !== expected) problems.push({ seq: e.seq, problem: 'hash_mismatch' });
		prev = expected;
	});
	if (prev !== head) problems.push({ seq: null, problem: 'head_mismatch' });
	return problems;
}

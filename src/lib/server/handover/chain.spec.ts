import { describe, expect, it } from 'vitest';
import { canonical, chain, verifyChain } from './chain';

const items = [
	{ type: 'claim', data: { reference: 'F-1', amountCents: 4250 } },
	{ type: 'message', data: { subject: 'Herinnering', sentAt: '2026-10-01T08:00:00Z' } },
	{ type: 'timeline', data: { type: 'link.opened', payload: { step: 'reminder-1' } } }
];

describe('the evidence chain', () => {
	it('hashes the same data the same way whatever the key order', () => {
		expect(canonical({ b: 1, a: [{ d: 2, c: null }] })).toBe(canonical({ a: [{ c: null, d: 2 }], b: 1 }));
		// A Date hashes as JSON writes it, so a pack verifies after it has been written out and read back.
		const at = { at: new Date('2026-10-01T08:00:00Z') };
		expect(canonical(at)).toBe(canonical(JSON.parse(JSON.stringify(at))));
	});

	it('verifies as made, and names the first changed entry after a change', () => {
		const { entries, head } = chain('h-1', items);
		expect(verifyChain('h-1', entries, head)).toEqual([]);
		const changed = structuredClone(entries);
		(changed[1].data as { subject: string }).subject = 'Laatste aanmaning';
		expect(verifyChain('h-1', changed, head)).toContainEqual({ seq: 2, problem: 'hash_mismatch' });
	});

	it('catches an entry removed, entries swapped, a chain rebuilt with other data, and a pack for another hand-over', () => {
		const { entries, head } = chain('h-1', items);
		expect(verifyChain('h-1', [entries[0], entries[2]], head).length).toBeGreaterThan(0);
		expect(verifyChain('h-1', [entries[1], entries[0], entries[2]], head).length).toBeGreaterThan(0);
		const rebuilt = chain('h-1', items.slice(0, 2));
		expect(verifyChain('h-1', rebuilt.entries, head)).toEqual([{ seq: null, problem: 'head_mismatch' }]);
		expect(verifyChain('h-2', entries, head).length).toBeGreaterThan(0);
	});
});

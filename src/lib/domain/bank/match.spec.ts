import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClaimPool, matchTransfer, mentions, sameName, type OpenClaim, type Transfer } from './match';

const claim = (over: Partial<OpenClaim> = {}): OpenClaim => ({
	id: 'c1',
	debtorId: 'd1',
	reference: 'F-2026-0042',
	openCents: 2495,
	currency: 'EUR',
	dueOn: '2026-11-01',
	debtorName: 'Sanne de Vries',
	debtorOpenCents: 2495,
	debtorIbans: [],
	...over
});
const transfer = (over: Partial<Transfer> = {}): Transfer => ({
	amountCents: 2495,
	currency: 'EUR',
	endToEndId: null,
	creditorRef: null,
	remittance: '',
	payerName: null,
	payerIban: null,
	...over
});

describe('a reference in a text', () => {
	it('is found as a whole word, in any case, and not inside a longer one', () => {
		expect(mentions('Betaling factuur f-2026-0042, bedankt', 'F-2026-0042')).toBe(true);
		expect(mentions('F-2026-00421', 'F-2026-0042')).toBe(false);
		expect(mentions('XF-2026-0042', 'F-2026-0042')).toBe(false);
		expect(mentions('nummer 12 en 13', '12')).toBe(false);
	});
});

describe('a payer’s name', () => {
	it('matches on a surname, whatever the initials, titles, order or accents', () => {
		expect(sameName('S. DE VRIES', 'Sanne de Vries')).toBe(true);
		expect(sameName('HR J JANSEN EO', 'Jan Jansen')).toBe(true);
		expect(sameName('Müller', 'Anna Muller')).toBe(true);
		expect(sameName('DE VRIES', 'Sanne de Bruin')).toBe(false);
		expect(sameName('VAN DEN BERG', 'Piet van Dijk')).toBe(false);
	});
});

describe('matching a transfer', () => {
	it('is sure with the payment reference and exactly what is open', () => {
		expect(matchTransfer(transfer({ endToEndId: 'F-2026-0042' }), [claim()])).toMatchObject({ kind: 'sure', claimId: 'c1' });
		expect(matchTransfer(transfer({ remittance: 'Factuur F-2026-0042 S de Vries' }), [claim()])).toMatchObject({ kind: 'sure' });
		expect(matchTransfer(transfer({ creditorRef: 'RF18F20260042' }), [claim()])).toMatchObject({ kind: 'sure' });
	});

	it('holds a partial or a larger transfer for an agent, even with the reference', () => {
		expect(matchTransfer(transfer({ amountCents: 1000, remittance: 'F-2026-0042' }), [claim()])).toMatchObject({ kind: 'partial' });
		expect(matchTransfer(transfer({ amountCents: 3000, remittance: 'F-2026-0042' }), [claim()])).toMatchObject({ kind: 'more' });
	});

	it('is unsure on amount and name alone, with the candidates ranked', () => {
		const v = matchTransfer(transfer({ payerName: 'S DE VRIES', remittance: 'oktober' }), [
			claim(),
			claim({ id: 'c2', reference: 'F-9', debtorId: 'd2', debtorName: 'Piet Bakker' }),
			claim({ id: 'c3', reference: 'F-8', openCents: 999, debtorOpenCents: 2495 })
		]);
		expect(v.kind).toBe('unsure');
		expect(v.candidates.map((c) => c.claimId)).toEqual(['c1', 'c3']);
		expect(v.candidates[0].evidence).toEqual(['amount_claim', 'name']);
	});

	it('is unsure when the text names two claims', () => {
		const v = matchTransfer(transfer({ remittance: 'F-1001 en F-1002' }), [
			claim({ id: 'a', reference: 'F-1001' }),
			claim({ id: 'b', reference: 'F-1002' })
		]);
		expect(v.kind).toBe('unsure');
	});

	it('finds nothing in another currency, or for an amount alone', () => {
		expect(matchTransfer(transfer({ currency: 'USD', endToEndId: 'F-2026-0042' }), [claim()]).kind).toBe('none');
		expect(matchTransfer(transfer({ remittance: 'huur' }), [claim()]).kind).toBe('none');
	});

	it('counts a known account as evidence', () => {
		const v = matchTransfer(transfer({ payerIban: 'nl91 abna 0417 1643 00' }), [claim({ debtorIbans: ['NL91ABNA0417164300'] })]);
		expect(v).toMatchObject({ kind: 'unsure', candidates: [{ claimId: 'c1', evidence: ['amount_claim', 'iban'] }] });
	});

	it('never gives a sure match to two claims, nor to one whose reference another claim shares in the text', () => {
		const refs = fc.constantFrom('F-1001', 'F-1002', 'F-10021', '2026-7', 'INV 88', 'AB');
		const claims = fc.uniqueArray(
			fc.record({ reference: refs, openCents: fc.integer({ min: 1, max: 5000 }), debtor: fc.constantFrom('d1', 'd2') }),
			{ selector: (c) => c.reference, maxLength: 6 }
		);
		fc.assert(
			fc.property(claims, fc.array(refs, { maxLength: 3 }), fc.integer({ min: 1, max: 5000 }), fc.boolean(), (cs, words, amount, asE2e) => {
				const open = cs.map((c, i) =>
					claim({ id: `c${i}`, reference: c.reference, openCents: c.openCents, debtorId: c.debtor, debtorOpenCents: c.openCents })
				);
				const text = words.join(' ');
				const v = matchTransfer(transfer({ amountCents: amount, remittance: asE2e ? '' : text, endToEndId: asE2e ? text : null }), open);
				if (v.kind !== 'sure') return;
				const hit = open.filter((c) => mentions(text, c.reference));
				expect(hit.map((c) => c.id)).toEqual([v.claimId]);
				expect(hit[0].openCents).toBe(amount);
			}),
			{ numRuns: 500 }
		);
	});

	it('finds through the index exactly what a scan of every claim finds, also after claims are booked', () => {
		const refs = fc.constantFrom('F-1001', 'F-1002', 'f 1001', '#2026-7', 'INV 88', '---', 'RF18F1001');
		const names = fc.constantFrom('Sanne de Vries', 'S. DE VRIES', 'Jan Jansen', 'Müller', 'Piet');
		const ibans = fc.constantFrom('NL91ABNA0417164300', 'NL02 INGB 0001 2345 67');
		const amounts = fc.constantFrom(1000, 2495, 3495, 6000);
		const claims = fc.uniqueArray(
			fc.record({
				reference: refs,
				openCents: amounts,
				debtor: fc.constantFrom('d1', 'd2', 'd3'),
				name: names,
				ibans: fc.array(ibans, { maxLength: 1 })
			}),
			{ selector: (c) => c.reference.toUpperCase(), maxLength: 6 }
		);
		const transfer = fc.record({
			amountCents: amounts,
			currency: fc.constantFrom('EUR', 'USD'),
			endToEndId: fc.option(refs),
			creditorRef: fc.option(refs),
			remittance: fc.array(refs, { maxLength: 2 }).map((w) => w.join(' ')),
			payerName: fc.option(names),
			payerIban: fc.option(ibans)
		});
		fc.assert(
			fc.property(claims, fc.array(transfer, { minLength: 1, maxLength: 4 }), (cs, ts) => {
				const totals = new Map<string, number>();
				for (const c of cs) totals.set(c.debtor, (totals.get(c.debtor) ?? 0) + c.openCents);
				let open = cs.map((c, i) =>
					claim({
						id: `c${i}`,
						reference: c.reference,
						openCents: c.openCents,
						debtorId: c.debtor,
						debtorName: c.name,
						debtorOpenCents: totals.get(c.debtor)!,
						debtorIbans: c.ibans
					})
				);
				const pool = new ClaimPool(open);
				for (const t of ts) {
					const v = matchTransfer(t, pool);
					expect(v).toEqual(matchTransfer(t, open));
					if (v.kind !== 'sure') continue;
					const gone = open.find((c) => c.id === v.claimId)!;
					pool.remove(v.claimId);
					open = open
						.filter((c) => c.id !== v.claimId)
						.map((c) => (c.debtorId === gone.debtorId ? { ...c, debtorOpenCents: c.debtorOpenCents - gone.openCents } : c));
				}
			}),
			{ numRuns: 500 }
		);
	});
});

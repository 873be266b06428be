import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCamt053, toCents } from './camt';
import { parseMt940 } from './mt940';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../../tests/fixtures/bank', name));

describe('CAMT.053', () => {
	it('reads the booked credits of a Rabobank camt.053.001.02, leaving out debits and pending entries', () => {
		const r = parseCamt053(fixture('rabobank-camt053-v02.xml'));
		if (!r.ok) throw new Error(r.problem);
		expect(r.statement).toMatchObject({ accounts: ['NL44RABO0123456789'], entries: 6, skipped: 2 });
		expect(r.statement.credits.map((c) => c.amountCents)).toEqual([2495, 6000, 1500, 10000]);
		expect(r.statement.credits[0]).toEqual({
			key: 'NL44RABO0123456789:2026120400001234',
			account: 'NL44RABO0123456789',
			bookedOn: '2026-12-04',
			amountCents: 2495,
			currency: 'EUR',
			payerName: 'S. DE VRIES',
			payerIban: 'NL91ABNA0417164300',
			endToEndId: 'F-2026-0042',
			creditorRef: null,
			remittance: 'Factuur F-2026-0042'
		});
		expect(r.statement.credits[1].endToEndId).toBeNull();
	});

	it('reads an ING camt.053.001.08: names under Pty, the structured creditor reference, and a batch as its transfers', () => {
		const r = parseCamt053(fixture('ing-camt053-v08.xml'));
		if (!r.ok) throw new Error(r.problem);
		expect(r.statement.credits.map((c) => [c.key, c.amountCents, c.payerName, c.creditorRef])).toEqual([
			['NL20INGB0001234567:INGB8821000001', 14900, 'Mevr. A. Öztürk', 'RF95INV881'],
			['NL20INGB0001234567:INGB8821000002-1', 5000, 'L. de Graaf', null],
			['NL20INGB0001234567:INGB8821000002-2', 2400, 'Onbekend', null]
		]);
	});

	it('refuses what is not a statement, each with its own reason', () => {
		const problem = (name: string) => {
			const r = parseCamt053(fixture(name));
			return r.ok ? 'ok' : r.problem;
		};
		expect(problem('camt052-report.xml')).toBe('camt052');
		expect(problem('camt054-notification.xml')).toBe('camt054');
		expect(problem('empty-statement.xml')).toBe('empty');
		expect(problem('pain001-payment-order.xml')).toBe('not_statement');
		expect(problem('claims.csv')).toBe('not_xml');
		expect(problem('garbage.bin')).toBe('not_xml');
		expect(problem('truncated.xml')).toBe('not_xml');
		expect(parseCamt053(Buffer.from('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'))).toMatchObject({ ok: false });
		const v02 = fixture('rabobank-camt053-v02.xml').toString('utf8');
		expect(parseCamt053(Buffer.from(v02.replaceAll('2026-12-04', '2026-02-30')))).toMatchObject({ ok: false, problem: 'bad_entry' });
		expect(parseCamt053(Buffer.from(v02.replace('24.95', '24,95')))).toMatchObject({ ok: false, problem: 'bad_entry' });
	});

	it('turns amounts into cents by their digits', () => {
		expect(toCents('0.10', 'EUR')).toBe(10);
		expect(toCents('1234.5', 'EUR')).toBe(123450);
		expect(toCents('100', 'JPY')).toBe(100);
		expect(toCents('1.005', 'EUR')).toBeNull();
		expect(toCents('-1.00', 'EUR')).toBeNull();
	});
});

describe('MT940', () => {
	it('reads the credits of a Rabobank MT940 with the reference, name, account and description of field 86', () => {
		const r = parseMt940(fixture('rabobank-mt940.sta'));
		if (!r.ok) throw new Error(r.problem);
		expect(r.statement).toMatchObject({ format: 'mt940', accounts: ['NL44RABO0123456789'], entries: 3, skipped: 1 });
		expect(r.statement.credits[0]).toEqual({
			key: 'NL44RABO0123456789:RABO2026120401',
			account: 'NL44RABO0123456789',
			bookedOn: '2026-12-04',
			amountCents: 2495,
			currency: 'EUR',
			payerName: 'S. DE VRIES',
			payerIban: 'NL91ABNA0417164300',
			endToEndId: 'F-2026-0042',
			creditorRef: null,
			remittance: 'Factuur F-2026-0042'
		});
		expect(r.statement.credits[1]).toMatchObject({ amountCents: 6000, endToEndId: null, payerName: 'HR J JANSEN EO' });
	});

	it('refuses a file whose balances do not add up, and what is no MT940', () => {
		const text = fixture('rabobank-mt940.sta').toString('utf8').replace('1593,18', '1600,00');
		expect(parseMt940(Buffer.from(text))).toMatchObject({ ok: false, problem: 'bad_entry' });
		expect(parseMt940(fixture('claims.csv'))).toMatchObject({ ok: false, problem: 'not_xml' });
	});
});

describe('any file at all', () => {
	it('is read or refused with a reason, never thrown: random text, and statements cut or spliced anywhere', () => {
		const camt = fixture('ing-camt053-v08.xml').toString('utf8');
		const mt = fixture('rabobank-mt940.sta').toString('utf8');
		fc.assert(
			fc.property(fc.constantFrom(camt, mt, ''), fc.nat(), fc.nat(), fc.string({ maxLength: 40 }), (base, a, b, junk) => {
				const [from, to] = [a % (base.length + 1), b % (base.length + 1)].sort((x, y) => x - y);
				const text = base.slice(0, from) + junk + base.slice(to);
				for (const parse of [parseCamt053, parseMt940]) {
					const r = parse(Buffer.from(text));
					expect(typeof r.ok).toBe('boolean');
					if (r.ok) for (const c of r.statement.credits) expect(c.amountCents).toBeGreaterThan(0);
				}
			}),
			{ numRuns: 300 }
		);
	});
});

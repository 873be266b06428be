// Plain Dutch (B1) for every debtor-facing Dutch text; and the checker itself, on texts whose reading we know.
import { describe, expect, it } from 'vitest';
import { b1Findings, reading, syllables, unexplained } from '../domain/readability';
import { DEBTOR_AREAS, NOT_DEBTOR_FACING } from './areas';
import { catalogue, texts } from './catalogue';

describe('the B1 checker', () => {
	it('counts Dutch syllables by vowel groups, a diaeresis starting a new one', () => {
		expect(syllables('betaling')).toBe(3);
		expect(syllables('regeling')).toBe(3);
		expect(syllables('beëindigd')).toBe(3);
		expect(syllables('geïnd')).toBe(2);
		expect(syllables('ui')).toBe(1);
	});
	it('scores a plain text high and a dense legal one low', () => {
		expect(reading('Je kunt nu betalen. Dat kan ook later. We helpen je graag.').score).toBeGreaterThan(80);
		const legal =
			'Indien betaling van de openstaande vordering inclusief buitengerechtelijke incassokosten niet binnen de gestelde termijn geschiedt, zal de vordering zonder nadere aankondiging ter invordering worden overgedragen.';
		expect(b1Findings(legal).map((f) => f.problem)).toEqual(expect.arrayContaining(['score', 'sentence', 'word']));
	});
	it('lets a hard word stand only with its explanation beside it', () => {
		expect(unexplained('Dan rekenen we kosten voor het innen (incassokosten).')).toEqual([]);
		expect(unexplained('Dan komen er incassokosten bij.')).toEqual(['incassokosten']);
		expect(unexplained('Zorg dat er voldoende geld op je rekening staat.')).toEqual([]);
		expect(unexplained('Een incassobureau. Dat is een bedrijf dat geld int.')).toEqual([]);
	});
});

describe.each(DEBTOR_AREAS)('messages/%s/nl.json reads at B1', (area) => {
	const nl = catalogue(area, 'nl')!;
	const entries = Object.entries(nl)
		.filter(([k]) => !NOT_DEBTOR_FACING.test(k))
		.flatMap(([k, stored]) => texts(stored).map((t) => [k, t] as const));
	it('every message', () => {
		const failing = entries
			.map(([k, t]) => ({ k, findings: b1Findings(t) }))
			.filter((f) => f.findings.length > 0)
			.map((f) => `${f.k}: ${f.findings.map((x) => x.detail).join('; ')}`);
		expect(failing).toEqual([]);
	});
});

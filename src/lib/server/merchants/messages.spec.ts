// The message that goes with a personal link: the debtor's language, the merchant's tone, signed with its sender name.
import { describe, expect, it } from 'vitest';
import { linkMessage, senderOf, signoff } from './messages';

const link = 'https://coulant.example/d/abc';

describe('the message with a link', () => {
	it('is signed with the sender name, or with the name on the page when there is none', () => {
		expect(senderOf({ displayName: 'Fietsplaats', senderName: 'Team Fietsplaats' })).toBe('Team Fietsplaats');
		expect(senderOf({ displayName: 'Fietsplaats', senderName: null })).toBe('Fietsplaats');
		expect(senderOf({ displayName: 'Fietsplaats', senderName: '  ' })).toBe('Fietsplaats');
		const unsigned = linkMessage(
			{ tone: 'neutral', displayName: 'Fietsplaats', senderName: null },
			{ name: 'Sanne de Vries', locale: 'nl' },
			link
		);
		expect(unsigned.endsWith('Met vriendelijke groet, Fietsplaats')).toBe(true);
	});

	it('greets as the page does, in each tone, and carries the link', () => {
		const as = (tone: 'friendly' | 'neutral' | 'formal', locale: string) =>
			linkMessage({ tone, displayName: 'Fietsplaats', senderName: 'Team Fietsplaats' }, { name: 'Sanne de Vries', locale }, link);
		expect(as('friendly', 'nl')).toMatch(/^Hoi Sanne, .*Fietsplaats.*https:\/\/coulant\.example\/d\/abc\n\nGroetjes, Team Fietsplaats$/s);
		expect(as('neutral', 'nl')).toMatch(/^Hallo Sanne, /);
		expect(as('formal', 'nl')).toMatch(
			/^Geachte Sanne de Vries, .* uw persoonlijke pagina .*\n\nMet vriendelijke groet, Team Fietsplaats$/s
		);
		expect(as('friendly', 'en')).toMatch(/^Hi Sanne, .*\n\nBest wishes, Team Fietsplaats$/s);
		expect(as('formal', 'en')).toMatch(/^Dear Sanne de Vries, .*\n\nYours sincerely, Team Fietsplaats$/s);
		for (const tone of ['friendly', 'neutral', 'formal'] as const)
			for (const locale of ['nl', 'en']) expect(as(tone, locale)).toContain(link);
	});

	it('never blames and invents no fees', () => {
		for (const tone of ['friendly', 'neutral', 'formal'] as const)
			for (const locale of ['nl', 'en']) {
				const text = linkMessage({ tone, displayName: 'Fietsplaats', senderName: null }, { name: 'Sanne', locale }, link).toLowerCase();
				expect(text).not.toMatch(/incasso|boete|aanmaning|kosten|collection agency|fine|penalt|fee/);
			}
		expect(signoff({ tone: 'formal', displayName: 'X', senderName: null }, 'en')).toBe('Yours sincerely, X');
	});
});

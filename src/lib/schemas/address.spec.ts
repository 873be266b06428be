import { describe, expect, it } from 'vitest';
import { apiClaimsRequest } from './claims';

const claim = { reference: 'F-1', description: 'Abonnement', amount_cents: 2495, issued_on: '2026-10-01', due_on: '2026-10-15' };
const request = (debtor: Record<string, unknown>) =>
	apiClaimsRequest.safeParse({ debtor: { customer_ref: 'K1', name: 'Sanne', ...debtor }, claims: [claim] });
const problems = (debtor: Record<string, unknown>) => {
	const r = request(debtor);
	return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('a postal address through the API', () => {
	it('is stored checked: the Dutch postcode without its space, NL when no country is given', () => {
		const r = request({ street: 'Kerkstraat 12a', postcode: '1234 ab', city: 'Utrecht', preferred_channel: 'letter' });
		expect(r.success && r.data.debtor).toMatchObject({ street: 'Kerkstraat 12a', postcode: '1234AB', city: 'Utrecht', country: 'NL' });
		expect(request({ street: 'Meir 1', postcode: '2000', city: 'Antwerpen', country: 'be' }).success).toBe(true);
	});

	it('names what is wrong: a Dutch postcode not as 1234 AB, a part missing, a letter without an address, a country that is none', () => {
		expect(problems({ street: 'Kerkstraat 12a', postcode: '12345', city: 'Utrecht' })).toEqual([['debtor.postcode', 'postcode_nl']]);
		expect(problems({ street: 'Kerkstraat 12a', city: 'Utrecht' })).toEqual([['debtor.postcode', 'address_incomplete']]);
		expect(problems({ preferred_channel: 'letter' })).toEqual([['debtor.preferred_channel', 'channel_needs_address']]);
		expect(problems({ country: 'Holland' })).toEqual([['debtor.country', 'country']]);
	});
});

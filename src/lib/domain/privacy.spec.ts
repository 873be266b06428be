import { describe, expect, it } from 'vitest';
import { retentionForm } from '../schemas/brand';
import { ERASED, dueAfter, personalStrings, redact } from './privacy';

const person = personalStrings({
	name: 'Sanne de Vries',
	email: 'sanne@voorbeeld.example',
	phone: '+31612345678',
	postcode: '1234AB',
	street: 'Dorpsstraat 1',
	city: 'Zwolle'
});

describe('redact', () => {
	it('removes free text and contact details, keeps amounts, ids, dates and machine words', () => {
		const payload = {
			reference: 'F-2026-001',
			amountCents: 2495,
			reason: 'paid',
			text: 'Klant belt vrijdag terug',
			fields: { email: 'nieuw@elders.example', locale: 'nl' },
			subject: 'Herinnering',
			attachment: { name: 'bon.pdf', size: 120 },
			note: 'Gesproken met mevrouw De Vries',
			occurred: '2026-11-01'
		};
		expect(redact(payload, person)).toEqual({
			reference: 'F-2026-001',
			amountCents: 2495,
			reason: 'paid',
			text: ERASED,
			fields: { email: ERASED, locale: 'nl' },
			subject: ERASED,
			attachment: { name: ERASED, size: 120 },
			note: ERASED,
			occurred: '2026-11-01'
		});
	});

	it('removes any string naming the person, under whatever key, and leaves other strings', () => {
		expect(redact({ to: '0612345678', who: 'SANNE DE VRIES', where: '1234 ab', channel: 'sms' }, person)).toEqual({
			to: ERASED,
			who: ERASED,
			where: ERASED,
			channel: 'sms'
		});
	});

	it('does not take short common words of a name as the person', () => {
		expect(person).not.toContain('de');
		expect(redact({ kind: 'reminder', text: undefined }, person)).toEqual({ kind: 'reminder', text: undefined });
	});
});

describe('retention', () => {
	it('is due the given number of months after settlement', () => {
		expect(dueAfter(new Date('2024-01-31T10:00:00Z'), 24).toISOString()).toBe('2026-01-31T10:00:00.000Z');
	});

	it('accepts whole months from 6 to 120 and names the field otherwise', () => {
		expect(retentionForm.safeParse({ retentionMonths: '24' }).data).toEqual({ retentionMonths: 24 });
		for (const bad of ['5', '121', '12.5', 'twee', ''])
			expect(retentionForm.safeParse({ retentionMonths: bad }).error?.issues[0]).toMatchObject({
				path: ['retentionMonths'],
				message: 'settings_error_retention'
			});
	});
});

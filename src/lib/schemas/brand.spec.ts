import { describe, expect, it } from 'vitest';
import { INK, PAPER } from '../domain/contrast';
import { brandForm, contrastDecision, fieldProblems } from './brand';

describe('the contrast decision', () => {
	it('puts white text on a dark brand colour and near-black on a light one', () => {
		expect(contrastDecision('#1f4e5f')).toMatchObject({ text: PAPER, ok: true });
		expect(contrastDecision('#f2b134')).toMatchObject({ text: INK, ok: true });
		expect(contrastDecision('#000000').ratio).toBeCloseTo(21, 0);
	});

	it('refuses a colour on which neither text colour reaches 4.5:1', () => {
		const red = contrastDecision('#ff0000');
		expect(red.ok).toBe(false);
		expect(red.ratio).toBeLessThan(4.5);
		expect(contrastDecision('#777777').ok).toBe(false);
		// Just either side of the band: dark enough for white, light enough for ink.
		expect(contrastDecision('#767676')).toMatchObject({ text: PAPER, ok: true });
		expect(contrastDecision('#808080')).toMatchObject({ text: INK, ok: true });
	});
});

describe('the brand form', () => {
	const good = {
		displayName: ' Fietswinkel ',
		brandColor: '#1F4E5F',
		accentColor: '#f2b134',
		contactEmail: '',
		contactPhone: '020 123 4567',
		contactHours: '',
		website: 'https://fiets.example',
		senderName: ''
	};

	it('accepts good input, normalises colours and turns empty fields into nothing', () => {
		const parsed = brandForm.parse(good);
		expect(parsed).toMatchObject({ displayName: 'Fietswinkel', brandColor: '#1f4e5f', contactEmail: null, senderName: null });
	});

	it('names a problem per field', () => {
		const result = brandForm.safeParse({
			...good,
			displayName: '',
			brandColor: '#ff0000',
			accentColor: 'red',
			contactEmail: 'nope',
			website: 'javascript:alert(1)'
		});
		expect(result.success).toBe(false);
		expect(fieldProblems(result.error!)).toEqual({
			displayName: 'settings_error_display_name',
			brandColor: 'settings_error_brand_contrast',
			accentColor: 'settings_error_colour',
			contactEmail: 'settings_error_email',
			website: 'settings_error_website'
		});
	});
});

// The composition version: it covers every message the video says, so a change of copy renders anew.
import { describe, expect, it } from 'vitest';
import type { VideoProps } from '../../schemas/video';
import { TONES } from '../../domain/tone';
import { transcript } from '../../../../video/script';
import { KEYS_SAID } from '../../../../video/copy';
import { videoMessageKeys } from './version';

const base: VideoProps = {
	variant: 'full',
	locale: 'nl',
	tone: 'friendly',
	brand: { name: 'De Groene Fiets', color: '#1d6b4f', accent: '#f2b134', logo: null },
	options: { payNow: true, instalments: true, moreTimeDays: 30 },
	debtor: {
		name: 'Sanne',
		total: { amountCents: 11440, currency: 'EUR' },
		invoices: 3,
		since: '2026-08-15',
		fromMonthly: { amountCents: 1906, currency: 'EUR' }
	}
};

describe('the composition version', () => {
	it('covers every message the video says, in every tone, locale and set of options', () => {
		KEYS_SAID.clear();
		for (const tone of TONES) {
			for (const locale of ['nl', 'en'] as const) {
				for (const options of [base.options, { payNow: false, instalments: false, moreTimeDays: null }]) {
					for (const invoices of [1, 3]) {
						transcript({
							...base,
							tone,
							locale,
							options,
							debtor: { ...base.debtor!, invoices, fromMonthly: invoices > 1 ? base.debtor!.fromMonthly : null }
						});
					}
				}
			}
		}
		const covered = videoMessageKeys();
		expect(KEYS_SAID.size).toBeGreaterThan(10);
		expect([...KEYS_SAID].filter((k) => !covered.has(k))).toEqual([]);
		// The page's and the console's own copy is not part of it.
		expect(covered.has('console_title')).toBe(false);
		expect(covered.has('message_submit')).toBe(false);
	});
});

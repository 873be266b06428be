// The video's props from the database facts: the debtor's name and amounts, the options the policy offers.
import { describe, expect, it } from 'vitest';
import { balanceOf } from '../../domain/claim';
import { DEFAULT_POLICY, moreTimeWindow, planOffer, type Policy } from '../../domain/policy';
import { videoStory } from '../../domain/video-story';
import { personalCopy } from '../../../../video/script';
import type { DebtorFacts } from './queries';
import { propsFor } from './service';

const plain = (s: string) => s.replace(/\s/g, ' ');

type Situation = {
	open: { amountCents: number; currency: string; dueOn: string; disputed?: boolean }[];
	promisesMade?: number;
	promiseOpen?: boolean;
	plan?: boolean;
	paused?: boolean;
};

/** A debtor's facts as their page's view would give them, through the page's own domain functions. */
function facts(
	over: Partial<DebtorFacts> = {},
	situation: Situation = { open: [{ amountCents: 1234567, currency: 'EUR', dueOn: '2026-09-01' }] }
): DebtorFacts {
	const policy = over.policy ?? DEFAULT_POLICY;
	const today = '2026-10-20';
	const balance = balanceOf(
		situation.open.map((c, i) => ({ ...c, id: `c${i}`, reference: `R${i}`, description: '', issuedOn: c.dueOn, status: 'open' as const })),
		'EUR',
		{ paused: situation.paused }
	);
	const live = situation.plan ? {} : null;
	return {
		debtorId: 'd',
		merchantId: 'm',
		name: 'Jan-Willem van den Berg-Oosterhuis',
		locale: 'nl',
		merchantName: 'De Groene Fiets',
		tone: 'friendly',
		brandColor: '#1d6b4f',
		accentColor: '#f2b134',
		logo: null,
		logoType: null,
		policy: null,
		story: videoStory({
			balance,
			paused: !!situation.paused,
			plan: live,
			planOffer: live ? null : planOffer(policy, balance.total, today),
			moreTime: live ? null : moreTimeWindow(policy, situation.promisesMade ?? 0, !!situation.promiseOpen, today)
		}),
		...over
	};
}

describe('props from the database facts', () => {
	it('computes "from € Y per month" from the policy (planOptions.fromMonthly)', () => {
		const p = propsFor(facts(), 'nl', 'full')!;
		expect(p.debtor!.name).toBe('Jan-Willem');
		// 12 terms at most: € 12.345,67 / 12, rounded down to the cent.
		expect(p.debtor!.fromMonthly).toEqual({ amountCents: 102880, currency: 'EUR' });
		expect(p.options).toEqual({ payNow: true, instalments: true, moreTimeDays: 30 });
		expect(plain(personalCopy(p, p.debtor!).amount)).toBe('€ 12.345,67');
	});

	it('carries the largest logo the settings accept (1 MB) into the video', () => {
		const logo = new Uint8Array(1024 * 1024);
		logo.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
		const p = propsFor(facts({ logo, logoType: 'image/png' }), 'nl', 'full')!;
		expect(p.brand.logo?.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
	});

	it('follows the policy: small balances get no plan, a promise uses up the more-time option', () => {
		const small = propsFor(facts({}, { open: [{ amountCents: 2495, currency: 'EUR', dueOn: '2026-10-01' }] }), 'nl', 'full')!;
		expect(small.options.instalments).toBe(false);
		expect(small.debtor!.fromMonthly).toBeNull();
		const open = [{ amountCents: 1234567, currency: 'EUR', dueOn: '2026-09-01' }];
		expect(propsFor(facts({}, { open, promiseOpen: true, promisesMade: 1 }), 'nl', 'full')!.options.moreTimeDays).toBeNull();
		const strict: Policy = { ...DEFAULT_POLICY, offers: { payNow: true, instalments: false, moreTime: false } };
		expect(propsFor(facts({ policy: strict, tone: 'formal' }), 'en', 'full')).toMatchObject({
			locale: 'en',
			tone: 'formal',
			options: { payNow: true, instalments: false, moreTimeDays: null },
			debtor: { name: 'Jan-Willem van den Berg-Oosterhuis' }
		});
		expect(propsFor(facts({}, { open: [] }), 'nl', 'full')).toBeNull();
	});

	it('says what the page asks for: the open amount not on hold, its invoices and date; none when nothing is asked', () => {
		const open = [
			{ amountCents: 5000, currency: 'EUR', dueOn: '2026-07-01', disputed: true },
			{ amountCents: 3000, currency: 'EUR', dueOn: '2026-08-01' },
			{ amountCents: 2000, currency: 'EUR', dueOn: '2026-09-01' }
		];
		expect(propsFor(facts({}, { open }), 'nl', 'full')!.debtor).toMatchObject({
			total: { amountCents: 5000, currency: 'EUR' },
			invoices: 2,
			since: '2026-08-01'
		});
		// Paused, all on hold, or in a plan: the page asks nothing, so no "you owe" video.
		expect(propsFor(facts({}, { open, paused: true }), 'nl', 'full')).toBeNull();
		expect(propsFor(facts({}, { open: [open[0]] }), 'nl', 'full')).toBeNull();
		expect(propsFor(facts({}, { open, plan: true }), 'nl', 'full')).toBeNull();
	});
});

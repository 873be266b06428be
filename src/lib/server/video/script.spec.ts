// The video's script: which facts and options appear for which policy, tone and locale.
import { describe, expect, it } from 'vitest';
import { balanceOf } from '../../domain/claim';
import { DEFAULT_POLICY, moreTimeWindow, planOffer, type Policy } from '../../domain/policy';
import { videoStory } from '../../domain/video-story';
import { parseVideoProps, type VideoProps } from '../../schemas/video';
import { cues, durationInFrames, FPS, personalCopy, sharedCopy, transcript, webVtt } from '../../../../video/script';
import { KEYS_SAID } from '../../../../video/copy';
import { videoMessageKeys } from './version';
import { TONES } from '../../domain/tone';
import type { DebtorFacts } from './queries';
import { propsFor } from './service';

const plain = (s: string) => s.replace(/\s/g, ' ');

const base: VideoProps = {
	variant: 'full',
	locale: 'nl',
	tone: 'friendly',
	brand: { name: 'De Groene Fiets', color: '#1d6b4f', accent: '#f2b134', logo: null },
	options: { payNow: true, instalments: true, moreTimeDays: 30 },
	debtor: { name: 'Sanne', total: { amountCents: 11440, currency: 'EUR' }, invoices: 3, since: '2026-08-15', fromMonthly: { amountCents: 1906, currency: 'EUR' } }
};

type Situation = { open: { amountCents: number; currency: string; dueOn: string; disputed?: boolean }[]; promisesMade?: number; promiseOpen?: boolean; plan?: boolean; paused?: boolean };

/** A debtor's facts as their page's view would give them, through the page's own domain functions. */
function facts(over: Partial<DebtorFacts> = {}, situation: Situation = { open: [{ amountCents: 1234567, currency: 'EUR', dueOn: '2026-09-01' }] }): DebtorFacts {
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

describe('the script', () => {
	it('greets by name and says what is open, since when, and the debtor’s own monthly amount (nl, friendly)', () => {
		const p = personalCopy(base, base.debtor!);
		expect(p.greeting).toBe('Hoi Sanne,');
		expect(plain(p.amount)).toBe('€ 114,40');
		expect(p.facts).toBe('3 facturen · Sinds 15 augustus 2026');
		expect(plain(p.monthly!)).toBe('Of in termijnen: vanaf € 19,06 per maand');
		const s = sharedCopy(base);
		expect(s.options.map((o) => o.kind)).toEqual(['pay', 'plan', 'time']);
		expect(s.options[0].body).toContain('iDEAL');
		expect(s.options[2].body).toBe('Kies een datum tot 30 dagen verder.');
		expect(s.noOptions).toBeNull();
	});

	it('speaks the merchant’s tone and the debtor’s language', () => {
		const formal = { ...base, tone: 'formal' as const, debtor: { ...base.debtor!, name: 'Jan-Willem van den Berg-Oosterhuis', invoices: 1 } };
		expect(personalCopy(formal, formal.debtor).greeting).toBe('Geachte Jan-Willem van den Berg-Oosterhuis,');
		expect(sharedCopy(formal).optionsTitle).toBe('Zo kunt u het regelen');
		expect(personalCopy(formal, formal.debtor).facts).toMatch(/^1 factuur · /);
		const en = { ...base, locale: 'en' as const };
		expect(personalCopy(en, en.debtor!).greeting).toBe('Hi Sanne,');
		expect(plain(personalCopy(en, en.debtor!).amount)).toBe('€114.40');
		expect(personalCopy(en, en.debtor!).facts).toBe('3 invoices · Since August 15, 2026');
		expect(sharedCopy({ ...en, tone: 'neutral' }).optionsTitle).toBe('What you can do');
	});

	it('shows only the options the policy offers, and a way to a person when there are none', () => {
		const none = { ...base, options: { payNow: false, instalments: false, moreTimeDays: null } };
		expect(sharedCopy(none).options).toEqual([]);
		expect(sharedCopy(none).noOptions).toContain('contact');
		// No plan on offer: no "from € Y per month", even when an amount was passed.
		expect(personalCopy(none, none.debtor!).monthly).toBeNull();
		const text = transcript(none).join(' ');
		expect(text).not.toContain('iDEAL');
		expect(text).not.toContain('termijnen');
	});

	it('writes WebVTT captions from the same words, covering the whole video', () => {
		const odd = { ...base, debtor: { ...base.debtor!, name: 'Anna <b>&' } };
		const vtt = webVtt(odd);
		expect(vtt.startsWith('WEBVTT\n\n1\n00:00:00.000 --> ')).toBe(true);
		expect(vtt).toContain('Hoi Anna &lt;b&gt;&amp;,');
		const c = cues(base);
		expect(c[0].startFrame).toBe(0);
		expect(c.at(-1)!.endFrame).toBe(durationInFrames('full'));
		for (let i = 1; i < c.length; i++) expect(c[i].startFrame).toBe(c[i - 1].endFrame);
		expect(durationInFrames('full') / FPS).toBeGreaterThanOrEqual(15);
		expect(durationInFrames('full') / FPS).toBeLessThanOrEqual(25);
		expect(transcript(base)).toHaveLength(c.length);
	});

	it('refuses bad props with a message naming them', () => {
		expect(() => parseVideoProps({ ...base, brand: { ...base.brand, color: 'green' } })).toThrow(/brand\.color: must be a #rrggbb colour/);
		expect(() => parseVideoProps({ ...base, debtor: { ...base.debtor!, invoices: 0 } })).toThrow(/debtor\.invoices/);
	});
});

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

describe('the composition version', () => {
	it('covers every message the video says, in every tone, locale and set of options', () => {
		KEYS_SAID.clear();
		for (const tone of TONES) {
			for (const locale of ['nl', 'en'] as const) {
				for (const options of [base.options, { payNow: false, instalments: false, moreTimeDays: null }]) {
					for (const invoices of [1, 3]) {
						transcript({ ...base, tone, locale, options, debtor: { ...base.debtor!, invoices, fromMonthly: invoices > 1 ? base.debtor!.fromMonthly : null } });
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

// The video's script: which facts and options appear for which policy, tone and locale.
import { describe, expect, it } from 'vitest';
import { parseVideoProps, type VideoProps } from '../src/lib/schemas/video';
import { cues, durationInFrames, FPS, personalCopy, sharedCopy, transcript, webVtt } from './script';

const plain = (s: string) => s.replace(/\s/g, ' ');

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
		const formal = {
			...base,
			tone: 'formal' as const,
			debtor: { ...base.debtor!, name: 'Jan-Willem van den Berg-Oosterhuis', invoices: 1 }
		};
		expect(personalCopy(formal, formal.debtor).greeting).toBe('Geachte Jan-Willem van den Berg-Oosterhuis,');
		expect(sharedCopy(formal).optionsTitle).toBe('Zo kunt u het regelen');
		expect(personalCopy(formal, formal.debtor).facts).toMatch(/^1 factuur · /);
		const en = { ...base, locale: 'en' as const };
		expect(personalCopy(en, en.debtor!).greeting).toBe('Hi Sanne,');
		expect(plain(personalCopy(en, en.debtor!).amount)).toBe('€114.40');
		expect(personalCopy(en, en.debtor!).facts).toBe('3 invoices · Since 15 August 2026');
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

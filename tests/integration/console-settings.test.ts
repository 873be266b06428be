// Owner settings (brand, tone, policy, logo, privacy check) and the debtor-side privacy check, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client';
import { merchants } from '../../src/lib/server/db/schema';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy';
import { brandForm, fieldProblems } from '../../src/lib/schemas/brand';
import { policySchema } from '../../src/lib/schemas/policy';
import type { Scope } from '../../src/lib/server/accounts/scope';
import * as linkService from '../../src/lib/server/links/service';
import * as settings from '../../src/lib/server/merchants/settings';
import * as privacy from '../../src/lib/server/portal/privacy';
import * as timeline from '../../src/lib/server/timeline/queries';
import { config } from '../../src/lib/server/config';
import { lookOf, preview, previewProps, readLook, stillOf, stillPath } from '../../src/lib/server/video/preview';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { jar } from '../helpers/cookies';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

async function owner(name: string, over: Parameters<typeof make.merchant>[1] = {}) {
	const { db } = database;
	const m = await make.merchant(db, { displayName: name, ...over });
	const user = await make.user(db, m.id, { name: `${name} owner`, role: 'owner' });
	return { merchant: m, scope: { merchantId: m.id, userId: user.id, role: 'owner' } as Scope };
}

const brand = {
	displayName: 'Fietsplaats',
	brandColor: '#7A2E8E',
	accentColor: '#f2b134',
	contactEmail: 'help@fiets.example',
	contactPhone: '+31 20 123 4567',
	contactHours: 'werkdagen 9–17',
	website: 'https://fiets.example',
	senderName: 'Fietsplaats klantenservice'
};

describe('brand, tone and policy', () => {
	it('saves good input and reads it back', async () => {
		const { db } = database;
		const a = await owner('Winkel Goed');
		await settings.saveBrand(db, a.scope, brandForm.parse(brand));
		await settings.saveTone(db, a.scope, 'formal');
		const policy = policySchema.parse({
			...DEFAULT_POLICY,
			instalments: { ...DEFAULT_POLICY.instalments, maxTerms: 6, frequencies: ['monthly'] }
		});
		await settings.savePolicy(db, a.scope, policy);
		const s = await settings.of(db, a.scope);
		expect(s).toMatchObject({
			displayName: 'Fietsplaats',
			brandColor: '#7a2e8e',
			senderName: 'Fietsplaats klantenservice',
			tone: 'formal'
		});
		expect(s.policy.instalments).toMatchObject({ maxTerms: 6, frequencies: ['monthly'] });
	});

	it('refuses bad input with a message per field and changes nothing', async () => {
		const { db } = database;
		const a = await owner('Winkel Fout');
		const bad = brandForm.safeParse({ ...brand, displayName: ' ', brandColor: '#ff0000', website: 'ftp://x', contactPhone: 'bel me' });
		expect(bad.success).toBe(false);
		expect(fieldProblems(bad.error!)).toEqual({
			displayName: 'settings_error_display_name',
			brandColor: 'settings_error_brand_contrast',
			contactPhone: 'settings_error_phone',
			website: 'settings_error_website'
		});
		const form = new FormData();
		for (const [k, v] of Object.entries({
			payNow: 'on',
			instalments: 'on',
			minTerms: '3',
			maxTerms: '2',
			minInstalment: '60',
			minBalance: '50',
			fee: 'gratis',
			latestStartDays: '14',
			brokenAfterMisses: '2',
			moreTimeDays: '30',
			maxPostponements: '1'
		}))
			form.set(k, v);
		// Field problems come first; how the fields fit together is explained once each field is right.
		const first = policySchema.safeParse(settings.policyFromForm(form));
		expect(first.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['instalments.feeCents', 'The plan fee cannot be negative; enter 0 for no fee.']
		]);
		form.set('fee', '0');
		const policy = policySchema.safeParse(settings.policyFromForm(form));
		expect(policy.success).toBe(false);
		const messages = policy.error!.issues.map((i) => [i.path.join('.'), i.message]);
		expect(messages).toContainEqual([
			'instalments.minInstalmentCents',
			'The minimum instalment cannot exceed the smallest balance you allow a plan for.'
		]);
		expect(messages).toContainEqual(['instalments.maxTerms', 'The most instalments cannot be fewer than the fewest (3).']);
		expect(messages.map(([p]) => p)).toContain('instalments.frequencies');
		expect((await settings.of(db, a.scope)).policy).toEqual(DEFAULT_POLICY);
	});

	it('stores a logo under its content hash, and an SVG only in its cleaned form', async () => {
		const { db } = database;
		const a = await owner('Winkel Logo');
		const refused = await settings.saveLogo(db, a.scope, new TextEncoder().encode('GIF89a not really'));
		expect(refused).toEqual({ ok: false, problem: 'settings_error_logo_type' });
		const saved = await settings.saveLogo(
			db,
			a.scope,
			new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="4" onclick="x()"/></svg>')
		);
		expect(saved.ok).toBe(true);
		const [row] = await db
			.select({ logo: merchants.logo, type: merchants.logoType, hash: merchants.logoHash })
			.from(merchants)
			.where(eq(merchants.id, a.merchant.id));
		expect(row.type).toBe('image/svg+xml');
		expect(Buffer.from(row.logo!).toString()).toBe('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>');
		expect(row.hash).toMatch(/^[0-9a-f]{16}$/);
		await settings.removeLogo(db, a.scope);
		expect((await settings.of(db, a.scope)).logoHash).toBeNull();
	});
});

describe('tenant isolation', () => {
	it('a user of merchant A changes only merchant A', async () => {
		const { db } = database;
		const a = await owner('Winkel A');
		const b = await owner('Winkel B', { brandColor: '#1f4e5f', tone: 'friendly' });
		const before = (await db.select().from(merchants).where(eq(merchants.id, b.merchant.id)))[0];
		await settings.saveBrand(db, a.scope, brandForm.parse({ ...brand, displayName: 'Alleen A' }));
		await settings.saveTone(db, a.scope, 'neutral');
		await settings.savePrivacyCheck(db, a.scope, 'postcode');
		await settings.savePolicy(db, a.scope, { ...DEFAULT_POLICY, offers: { payNow: true, instalments: false, moreTime: false } });
		await settings.saveLogo(db, a.scope, new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]));
		const after = (await db.select().from(merchants).where(eq(merchants.id, b.merchant.id)))[0];
		expect(after).toEqual(before);
		expect((await settings.of(db, a.scope)).displayName).toBe('Alleen A');
		expect((await settings.of(db, b.scope)).displayName).toBe('Winkel B');
	});
});

describe('the video in the settings preview', () => {
	it("says the video's words in the saved tone, or in the tone and name being tried, without saving anything", async () => {
		const { db } = database;
		const a = await owner('Fietsplaats', { tone: 'friendly', brandColor: '#1f4e5f' });
		// No job queue in this test: the server says plainly that it makes no frames, and still gives the script.
		const saved = await preview(db, a.scope, {}, 'nl');
		expect(saved.state).toBe('off');
		expect(saved.script[0]).toBe('Hoi Sanne, Een kort bericht van Fietsplaats, speciaal voor jou.');
		expect(saved.script.join(' ')).toContain('Vragen? Fietsplaats helpt je graag.');

		const tried = await preview(
			db,
			a.scope,
			readLook(new URLSearchParams({ tone: 'formal', displayName: 'Fietsplaats Zuid', brandColor: '#7A2E8E' })),
			'nl'
		);
		expect(tried.script[0]).toBe('Geachte Sanne de Vries, Een kort bericht van Fietsplaats Zuid, speciaal voor u.');
		expect(tried.props.brand).toMatchObject({ name: 'Fietsplaats Zuid', color: '#7a2e8e' });
		expect((await preview(db, a.scope, { tone: 'neutral' }, 'en')).script[0]).toBe('Hello Sanne, A short message from Fietsplaats.');
		expect(await settings.of(db, a.scope)).toMatchObject({ tone: 'friendly', displayName: 'Fietsplaats', brandColor: '#1f4e5f' });

		// Half-typed values are ignored: the saved ones are used instead.
		const typing = readLook(new URLSearchParams({ tone: 'loud', brandColor: '#12', displayName: '   ' }));
		expect(typing).toEqual({ tone: undefined, brandColor: undefined, accentColor: undefined, displayName: undefined });
	});

	it("puts the merchant's saved logo in the video and never shows one merchant's still to another", async () => {
		const { db } = database;
		const svg = new TextEncoder().encode(
			'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#f2b134"/></svg>'
		);
		const a = await owner('Winkel Beeld A', { brandColor: '#1f4e5f' });
		const b = await owner('Winkel Beeld B', { brandColor: '#1f4e5f' });
		expect((await settings.saveLogo(db, a.scope, svg)).ok).toBe(true);
		const propsA = previewProps(await lookOf(db, a.scope, {}), 'nl', config().videoVariant);
		expect(propsA.brand.logo).toMatch(/^data:image\/svg\+xml;base64,/);

		// A still on disk for A's look is A's only: B asking for the very same look (same name, colours, tone) gets nothing.
		const path = stillPath(propsA);
		await mkdir(dirname(path), { recursive: true });
		await writeFile(path, 'png of A');
		try {
			const look = { displayName: 'Winkel Beeld A' };
			expect(new TextDecoder().decode((await stillOf(db, a.scope, look, 'nl'))!)).toBe('png of A');
			expect(await stillOf(db, b.scope, look, 'nl')).toBeNull();
		} finally {
			await rm(path, { force: true });
		}
	});
});

describe('the privacy check on the debtor page', () => {
	async function debtorBehind(check: 'postcode' | 'birthdate') {
		const { db } = database;
		const { merchant } = await owner(`Winkel ${check}`, { privacyCheck: check });
		const d = await make.debtor(db, merchant.id, { postcode: '1234AB', birthDate: '1980-12-31' });
		await make.claim(db, { merchantId: merchant.id, debtorId: d.id });
		const { token } = await linkService.issue(db, d.id, 30);
		return { merchant, debtor: d, token };
	}
	const client = () => `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

	it('shows only the brand until the right postcode is given, and records both outcomes without the answer', async () => {
		const { db } = database;
		const { debtor, token } = await debtorBehind('postcode');
		const cookies = jar();
		const who = { client: client(), cookies, secure: true };
		const locked = await privacy.gate(db, token, cookies);
		expect(locked).toMatchObject({ state: 'locked', check: 'postcode', brand: { displayName: 'Winkel postcode' } });
		expect(JSON.stringify(locked)).not.toContain('Sanne');

		expect((await privacy.confirm(db, token, '9999 ZZ', who)).outcome).toBe('wrong');
		expect((await privacy.gate(db, token, cookies)).state).toBe('locked');
		expect((await privacy.confirm(db, token, '1234 ab', who)).outcome).toBe('confirmed');
		expect(cookies.options.coulant_confirmed).toMatchObject({ path: `/d/${token}`, httpOnly: true, secure: true, sameSite: 'lax' });
		expect((await privacy.gate(db, token, cookies)).state).toBe('open');

		const events = (await timeline.forDebtor(db, debtor.id)).filter((e) => e.type.startsWith('privacy.'));
		expect(events.map((e) => e.type).sort()).toEqual(['privacy.confirmed', 'privacy.failed']);
		for (const e of events) {
			expect(e.actor).toBe('debtor');
			// Which check, on which link: never the answer given or the one expected.
			expect(e.payload).toEqual({ linkId: expect.stringMatching(/^[0-9a-f-]{36}$/), check: 'postcode' });
		}
	});

	it('binds the confirmation to its link and to time', async () => {
		const { db } = database;
		const one = await debtorBehind('birthdate');
		const two = await debtorBehind('birthdate');
		const cookies = jar();
		expect((await privacy.confirm(db, one.token, '31-12-1980', { client: client(), cookies, secure: false })).outcome).toBe('confirmed');
		expect((await privacy.gate(db, one.token, cookies)).state).toBe('open');
		// The same cookie does not open another debtor's link, nor the same one after it expired.
		expect((await privacy.gate(db, two.token, cookies)).state).toBe('locked');
		const later = new Date(Date.now() + (privacy.CONFIRMED_FOR_SECONDS + 5) * 1000);
		expect((await privacy.gate(db, one.token, cookies, later)).state).toBe('locked');
		// A forged value is refused.
		cookies.set('coulant_confirmed', `${Math.floor(later.getTime() / 1000)}.forged`, { path: '/' });
		expect((await privacy.gate(db, one.token, cookies)).state).toBe('locked');
	});

	it('slows down wrong answers per link, then per client', async () => {
		const { db } = database;
		const { token } = await debtorBehind('postcode');
		const cookies = jar();
		for (let i = 0; i < privacy.PER_LINK.limit; i++) {
			expect((await privacy.confirm(db, token, `000${i} AA`, { client: client(), cookies, secure: false })).outcome).toBe('wrong');
		}
		// Even the right answer waits now, from any client.
		const blocked = await privacy.confirm(db, token, '1234AB', { client: client(), cookies, secure: false });
		expect(blocked.outcome).toBe('throttled');
		expect(blocked.retryAfterMinutes).toBeGreaterThan(0);
		expect((await privacy.gate(db, token, cookies)).state).toBe('locked');

		const guesser = client();
		const links = [await debtorBehind('postcode'), await debtorBehind('postcode'), await debtorBehind('postcode')];
		let wrong = 0;
		for (const l of links.slice(0, 2)) {
			for (let i = 0; i < privacy.PER_CLIENT.limit / 2; i++) {
				expect((await privacy.confirm(db, l.token, '0000 AA', { client: guesser, cookies, secure: false })).outcome).toBe('wrong');
				wrong++;
			}
		}
		expect(wrong).toBe(privacy.PER_CLIENT.limit);
		expect((await privacy.confirm(db, links[2].token, '1234AB', { client: guesser, cookies, secure: false })).outcome).toBe('throttled');
		expect((await privacy.confirm(db, links[2].token, '1234AB', { client: client(), cookies, secure: false })).outcome).toBe('confirmed');
	});

	it('lets the page open directly when the merchant asks for no check, and knows nothing of invalid links', async () => {
		const { db } = database;
		const { merchant } = await owner('Winkel Open');
		const d = await make.debtor(db, merchant.id);
		const { token } = await linkService.issue(db, d.id, 30);
		expect((await privacy.gate(db, token, jar())).state).toBe('open');
		expect((await privacy.gate(db, 'x'.repeat(32), jar())).state).toBe('invalid');
		expect((await privacy.confirm(db, 'nope', '1234AB', { client: client(), cookies: jar(), secure: false })).outcome).toBe('invalid');
	});

	it('cannot be passed for a debtor without the stored detail', async () => {
		const { db } = database;
		const { merchant } = await owner('Winkel Leeg', { privacyCheck: 'postcode' });
		const d = await make.debtor(db, merchant.id);
		const { token } = await linkService.issue(db, d.id, 30);
		expect((await privacy.confirm(db, token, '', { client: client(), cookies: jar(), secure: false })).outcome).toBe('wrong');
	});
});

// Tenant isolation: whatever a user of merchant A asks for, nothing of merchant B is read or changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client';
import * as accounts from '../../src/lib/server/accounts/service';
import type { Scope } from '../../src/lib/server/accounts/scope';
import * as consoleService from '../../src/lib/server/console/service';
import * as linkService from '../../src/lib/server/links/service';
import { linkMessage, voiceOf } from '../../src/lib/server/merchants/messages';
import * as portal from '../../src/lib/server/portal/service';
import { send } from '../../src/lib/server/support/messages';
import * as timeline from '../../src/lib/server/timeline/queries';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

async function tenant(name: string, debtorNames: string[], amountCents: number) {
	const { db } = database;
	const m = await make.merchant(db, { displayName: name });
	const user = await accounts.createUser(db, {
		merchantId: m.id,
		email: `${crypto.randomUUID().slice(0, 8)}@${m.slug}.test`,
		name: `${name} owner`,
		role: 'owner',
		password: 'a long enough password'
	});
	const debtors = [];
	for (const n of debtorNames) {
		const d = await make.debtor(db, m.id, { name: n });
		await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents });
		const { token } = await linkService.issue(db, d.id, 30);
		debtors.push({ ...d, token });
	}
	const scope: Scope = { merchantId: m.id, userId: user!.id, role: 'owner' };
	return { merchant: m, scope, debtors };
}

describe('a user of merchant A, through every console verb', () => {
	it('sees and changes only merchant A', async () => {
		const { db } = database;
		const a = await tenant('Winkel A', ['Anna A', 'Arie A'], 1000);
		const b = await tenant('Winkel B', ['Bert B'], 7777);
		const bDebtor = b.debtors[0];

		// Reading: overview, list, one debtor.
		expect(await consoleService.overview(db, a.scope)).toEqual({
			debtors: 2,
			openClaims: 2,
			openBalance: [{ currency: 'EUR', amountCents: 2000 }]
		});
		const listed = (await consoleService.debtors(db, a.scope)).rows;
		expect(listed.map((d) => d.name)).toEqual(['Anna A', 'Arie A']);
		expect(await consoleService.debtor(db, a.scope, bDebtor.id)).toBeUndefined();
		expect(await consoleService.debtor(db, a.scope, 'not-a-uuid')).toBeUndefined();
		expect((await consoleService.debtor(db, a.scope, a.debtors[0].id))?.balance.total.amountCents).toBe(1000);

		// Changing: a new link for B's debtor is refused and B's link keeps working, with nothing on B's timeline.
		expect(await consoleService.newLink(db, a.scope, bDebtor.id, 30)).toBeUndefined();
		expect(await portal.open(db, bDebtor.token, { locale: 'nl' })).not.toBeNull();

		// New links for everyone: only A's debtors, B untouched.
		const rows = await consoleService.newLinksForAll(db, a.scope, 30, 'http://app.test');
		expect(rows.map((r) => r.name)).toEqual(['Anna A', 'Arie A']);
		expect(await portal.open(db, bDebtor.token, { locale: 'nl' })).not.toBeNull();
		expect((await timeline.forDebtor(db, bDebtor.id)).filter((e) => e.type === 'link.issued')).toEqual([]);
		// The messages that go with the links speak with A's voice about A's debtors only.
		const voice = await voiceOf(db, a.scope.merchantId);
		expect([...voice.locales.keys()].sort()).toEqual(a.debtors.map((d) => d.customerRef).sort());
		expect(
			linkMessage(voice.sender, { name: rows[0].name, locale: voice.locales.get(rows[0].customerRef) ?? null }, rows[0].url)
		).toContain('Winkel A');

		// Team: A's owner sees A's people and invitations only.
		await accounts.createInvite(db, { userId: b.scope.userId, merchantId: b.merchant.id }, 'b-invitee@example.test');
		await accounts.createInvite(db, { userId: a.scope.userId, merchantId: a.merchant.id }, 'a-invitee@example.test');
		const team = await accounts.team(db, a.scope.merchantId);
		expect(team.users.map((u) => u.name)).toEqual(['Winkel A owner']);
		expect(team.invites.map((i) => i.email)).toEqual(['a-invitee@example.test']);

		// And the other way round, B sees only B.
		expect((await consoleService.debtors(db, b.scope)).rows.map((d) => d.name)).toEqual(['Bert B']);
		// Paging from another merchant's debtor shows nothing of either.
		expect((await consoleService.debtors(db, a.scope, { after: bDebtor.id })).rows).toEqual([]);
		expect(await consoleService.debtor(db, b.scope, a.debtors[0].id)).toBeUndefined();
	});
});

describe('a new personal link', () => {
	it('replaces the old one, is recorded with who did it, and is shown only in the answer', async () => {
		const { db } = database;
		const a = await tenant('Winkel C', ['Cor C'], 2495);
		const d = a.debtors[0];
		const issued = await consoleService.newLink(db, a.scope, d.id, 30);
		expect(issued).toBeDefined();
		expect(await portal.open(db, d.token, { locale: 'nl' })).toBeNull();
		expect(await portal.open(db, issued!.token, { locale: 'nl' })).not.toBeNull();
		const events = await timeline.forDebtor(db, d.id);
		expect(events.find((e) => e.type === 'link.issued')).toMatchObject({
			actor: `user:${a.scope.userId}`,
			payload: { linkId: issued!.linkId, revoked: 1 }
		});
		expect(JSON.stringify(events)).not.toContain(issued!.token);
		const { svg, png } = await consoleService.qrCodes(`http://app.test/d/${issued!.token}`);
		expect(svg).toMatch(/^<svg/);
		expect(png).toMatch(/^data:image\/png;base64,/);
	});

	it('leaves exactly one working link when two clicks arrive at once', async () => {
		const { db } = database;
		const a = await tenant('Winkel D', ['Dirk D'], 500);
		const d = a.debtors[0];
		const [x, y] = await Promise.all([consoleService.newLink(db, a.scope, d.id, 30), consoleService.newLink(db, a.scope, d.id, 30)]);
		const working = await Promise.all([x!, y!].map((l) => portal.open(db, l.token, { locale: 'nl' })));
		expect(working.filter(Boolean)).toHaveLength(1);
	});

	it('pages through a merchant’s debtors by name, and filters those waiting for an answer', async () => {
		const { db } = database;
		const names = Array.from({ length: 53 }, (_, i) => `Klant ${String(i).padStart(2, '0')}`);
		const a = await tenant('Winkel Veel', names, 1000);
		const first = await consoleService.debtors(db, a.scope);
		expect(first.rows).toHaveLength(consoleService.DEBTORS_PER_PAGE);
		expect(first.more).toBe(true);
		expect(first.rows[0]).toMatchObject({ name: 'Klant 00', openClaims: 1, openCents: 1000, awaiting: false });
		const second = await consoleService.debtors(db, a.scope, { after: first.rows.at(-1)!.id });
		expect(second.rows.map((d) => d.name)).toEqual(['Klant 50', 'Klant 51', 'Klant 52']);
		expect(second.more).toBe(false);

		const asking = a.debtors[7];
		await send(
			db,
			{ debtorId: asking.id, merchantId: a.merchant.id },
			{ kind: 'question', claimId: null, body: 'Wanneer wordt er afgeschreven?', attachment: null }
		);
		const waiting = await consoleService.debtors(db, a.scope, { awaiting: true });
		expect(waiting.rows.map((d) => [d.name, d.awaiting])).toEqual([['Klant 07', true]]);
	});
});

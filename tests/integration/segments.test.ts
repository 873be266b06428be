// Segments on a real database: what the simulator says before saving, everyone in exactly one segment after, kept
// current when claims and tags come in, and the segment's treatment on the debtor's page.
import { Readable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/lib/server/db/client';
import { debtorSegments, debtors, merchants, outboxMessages, segments as segmentsTable } from '../../src/lib/server/db/schema';
import { importCsv, receiveRows } from '../../src/lib/server/claims/service';
import { armFor } from '../../src/lib/server/experiments/assign';
import { planMerchant } from '../../src/lib/server/outreach/plan';
import { merchantOutreachColumns } from '../../src/lib/server/outreach/situations';
import * as linkService from '../../src/lib/server/links/service';
import * as portal from '../../src/lib/server/portal/service';
import * as segments from '../../src/lib/server/segments/service';
import * as timeline from '../../src/lib/server/timeline/queries';
import type { SegmentDraft } from '../../src/lib/schemas/segments';
import { jar } from '../helpers/cookies';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

const NOW = new Date('2026-11-20T10:00:00Z');
let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

const draft = (over: Partial<SegmentDraft> & Pick<SegmentDraft, 'name'>): SegmentDraft => ({
	rules: [],
	tone: null,
	calm: false,
	offerPersonEarly: false,
	maxTerms: null,
	moreTimeDays: null,
	...over
});
const THREE: SegmentDraft[] = [
	draft({ name: 'Zorg', rules: [{ field: 'tag', op: 'has', value: 'vulnerable' }], calm: true }),
	draft({ name: 'Groot', rules: [{ field: 'balanceCents', op: 'gte', value: 50_000 }], tone: 'formal', maxTerms: 24 }),
	draft({ name: 'Iedereen' })
];

async function shop() {
	const { db } = database;
	const m = await make.merchant(db, { tone: 'friendly' });
	const owe = async (name: string, cents: number, tags: string[] = []) => {
		const d = await make.debtor(db, m.id, { name, tags });
		await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents: cents, dueOn: '2026-10-15' });
		return d;
	};
	return {
		m,
		care: await owe('Anna Zorg', 10_000, ['vulnerable']),
		big: await owe('Bram Groot', 80_000),
		small: await owe('Cas Klein', 2_000)
	};
}

const placed = async (merchantId: string) =>
	new Map(
		(
			await database.db
				.select({ debtor: debtorSegments.debtorId, name: segmentsTable.name })
				.from(debtorSegments)
				.innerJoin(segmentsTable, eq(segmentsTable.id, debtorSegments.segmentId))
				.where(eq(debtorSegments.merchantId, merchantId))
		).map((r) => [r.debtor, r.name])
	);

describe('segments', () => {
	it('shows per segment the debtors and euros and who moves before saving, then puts everyone in exactly one', async () => {
		const { db } = database;
		const { m, care, big, small } = await shop();
		const seen = await segments.preview(db, m.id, THREE, NOW);
		expect(seen.segments.map((s) => [s.name, s.debtors, s.balanceCents])).toEqual([
			['Zorg', 1, 10_000],
			['Groot', 1, 80_000],
			['Iedereen', 1, 2_000]
		]);
		// Out of the implicit "Iedereen" into Zorg and Groot; Cas stays in an Iedereen, which is no move.
		expect(seen.moves.map((x) => [x.name, x.from, x.to])).toEqual([
			['Anna Zorg', 'Iedereen', 'Zorg'],
			['Bram Groot', 'Iedereen', 'Groot']
		]);
		expect(await placed(m.id)).toEqual(new Map());

		expect(await segments.save(db, m.id, 'user:test', THREE, NOW)).toEqual({ ok: true, moved: 2 });
		expect(await placed(m.id)).toEqual(
			new Map([
				[care.id, 'Zorg'],
				[big.id, 'Groot'],
				[small.id, 'Iedereen']
			])
		);
		const [event] = (await timeline.forDebtor(db, big.id)).filter((e) => e.type === 'segment.changed');
		expect(event.payload).toMatchObject({ from: 'Iedereen', to: 'Groot', cause: 'segments_saved' });
		expect(event.actor).toBe('user:test');

		// Saved again with Groot renamed: nobody moves, the rows keep their segment.
		const stored = await segments.list(db, m.id);
		const renamed = THREE.map((d, i) => ({ ...d, id: stored[i].id, name: i === 1 ? 'Grote bedragen' : d.name }));
		expect((await segments.preview(db, m.id, renamed, NOW)).moves).toEqual([]);
		expect(await segments.save(db, m.id, 'user:test', renamed, NOW)).toEqual({ ok: true, moved: 0 });
		expect((await placed(m.id)).get(big.id)).toBe('Grote bedragen');

		// Refused: a doubled name, rules on the last one; nothing changes.
		const bad = await segments.save(db, m.id, 'user:test', [draft({ name: 'A' }), draft({ name: 'a', rules: THREE[1].rules })], NOW);
		expect(bad.ok).toBe(false);
		expect((await segments.list(db, m.id)).map((s) => s.name)).toEqual(['Zorg', 'Grote bedragen', 'Iedereen']);

		// An id that is not the merchant's makes a new segment instead of touching another merchant's.
		const forged = THREE.map((d, i) => (i === 2 ? { ...d, id: '00000000-0000-4000-8000-000000000000' } : d));
		expect((await segments.save(db, m.id, 'user:test', forged, NOW)).ok).toBe(true);

		// No segments at all: everybody back in the implicit "Iedereen", no rows left.
		expect(await segments.save(db, m.id, 'user:test', [], NOW)).toEqual({ ok: true, moved: 0 });
		expect(await placed(m.id)).toEqual(new Map());
	});

	it("gives the debtor the segment's tone and plan policy on their page, and a vulnerable debtor a person first", async () => {
		const { db } = database;
		const { m, care, big } = await shop();
		await segments.save(db, m.id, 'user:test', THREE, NOW);
		const open = async (debtorId: string) => {
			const { token } = await linkService.issue(db, debtorId, 30);
			const page = await portal.openPage(db, token, { locale: 'nl', cookies: jar(), now: NOW });
			if (page.state !== 'open') throw new Error(page.state);
			return page;
		};
		const bigPage = await open(big.id);
		expect(bigPage.view.tone).toBe('formal');
		expect(bigPage.holder.policy.instalments.maxTerms).toBe(24);
		expect(bigPage.view.offerPerson).toBe(false);
		const carePage = await open(care.id);
		expect(carePage.view.tone).toBe('friendly');
		expect(carePage.view.offerPerson).toBe(true);
	});

	it('follows claims and tags coming in by the API and the CSV import, for the debtors they touch', async () => {
		const { db } = database;
		const { m, small } = await shop();
		await segments.save(db, m.id, 'user:test', THREE, NOW);
		const receipt = { actor: 'api:test', source: 'api' as const, expiresAt: new Date(NOW.getTime() + 86_400_000), now: NOW };
		const claim = {
			reference: 'F-BIG',
			description: 'Fiets',
			amount_cents: 60_000,
			currency: 'EUR',
			issued_on: '2026-11-01',
			due_on: '2026-11-15'
		};
		await db.transaction((tx) =>
			receiveRows(tx, m.id, receipt, [{ customer_ref: small.customerRef, name: small.name, country: 'NL', ...claim, line: 0 }])
		);
		expect((await placed(m.id)).get(small.id)).toBe('Groot');
		const [moved] = (await timeline.forDebtor(db, small.id)).filter((e) => e.type === 'segment.changed');
		expect(moved.payload).toMatchObject({ from: 'Iedereen', to: 'Groot', cause: 'debtor_changed' });

		const user = await make.user(db, m.id, { role: 'owner' });
		const csv = (text: string) => Readable.from([Buffer.from(text)]);
		const header = 'klantnummer,naam,kenmerk,omschrijving,bedrag,factuurdatum,vervaldatum,labels\n';
		const ok = await importCsv(
			db,
			{ merchantId: m.id, userId: user.id },
			csv(`${header}${small.customerRef},${small.name},F-2,Slot,"5,00",2026-11-01,2026-11-15,"Vulnerable, vip"\n`),
			30,
			NOW
		);
		expect(ok.ok).toBe(true);
		const [row] = await db.select({ tags: debtors.tags }).from(debtors).where(eq(debtors.id, small.id));
		expect(row.tags).toEqual(['vulnerable', 'vip']);
		expect((await placed(m.id)).get(small.id)).toBe('Zorg');

		const refused = await importCsv(
			db,
			{ merchantId: m.id, userId: user.id },
			csv(`${header}${small.customerRef},${small.name},F-3,Slot,"5,00",2026-11-01,2026-11-15,zakelijke klant\n`),
			30,
			NOW
		);
		expect(refused).toMatchObject({ ok: false, problems: [{ line: 2, field: 'tags', code: 'tags' }] });
	});

	it("puts a debtor in an experiment's arm the same way every time, about half in each", async () => {
		const { db } = database;
		const experiment = '6f1d3c3e-2b7a-4c55-9a51-1d2f7c7b0a11';
		const ids = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
		const arms = await Promise.all(ids.map((id) => armFor(db, experiment, id)));
		expect(await Promise.all(ids.map((id) => armFor(db, experiment, id)))).toEqual(arms);
		const b = arms.filter((a) => a === 'b').length;
		// Binomial(200, ½): 100 ± 3 standard deviations (≈ 21).
		expect(b).toBeGreaterThan(79);
		expect(b).toBeLessThan(121);
		// Another experiment sorts the same debtors independently.
		const other = await Promise.all(ids.map((id) => armFor(db, '0b0e6a52-0000-4000-8000-000000000001', id)));
		expect(other).not.toEqual(arms);
	});

	it("writes each reminder in the debtor's segment's tone, and the friendliest for a vulnerable debtor", async () => {
		const { db } = database;
		const m = await make.merchant(db, { tone: 'neutral', displayName: 'Fietsplaats' });
		const owe = async (name: string, tags: string[]) => {
			const d = await make.debtor(db, m.id, { name, tags, email: `${tags[0] ?? 'plain'}@test.example` });
			await make.claim(db, { merchantId: m.id, debtorId: d.id }, { dueOn: '2026-11-16' });
			return d;
		};
		const vip = await owe('Vera Vip', ['vip']);
		const plain = await owe('Piet Plain', []);
		const fragile = await owe('Fleur Zorg', ['vulnerable']);
		await segments.save(
			db,
			m.id,
			'user:test',
			[draft({ name: 'Vip', rules: [{ field: 'tag', op: 'has', value: 'vip' }], tone: 'friendly' }), draft({ name: 'Iedereen' })],
			NOW
		);
		const [row] = await db.select(merchantOutreachColumns).from(merchants).where(eq(merchants.id, m.id));
		// Monday 16 November, 10:00 in Amsterdam: the link step (in "the merchant's tone") goes on the due date.
		await planMerchant(db, row, { origin: 'http://app.test', mailDomain: 'coulant.test' }, new Date('2026-11-16T09:00:00Z'));
		const subject = async (debtorId: string) =>
			(await db.select({ subject: outboxMessages.subject }).from(outboxMessages).where(eq(outboxMessages.debtorId, debtorId)))[0]?.subject;
		expect(await subject(vip.id)).toBe('Er staat nog iets open bij Fietsplaats');
		expect(await subject(plain.id)).toBe('Openstaand bedrag bij Fietsplaats');
		expect(await subject(fragile.id)).toBe('Er staat nog iets open bij Fietsplaats');
	});
});

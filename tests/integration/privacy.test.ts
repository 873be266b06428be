// Retention and the debtor's rights: the data export, erasure on request, and the nightly retention run (fixed clock).
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rowsOf, type Database, type Db } from '../../src/lib/server/db/client';
import {
	agencies,
	assistantTurns,
	bankEntries,
	bankImports,
	instalmentLinks,
	instalments,
	plans,
	claims,
	debtorMessages,
	debtorVideos,
	debtors,
	handovers,
	links,
	messageAttachments,
	outboxMessages,
	pushSubscriptions,
	timelineEvents,
	webhookEvents
} from '../../src/lib/server/db/schema';
import { gather } from '../../src/lib/server/handover/evidence';
import { buildPack } from '../../src/lib/server/handover/pack';
import { verifyPack } from '../../src/lib/server/handover/verify';
import * as messages from '../../src/lib/server/support/messages';
import * as support from '../../src/lib/server/support/actions';
import * as timeline from '../../src/lib/server/timeline/queries';
import { erase } from '../../src/lib/server/privacy/erase';
import { exportFor } from '../../src/lib/server/privacy/export';
import * as retention from '../../src/lib/server/privacy/retention';
import { localStore } from '../../src/lib/server/video/storage';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
let db: Db;
beforeAll(async () => {
	database = await testDatabase();
	db = database.db;
});
afterAll(async () => {
	await database?.close();
});

/** Settled lately: not yet due for the retention run at any of its clocks. */
const RECENT = new Date('2026-11-01T10:00:00Z');

const PNG = Uint8Array.from(
	Buffer.from(
		'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f4d0a10000000049454e44ae426082',
		'hex'
	)
);

/** A debtor with their data in every place Coulant keeps some, all settled; their personal strings to look for. */
let people = 0;
async function richDebtor(m: { id: string }, tag: string, settledAt: Date, o: { pack?: boolean } = {}) {
	const n = ++people;
	const person = {
		name: `Hendrika ${tag}kamp`,
		email: `hendrika.${tag}@voorbeeld.example`,
		phone: `+316123${String(n).padStart(5, '0')}`,
		postcode: `${9100 + n}XK`,
		street: `${tag}straat 17`,
		city: `Opperdoes${tag}`
	};
	const d = await make.debtor(db, m.id, { ...person, birthDate: '1961-04-02' });
	const who = { merchantId: m.id, debtorId: d.id };
	const c = await make.claim(db, who, {
		amountCents: 12_345,
		description: `Fietsreparatie voor ${person.name}`,
		createdAt: new Date(settledAt.getTime() - 40 * 86_400_000)
	});
	const scope = { merchantId: m.id, userId: randomUUID(), role: 'agent' as const };
	await support.addNote(db, scope, d.id, `Gebeld met ${person.name} op ${person.phone}`, new Date(settledAt.getTime() - 86_400_000));
	await timeline.append(db, {
		...who,
		type: 'debtor.contact_changed',
		actor: 'api',
		payload: { fields: { email: person.email, street: person.street }, source: 'api' }
	});
	// A message with a file, answered.
	const sent = await messages.send(
		db,
		who,
		{
			kind: 'question',
			claimId: null,
			body: `Ik ben ${person.name}, woon op ${person.street}`,
			attachment: { fileName: `brief-${tag}.png`, contentType: 'image/png', sizeBytes: PNG.length, sha256: 'x'.repeat(64), content: PNG }
		},
		settledAt
	);
	expect(sent.ok).toBe(true);
	await db
		.update(debtorMessages)
		.set({ status: 'resolved', answer: `Dag ${person.name}, opgelost.`, answeredAt: settledAt })
		.where(eq(debtorMessages.debtorId, d.id));
	await db.insert(outboxMessages).values({
		...who,
		kind: 'reminder',
		dedupeKey: `r-${tag}`,
		toAddress: person.email,
		locale: 'nl',
		tone: 'friendly',
		subject: `Herinnering voor ${person.name}`,
		html: `<p>Beste ${person.name}</p>`,
		text: `Beste ${person.name}`,
		status: 'sent',
		sendAfter: settledAt,
		messageId: `<${tag}@x>`,
		sentAt: settledAt
	});
	const [link] = await db
		.insert(links)
		.values({ debtorId: d.id, tokenHash: randomUUID(), expiresAt: new Date(settledAt.getTime() + 30 * 86_400_000) })
		.returning();
	await db.insert(pushSubscriptions).values({ ...who, linkId: link.id, endpoint: `https://push.example/${tag}`, p256dh: 'k', auth: 'a' });
	await db.insert(assistantTurns).values({ ...who, author: 'debtor', text: `mijn naam is ${person.name}`, locale: 'nl' });
	const [imp] = await db
		.insert(bankImports)
		.values({
			merchantId: m.id,
			fileHash: randomUUID(),
			format: 'camt053',
			accounts: 'NL01',
			entries: 1,
			credits: 1,
			booked: 1,
			review: 0,
			duplicates: 0
		})
		.returning();
	await db.insert(bankEntries).values({
		merchantId: m.id,
		importId: imp.id,
		entryKey: randomUUID(),
		account: 'NL01',
		bookedOn: '2024-01-01',
		amountCents: 12_345,
		currency: 'EUR',
		payerName: person.name.toUpperCase(),
		payerIban: 'NL91ABNA0417164300',
		remittance: `${c.reference} ${person.name}`,
		status: 'booked',
		verdict: 'sure',
		claimId: c.id
	});
	const [ev] = await db
		.select()
		.from(timelineEvents)
		.where(eq(timelineEvents.type, 'debtor.contact_changed'))
		.orderBy(sql`id desc`)
		.limit(1);
	await db.insert(webhookEvents).values({
		id: ev.id,
		merchantId: m.id,
		type: 'debtor.contact_changed',
		timelineEventId: ev.id,
		occurredAt: settledAt,
		data: { customer_ref: d.customerRef, email: person.email }
	});
	// A hand-over taken back, with its evidence pack.
	const [agency] = await db.insert(agencies).values({ merchantId: m.id, name: 'Incasso BV', kind: 'agency' }).returning();
	const [h] = await db
		.insert(handovers)
		.values({ ...who, agencyId: agency.id, status: 'taken_back', proposedBy: 'user:x', reason: `Geen reactie van ${person.name}` })
		.returning();
	// The pack (with its PDF) only where a test reads it: it takes a while to make.
	const evidence = o.pack ? await gather(db, h, agency, [{ reference: c.reference, openCents: c.amountCents }], 'user:x', settledAt) : null;
	const pack = evidence ? await buildPack(evidence, 'nl') : null;
	if (evidence && pack)
		await db
			.update(handovers)
			.set({ evidence: pack.zip, evidenceHead: evidence.head, evidenceSha256: pack.sha256 })
			.where(eq(handovers.id, h.id));
	// A plan by direct debit, completed: the mandate's IBAN and an instalment's pay link.
	const [plan] = await db
		.insert(plans)
		.values({
			...who,
			status: 'completed',
			collection: 'direct_debit',
			frequency: 'monthly',
			terms: 1,
			totalCents: c.amountCents,
			currency: 'EUR',
			mandateAccount: 'NL02RABO0123456789'
		})
		.returning();
	const [inst] = await db
		.insert(instalments)
		.values({ planId: plan.id, number: 1, dueOn: '2024-01-01', amountCents: c.amountCents, status: 'paid' })
		.returning();
	await db.insert(instalmentLinks).values({ instalmentId: inst.id, tokenHash: randomUUID(), expiresAt: new Date('2099-01-01T00:00:00Z') });
	// Settled: paid in full.
	await db.update(claims).set({ status: 'paid', amountPaidCents: c.amountCents }).where(eq(claims.id, c.id));
	await timeline.append(db, {
		...who,
		claimId: c.id,
		type: 'claim.paid',
		actor: 'system',
		occurredAt: settledAt,
		payload: { reference: c.reference, amountCents: c.amountCents }
	});
	const strings = [
		person.name,
		person.email,
		person.phone,
		person.postcode,
		`${person.postcode.slice(0, 4)} ${person.postcode.slice(4)}`,
		person.street,
		person.city,
		`${tag}kamp`
	];
	return { d, c, person, strings, pack: pack?.zip ?? new Uint8Array(), head: evidence?.head ?? '' };
}

/** Every row of every table as text (all its columns, JSON included), searched for each string: where each is still found. */
async function findAnywhere(strings: string[]): Promise<string[]> {
	const tables = rowsOf<{ name: string }>(
		await db.execute(
			sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`
		)
	);
	const found: string[] = [];
	for (const { name } of tables) {
		const hits = rowsOf<{ s: string }>(
			await db.execute(sql`select s from jsonb_array_elements_text(${JSON.stringify(strings.map((s) => s.toLowerCase()))}::jsonb) as s
				where exists (select 1 from ${sql.raw(`"${name}"`)} t where strpos(lower(t::text), s) > 0)`)
		);
		for (const h of hits) found.push(`${name}: ${h.s}`);
	}
	return found;
}

async function counts(debtorId: string) {
	const [row] = rowsOf<Record<string, number>>(
		await db.execute(sql`select
			(select count(*)::int from timeline_events where debtor_id = ${debtorId}::uuid) as events,
			(select coalesce(sum(amount_cents), 0)::int from claims where debtor_id = ${debtorId}::uuid) as claimed,
			(select coalesce(sum(amount_paid_cents), 0)::int from claims where debtor_id = ${debtorId}::uuid) as paid,
			(select count(*)::int from outbox_messages where debtor_id = ${debtorId}::uuid) as sent,
			(select count(*)::int from debtor_messages where debtor_id = ${debtorId}::uuid) as messages`)
	);
	return row;
}

describe('the data export', () => {
	it('holds every personal field of the debtor and nothing of another debtor or merchant, and is put on the timeline without its content', async () => {
		const m = await make.merchant(db);
		const other = await make.merchant(db);
		const a = await richDebtor(m, 'alfa', RECENT);
		const b = await richDebtor(m, 'bravo', RECENT);
		const c = await richDebtor(other, 'charlie', RECENT);
		const data = await exportFor(db, m.id, a.d.id, { actor: 'user:x', now: new Date('2026-11-02T00:00:00Z') });
		const text = JSON.stringify(data);
		for (const s of [
			...a.strings.filter((s) => !s.includes(' ') || s === a.person.name || s === a.person.street),
			'1961-04-02',
			'NL91ABNA0417164300',
			a.c.reference
		])
			expect(text.toLowerCase()).toContain(s.toLowerCase());
		expect(data!.messagesToSupport[0].files[0].contentBase64).toBe(Buffer.from(PNG).toString('base64'));
		for (const s of [...b.strings, ...c.strings]) expect(text.toLowerCase()).not.toContain(s.toLowerCase());
		expect(await exportFor(db, other.id, a.d.id, { actor: 'user:x' })).toBeNull();
		const [event] = await db.select().from(timelineEvents).where(eq(timelineEvents.type, 'debtor.exported'));
		expect(event.debtorId).toBe(a.d.id);
		expect(JSON.stringify(event.payload).toLowerCase()).not.toContain('hendrika');
	});
});

describe('erasure on request', () => {
	it('removes the person from every table, keeps amounts and event counts, deletes files, and the evidence still verifies', async () => {
		const m = await make.merchant(db);
		const a = await richDebtor(m, 'delta', RECENT, { pack: true });
		const keep = await richDebtor(m, 'echo', RECENT);
		// Their published video, its poster and captions on disk.
		const dir = mkdtempSync(join(tmpdir(), 'coulant-media-'));
		const store = localStore(dir);
		const name = 'a'.repeat(40);
		for (const ext of ['mp4', 'png', 'vtt']) writeFileSync(join(dir, `${name}.${ext}`), 'x');
		await db
			.insert(debtorVideos)
			.values({ debtorId: a.d.id, locale: 'nl', merchantId: m.id, state: 'ready', wanted: name, published: name });
		const [attachment] = await db.select().from(messageAttachments).where(eq(messageAttachments.merchantId, m.id)).limit(1);
		expect(await findAnywhere(a.strings)).not.toEqual([]);
		const before = await counts(a.d.id);

		const result = await erase(db, m.id, a.d.id, { why: 'request', actor: 'user:x', now: new Date('2026-11-02T00:00:00Z'), store });
		expect(result).toMatchObject({ ok: true, media: 3 });

		expect(await findAnywhere(a.strings)).toEqual([]);
		// The other debtor is untouched.
		expect((await findAnywhere([keep.person.name, keep.person.email])).length).toBeGreaterThan(0);
		const after = await counts(a.d.id);
		expect(after).toEqual({ ...before, events: before.events + 1 });
		expect(readdirSync(dir)).toEqual([]);
		// Their file is gone: the console's download finds nothing (404).
		expect(await messages.attachment(db, m.id, a.d.id, attachment.id)).toBeFalsy();
		expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.debtorId, a.d.id))).toEqual([]);
		expect((await db.select().from(links).where(eq(links.debtorId, a.d.id))).every((l) => l.revokedAt)).toBe(true);
		const [payLink] = rowsOf<{ expires_at: string }>(
			await db.execute(
				sql`select l.expires_at::text from instalment_links l join instalments i on i.id = l.instalment_id join plans p on p.id = i.plan_id where p.debtor_id = ${a.d.id}::uuid`
			)
		);
		expect(Date.parse(payLink.expires_at)).toBeLessThanOrEqual(Date.parse('2026-11-02T00:00:00Z'));
		// The pack is no longer stored; its head is, and the pack the agency holds still verifies against it.
		const [h] = await db.select().from(handovers).where(eq(handovers.debtorId, a.d.id));
		expect(h.evidence).toBeNull();
		expect(h.evidenceHead).toBe(a.head);
		expect(verifyPack(a.pack, h.evidenceHead!)).toMatchObject({ ok: true });
		const [erased] = (await db.select().from(timelineEvents).where(eq(timelineEvents.debtorId, a.d.id))).filter(
			(e) => e.type === 'debtor.erased'
		);
		expect(erased.payload).toMatchObject({ why: 'request', redacted: expect.any(Number) });
		// Once: a second erasure is refused as already done.
		expect(await erase(db, m.id, a.d.id, { why: 'request', actor: 'user:x', store })).toEqual({ ok: false, refused: 'already_erased' });
		// The timeline still refuses edits outside the erasure routine.
		await expect(db.execute(sql`update timeline_events set payload = '{}' where debtor_id = ${keep.d.id}::uuid`)).rejects.toMatchObject({
			cause: { message: expect.stringMatching(/append-only/) }
		});
		await expect(db.execute(sql`delete from timeline_events where debtor_id = ${a.d.id}::uuid`)).rejects.toMatchObject({
			cause: { message: expect.stringMatching(/append-only/) }
		});
	});

	it('is refused while a claim is open or a message awaits an answer, and for another merchant', async () => {
		const m = await make.merchant(db);
		const d = await make.debtor(db, m.id);
		const c = await make.claim(db, { merchantId: m.id, debtorId: d.id });
		expect(await erase(db, m.id, d.id, { why: 'request', actor: 'user:x' })).toEqual({ ok: false, refused: 'open_claims' });
		await db.update(claims).set({ status: 'recalled' }).where(eq(claims.id, c.id));
		await messages.send(db, { merchantId: m.id, debtorId: d.id }, { kind: 'question', claimId: null, body: 'Waarom?', attachment: null });
		expect(await erase(db, m.id, d.id, { why: 'request', actor: 'user:x' })).toEqual({ ok: false, refused: 'open_messages' });
		expect(await erase(db, (await make.merchant(db)).id, d.id, { why: 'request', actor: 'user:x' })).toBeNull();
		const [row] = await db.select().from(debtors).where(eq(debtors.id, d.id));
		expect(row).toMatchObject({ name: 'Sanne de Vries', erasedAt: null });
	});
});

describe('the retention run', () => {
	it('anonymises debtors settled longer ago than their merchant’s period, once, and leaves the rest', async () => {
		const m = await make.merchant(db, { retentionMonths: 24 });
		const short = await make.merchant(db, { retentionMonths: 6 });
		const old = await richDebtor(m, 'foxtrot', new Date('2024-01-15T12:00:00Z'));
		const young = await richDebtor(m, 'golf', new Date('2025-06-01T12:00:00Z'));
		const shortOld = await richDebtor(short, 'hotel', new Date('2025-06-01T12:00:00Z'));
		const open = await make.debtor(db, m.id, { name: 'Open Olga' });
		await make.claim(db, { merchantId: m.id, debtorId: open.id });
		const dir = mkdtempSync(join(tmpdir(), 'coulant-media-'));
		const now = new Date('2026-01-15T12:00:01Z');

		expect(await retention.run(db, { now, store: localStore(dir) })).toEqual({ erased: 2 });
		const names = async (id: string) =>
			(await db.select({ name: debtors.name, erasedAt: debtors.erasedAt }).from(debtors).where(eq(debtors.id, id)))[0];
		expect(await names(old.d.id)).toMatchObject({ name: '[gewist]', erasedAt: now });
		expect(await names(shortOld.d.id)).toMatchObject({ name: '[gewist]' });
		expect(await names(young.d.id)).toMatchObject({ name: young.person.name, erasedAt: null });
		expect(await names(open.id)).toMatchObject({ name: 'Open Olga', erasedAt: null });
		expect(await findAnywhere(old.strings)).toEqual([]);
		// A second run (or one after a kill) finds nothing more to do, and writes no second event.
		expect(await retention.run(db, { now, store: localStore(dir) })).toEqual({ erased: 0 });
		const erasedEvents = await db.select().from(timelineEvents).where(eq(timelineEvents.debtorId, old.d.id));
		expect(erasedEvents.filter((e) => e.type === 'debtor.erased')).toHaveLength(1);
		// A day before the period ends, the younger one still stays.
		expect(await retention.run(db, { now: new Date('2027-05-31T12:00:00Z'), store: localStore(dir) })).toEqual({ erased: 0 });
		expect(await retention.run(db, { now: new Date('2027-06-01T12:00:01Z'), store: localStore(dir) })).toEqual({ erased: 1 });
	});

	it('leaves nothing half-erased when a run dies half-way through a debtor, and finishes on the next run', async () => {
		const m = await make.merchant(db, { retentionMonths: 6 });
		const a = await richDebtor(m, 'india', new Date('2024-01-15T12:00:00Z'));
		const now = new Date('2026-01-15T12:00:00Z');
		const store = localStore(mkdtempSync(join(tmpdir(), 'coulant-media-')));
		// The run dies at its last step (the debtor row), after the timeline, messages and files were done.
		await db.execute(sql`create function die() returns trigger language plpgsql as $$ begin raise exception 'killed'; end $$`);
		await db.execute(sql`create trigger die before update of erased_at on debtors for each row execute function die()`);
		await expect(retention.run(db, { now, store })).rejects.toThrow();
		await db.execute(sql`drop trigger die on debtors`);
		expect((await findAnywhere([a.person.name, a.person.email])).length).toBeGreaterThan(1);
		expect((await db.select().from(timelineEvents).where(eq(timelineEvents.debtorId, a.d.id))).map((e) => e.type)).not.toContain(
			'debtor.erased'
		);
		expect(await retention.run(db, { now, store })).toEqual({ erased: 1 });
		expect(await findAnywhere(a.strings)).toEqual([]);
	});
});

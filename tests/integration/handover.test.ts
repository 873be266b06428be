// Hand-over to a collection agency on a real database and a real SMTP server: proposed only after the journey has
// run its course, confirmed by a person, no further reminders after, the debtor's page naming the agency, the
// evidence pack verified and tampering caught, taking back, and every step scoped to the merchant.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scope } from '../../src/lib/server/accounts/scope';
import * as keys from '../../src/lib/server/api/keys';
import { getEvidence } from '../../src/lib/server/api/evidence';
import type { Database } from '../../src/lib/server/db/client';
import { handovers, timelineEvents } from '../../src/lib/server/db/schema';
import { chain } from '../../src/lib/server/handover/chain';
import { proposeDue } from '../../src/lib/server/handover/proposals';
import * as handover from '../../src/lib/server/handover/service';
import { verifyPack } from '../../src/lib/server/handover/verify';
import * as links from '../../src/lib/server/links/service';
import { followEvents } from '../../src/lib/server/outreach/events';
import { planAll } from '../../src/lib/server/outreach/plan';
import { sendDue } from '../../src/lib/server/outreach/send';
import { smtpTransport, type Transport } from '../../src/lib/server/outreach/transport';
import * as portal from '../../src/lib/server/portal/service';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';
import { startSmtp, type TestSmtp } from '../helpers/smtp';

const ORIGIN = 'http://app.test';
const options = { origin: ORIGIN, mailDomain: 'coulant.test' };
const nine = (day: string) => new Date(`${day}T08:00:00Z`);
const addDay = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

let database: Database;
let smtp: TestSmtp;
let transport: Transport;
beforeAll(async () => {
	database = await testDatabase();
	smtp = await startSmtp();
	transport = smtpTransport(smtp.url, { maxConnections: 2, timeoutMs: 3000 });
});
afterAll(async () => {
	transport?.close();
	await smtp?.close();
	await database?.close();
});

async function day(today: string) {
	const now = nine(today);
	await planAll(database.db, options, now);
	await followEvents(database.db, options, now);
	await sendDue(database.db, { transport, origin: ORIGIN, mailFrom: 'berichten@coulant.test', linkTtlDays: 365 }, () => now);
	return proposeDue(database.db, now);
}

async function shop(name: string, agency: Partial<handover.AgencyInput> = {}) {
	const { db } = database;
	const m = await make.merchant(db, { displayName: name, tone: 'friendly', outreach: { policy: { collectionCosts: true } } as never });
	const user = await make.user(db, m.id, { role: 'owner' });
	const scope: Scope = { merchantId: m.id, userId: user.id, role: 'owner' };
	const a = await handover.addAgency(db, scope, {
		name: 'Incasso Noord',
		kind: 'agency',
		email: 'dossiers@incassonoord.example',
		phone: '+31 50 123 4567',
		website: null,
		payViaCoulant: false,
		...agency
	});
	return { m, scope, agency: a };
}

async function owing(merchantId: string, email: string, reference: string) {
	const d = await make.debtor(database.db, merchantId, { name: 'Sanne de Vries', email });
	await make.claim(
		database.db,
		{ merchantId, debtorId: d.id },
		{ reference, description: 'Fietsonderhoud', amountCents: 12_450, dueOn: '2026-09-01' }
	);
	return d;
}

const mailsTo = (email: string) => smtp.received.filter((r) => r.to.includes(email));

describe('hand-over to a collection agency', () => {
	let m: Awaited<ReturnType<typeof shop>>;
	let debtorId: string;
	let handoverId: string;
	let proposedOn: string;

	it('is proposed only once the journey’s last step is 14 days behind, and once', async () => {
		m = await shop('De Groene Fiets');
		debtorId = (await owing(m.m.id, 'sanne@example.nl', 'F-2026-100')).id;
		let lastMailOn = '';
		for (let today = '2026-09-01'; today <= '2026-11-30' && !proposedOn; today = addDay(today, 1)) {
			const before = mailsTo('sanne@example.nl').length;
			const proposed = await day(today);
			if (mailsTo('sanne@example.nl').length > before) lastMailOn = today;
			if (proposed) proposedOn = today;
			expect(proposed).toBeLessThanOrEqual(1);
		}
		expect(lastMailOn, 'the journey sent its last step').not.toBe('');
		expect(proposedOn).toBe(addDay(lastMailOn, 14));
		// Nothing is handed over by itself: a person decides.
		const [h] = await database.db.select().from(handovers).where(eq(handovers.debtorId, debtorId));
		expect(h).toMatchObject({ status: 'proposed', proposedBy: 'journey', reason: 'journey_ended' });
		handoverId = h.id;
		expect(await day(addDay(proposedOn, 1))).toBe(0);
		expect((await handover.waiting(database.db, m.scope)).map((w) => w.debtorId)).toEqual([debtorId]);
	});

	it('another merchant can neither see, confirm nor download it', async () => {
		const other = await shop('Andere Winkel');
		expect(await handover.waiting(database.db, other.scope)).toEqual([]);
		expect(await handover.confirm(database.db, other.scope, handoverId)).toEqual({ ok: false, why: 'not_found' });
		expect(await handover.evidence(database.db, other.scope, handoverId)).toBeUndefined();
	});

	it('once confirmed, no reminder goes out any more and the page names the agency without a way to pay here', async () => {
		const r = await handover.confirm(database.db, m.scope, handoverId, nine(addDay(proposedOn, 2)));
		expect(r).toMatchObject({ ok: true, id: handoverId, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
		expect(await handover.confirm(database.db, m.scope, handoverId)).toEqual({ ok: false, why: 'not_proposed' });
		const before = mailsTo('sanne@example.nl').length;
		for (let n = 3; n < 40; n += 3) await day(addDay(proposedOn, n));
		expect(mailsTo('sanne@example.nl').length).toBe(before);

		const { token } = await links.issue(database.db, debtorId, 30);
		const view = await portal.open(database.db, token, { locale: 'nl' });
		expect(view?.handover).toMatchObject({ agency: 'Incasso Noord', phone: '+31 50 123 4567', payViaCoulant: false });
		expect(view?.planOffer).toBeNull();
		expect(view?.moreTime).toBeNull();
		expect(await handover.mayOnPage(database.db, debtorId)).toEqual({ pay: false, arrange: false });
		const types = (await database.db.select().from(timelineEvents).where(eq(timelineEvents.debtorId, debtorId))).map((e) => e.type);
		expect(types).toEqual(expect.arrayContaining(['handover.proposed', 'claim.handed_over', 'handover.evidence_sealed']));
	});

	it('seals an evidence pack that verifies against the recorded head, with the 14-day letter and every message', async () => {
		const pack = (await handover.evidence(database.db, m.scope, handoverId))!;
		const check = verifyPack(pack.evidence!, pack.head!);
		expect(check).toMatchObject({ ok: true, head: pack.head });
		const files = unzipSync(pack.evidence!);
		expect(Object.keys(files).sort()).toEqual(['evidence.json', 'manifest.json', 'summary.pdf']);
		const evidence = JSON.parse(strFromU8(files['evidence.json']));
		const sent = mailsTo('sanne@example.nl').length;
		const messages = evidence.entries.filter((e: { type: string }) => e.type === 'message');
		expect(messages.length).toBe(sent);
		expect(messages.some((e: { data: { kind: string } }) => e.data.kind === 'fourteen_day')).toBe(true);
		expect(evidence.summary.fourteenDay.termEndsOn).toMatch(/^2026-\d\d-\d\d$/);
		// The invoice, and the statutory collection costs added after the 14-day letter's term (the € 40 minimum).
		expect(evidence.summary.handedOver).toEqual([
			{ reference: 'F-2026-100', openCents: 12_450 },
			{ reference: expect.any(String), openCents: 4_000 }
		]);
		expect(evidence.entries.at(-1)).toMatchObject({ type: 'timeline', data: { type: 'claim.handed_over' } });
		expect(strFromU8(files['summary.pdf'].slice(0, 5))).toBe('%PDF-');
	});

	it('catches a changed message, and a pack rebuilt around a change, with the verify command too', async () => {
		const pack = (await handover.evidence(database.db, m.scope, handoverId))!;
		const files = unzipSync(pack.evidence!);
		const evidence = JSON.parse(strFromU8(files['evidence.json']));
		const i = evidence.entries.findIndex((e: { type: string }) => e.type === 'message');
		evidence.entries[i].data.subject = 'Dit bericht is nooit verstuurd';
		const changed = zipSync({ ...files, 'evidence.json': strToU8(JSON.stringify(evidence)) });
		const caught = verifyPack(changed, pack.head!);
		expect(caught.ok).toBe(false);
		expect(!caught.ok && caught.problems).toEqual(
			expect.arrayContaining([
				{ problem: 'file_changed', detail: 'evidence.json' },
				{ seq: i + 1, problem: 'hash_mismatch' }
			])
		);

		// Rebuilt from scratch with the forged entry: consistent in itself, but not the pack Coulant recorded.
		const forged = chain(
			handoverId,
			evidence.entries.map((e: { type: string; data: unknown }) => ({ type: e.type, data: e.data }))
		);
		const json = strToU8(JSON.stringify({ ...evidence, entries: forged.entries, head: forged.head }));
		const manifest = JSON.parse(strFromU8(files['manifest.json']));
		const { createHash } = await import('node:crypto');
		manifest.head = forged.head;
		manifest.files['evidence.json'] = createHash('sha256').update(json).digest('hex');
		const rebuilt = zipSync({ ...files, 'evidence.json': json, 'manifest.json': strToU8(JSON.stringify(manifest)) });
		expect(verifyPack(rebuilt)).toMatchObject({ ok: true });
		expect(verifyPack(rebuilt, pack.head!)).toMatchObject({ ok: false, problems: [{ problem: 'head_differs' }] });
		expect(verifyPack(strToU8('not a zip'))).toMatchObject({ ok: false, problems: [{ problem: 'not_a_pack' }] });

		const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
		writeFileSync(join(dir, 'good.zip'), pack.evidence!);
		writeFileSync(join(dir, 'bad.zip'), rebuilt);
		const run = (file: string) =>
			promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/evidence-verify.ts', join(dir, file), '--head', pack.head!], {
				cwd: resolve(import.meta.dirname, '../..')
			}).then(
				(r) => ({ code: 0, out: r.stdout }),
				(e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout })
			);
		expect(await run('good.zip')).toMatchObject({ code: 0, out: expect.stringContaining('evidence pack OK') });
		expect(await run('bad.zip')).toMatchObject({ code: 1, out: expect.stringContaining('head_differs') });
	});

	it('is exported through the API with its head, and only to the merchant whose claim it is', async () => {
		const { key } = await keys.create(database.db, { merchantId: m.m.id, userId: m.scope.userId }, 'Boekhouding');
		const ctx = { db: database.db, origin: ORIGIN, ttlDays: 30 };
		const get = (k: string, ref: string) =>
			getEvidence(ctx, new Request(`${ORIGIN}/api/v1/claims/${ref}/evidence`, { headers: { authorization: `Bearer ${k}` } }), ref);
		const res = await get(key, 'F-2026-100');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/zip');
		const zip = new Uint8Array(await res.arrayBuffer());
		expect(verifyPack(zip, res.headers.get('x-evidence-head')!)).toMatchObject({ ok: true });
		const other = await shop('Derde Winkel');
		const otherKey = (await keys.create(database.db, { merchantId: other.m.id, userId: other.scope.userId }, 'x')).key;
		const refused = await get(otherKey, 'F-2026-100');
		expect(refused.status).toBe(404);
		expect(refused.headers.get('content-type')).toContain('application/problem+json');
	});

	it('taken back out of goodwill, the claim is Coulant’s again and the page asks to pay', async () => {
		expect(await handover.takeBack(database.db, m.scope, handoverId, 'Klant belde, wil zelf regelen')).toEqual({
			ok: true,
			id: handoverId
		});
		expect(await handover.takeBack(database.db, m.scope, handoverId, 'nog eens')).toEqual({ ok: false, why: 'not_handed_over' });
		const { token } = await links.issue(database.db, debtorId, 30);
		const view = await portal.open(database.db, token, { locale: 'nl' });
		expect(view?.handover).toBeNull();
		expect(await handover.mayOnPage(database.db, debtorId)).toEqual({ pay: true, arrange: true });
		const [back] = await database.db.select().from(timelineEvents).where(eq(timelineEvents.type, 'claim.taken_back'));
		expect(back).toMatchObject({ debtorId, payload: { reference: 'F-2026-100', reason: 'Klant belde, wil zelf regelen' } });
	});
});

describe('an agent hands over directly', () => {
	it('with a reason, once, and never a debtor with nothing open; a paying agency keeps the pay button', async () => {
		const s = await shop('Fietsenmaker', { payViaCoulant: true });
		const d = await owing(s.m.id, 'jan@example.nl', 'F-9');
		await day('2026-09-01');
		expect(mailsTo('jan@example.nl').length, 'the journey’s first message').toBe(1);
		const r = await handover.handOver(database.db, s.scope, d.id, s.agency.id, 'Klant reageert al maanden niet', nine('2026-09-02'));
		expect(r).toMatchObject({ ok: true });
		// Mid-journey: the reminders, the 14-day letter and the last notice that would have followed never go.
		for (let today = '2026-09-02'; today <= '2026-10-20'; today = addDay(today, 2)) await day(today);
		expect(mailsTo('jan@example.nl').length).toBe(1);
		expect(await handover.handOver(database.db, s.scope, d.id, s.agency.id, 'nog eens')).toEqual({ ok: false, why: 'already' });
		expect(await handover.mayOnPage(database.db, d.id)).toEqual({ pay: true, arrange: false });
		const paid = await make.debtor(database.db, s.m.id, { name: 'Betaald' });
		expect(await handover.handOver(database.db, s.scope, paid.id, s.agency.id, 'reden')).toEqual({ ok: false, why: 'nothing_open' });
		const other = await shop('Weer een ander');
		expect(await handover.handOver(database.db, other.scope, d.id, s.agency.id, 'reden')).toEqual({ ok: false, why: 'no_agency' });
	});
});

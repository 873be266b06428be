// The video says what the page says, or nothing: each fact that changes a debtor's page (a payment, a plan, a dispute
// opening and closing, a recall, a pause, the merchant's brand or tone) retires the old video at once and asks for a
// new one; a burst of changes makes one render; superseded files are deleted on a schedule. No rendering here (the
// queue is registered as a web process, so jobs wait in it): tests/integration/video.test.ts renders for real.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

process.env.VIDEO_VARIANT = 'short';
process.env.VIDEO_QUIET_SECONDS = '20';
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'coulant-video-truth-'));
process.env.MEDIA_DIR = mkdtempSync(join(tmpdir(), 'coulant-media-'));

const { rowsOf } = await import('../../src/lib/server/db/client');
const { claims, debtorVideos, debtors } = await import('../../src/lib/server/db/schema');
const { registerVideoJobs, drain, requestVideo, cleanUpNow, VIDEO_QUEUE } = await import('../../src/lib/server/video/jobs');
const { forPage, media } = await import('../../src/lib/server/video/service');
const state = await import('../../src/lib/server/video/state');
const support = await import('../../src/lib/server/support/actions');
const messages = await import('../../src/lib/server/support/messages');
const settings = await import('../../src/lib/server/merchants/settings');
const { startQueue } = await import('../../src/lib/server/queue');
const { testDatabase } = await import('../helpers/db');
const make = await import('../helpers/fixtures');

type Database = Awaited<ReturnType<typeof testDatabase>>;
let database: Database;
let queue: Awaited<ReturnType<typeof startQueue>>;
const QUIET_MS = 20_000;
const later = (ms = QUIET_MS + 1000) => new Date(Date.now() + ms);

beforeAll(async () => {
	database = await testDatabase();
	queue = await startQueue(database, { supervise: false });
	// As a web process: renders are asked for and wait in the queue, nobody renders them.
	await registerVideoJobs(queue, database.db, () => {}, { work: false });
}, 60_000);
afterAll(async () => {
	await queue?.stop({ graceful: false });
	await database?.close();
});

/** Publishes stand-in files under the name the server computes for the page now, as a finished render would. */
async function publishCurrent(debtorId: string) {
	const { db } = database;
	const found = (await forPage(db, debtorId, 'nl'))!;
	const dir = mkdtempSync(join(tmpdir(), 'coulant-files-'));
	for (const ext of ['png', 'vtt', 'mp4']) {
		writeFileSync(join(dir, ext), `stand-in ${ext}`);
		await media().put(`${found.name}.${ext}`, join(dir, ext));
	}
	const merchantId = (await db.select({ m: debtors.merchantId }).from(debtors).where(eq(debtors.id, debtorId)))[0].m;
	await state.ready(db, { debtorId, merchantId, locale: 'nl' }, { name: found.name, chunk: null });
	expect((await forPage(db, debtorId, 'nl'))!.page.ready?.id).toBe(found.name);
	return found.name;
}

async function queuedRenders(debtorId: string): Promise<number> {
	const rows = rowsOf<{ n: number }>(
		await database.db.execute(
			sql`select count(*)::int as n from pgboss.job where name = ${VIDEO_QUEUE} and state in ('created', 'retry') and data->>'debtorId' = ${debtorId}`
		)
	);
	return rows[0].n;
}

async function videoRow(debtorId: string) {
	const [row] = await database.db
		.select()
		.from(debtorVideos)
		.where(and(eq(debtorVideos.debtorId, debtorId), eq(debtorVideos.locale, 'nl')));
	return row;
}

/** Debtors with the same facts share their video's files (they are named by content): `name` keeps one apart. */
async function situation(name = 'Lotte Jansen') {
	const { db } = database;
	const m = await make.merchant(db, { displayName: 'Fietsenwinkel Waarheid', tone: 'friendly' });
	const d = await make.debtor(db, m.id, { name, locale: 'nl' });
	const a = await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents: 12000, dueOn: '2026-08-01' });
	const b = await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents: 8000, dueOn: '2026-09-01' });
	const agent = await make.user(db, m.id);
	const scope = { merchantId: m.id, userId: agent.id, role: 'owner' as const };
	// The claims arriving marked the debtor; the drain (after the quiet) asks for the first video.
	await drain(db, later());
	return { m, d, a, b, scope };
}

describe('the video follows the page', () => {
	it('says the open, unheld balance the page shows, not what was invoiced', async () => {
		const { db } = database;
		const { d, a } = await situation();
		await db.update(claims).set({ amountPaidCents: 5000 }).where(eq(claims.id, a.id));
		const found = (await forPage(db, d.id, 'nl'))!;
		// 70 + 80 still owed, two invoices, since the first one's date.
		expect(found.props.debtor).toMatchObject({ total: { amountCents: 15000, currency: 'EUR' }, invoices: 2, since: '2026-08-01' });
		expect(found.page.transcript.join(' ').replace(/\s/g, ' ')).toContain('€ 150,00');
	});

	const changes: [string, (s: Awaited<ReturnType<typeof situation>>) => Promise<unknown>, RegExp | null][] = [
		[
			'a payment booked on a claim',
			({ a }) => database.db.update(claims).set({ amountPaidCents: 2000 }).where(eq(claims.id, a.id)),
			/€ 180,00/
		],
		[
			'a claim paid outside Coulant',
			({ scope, d, a }) => support.closeClaim(database.db, scope, d.id, a.id, 'paid_outside', 'bank'),
			/€ 80,00/
		],
		['a recall', ({ scope, d, b }) => support.closeClaim(database.db, scope, d.id, b.id, 'recalled', 'sent by mistake'), /€ 120,00/],
		[
			'a dispute opening',
			({ m, d, a }) =>
				messages.send(
					database.db,
					{ debtorId: d.id, merchantId: m.id },
					{ kind: 'already_paid', claimId: a.id, body: 'Al betaald', attachment: null }
				),
			/€ 80,00/
		],
		['a goodwill pause', ({ scope, d }) => support.pauseCollection(database.db, scope, d.id, 'illness'), null],
		['the merchant’s tone', ({ scope }) => settings.saveTone(database.db, scope, 'formal'), /Geachte Lotte Jansen/],
		[
			'the merchant’s brand colour',
			({ m }) => database.db.execute(sql`update merchants set brand_color = '#7a2e8e' where id = ${m.id}::uuid`),
			/€ 200,00/
		],
		[
			'a plan made',
			({ m, d }) =>
				database.db.execute(sql`insert into plans (merchant_id, debtor_id, status, collection, frequency, terms, total_cents, currency)
					values (${m.id}::uuid, ${d.id}::uuid, 'active', 'pay_by_link', 'monthly', 4, 20000, 'EUR')`),
			null
		]
	];

	for (const [fact, change, says] of changes) {
		it(`after ${fact}, the old video is no longer offered and the new facts stand in until a new one is made`, async () => {
			const { db } = database;
			const s = await situation();
			const old = await publishCurrent(s.d.id);
			await change(s);
			const now = await forPage(db, s.d.id, 'nl');
			if (says) {
				expect(now!.name).not.toBe(old);
				expect(now!.page.ready).toBeNull();
				expect(now!.page.transcript.join(' ').replace(/\s/g, ' ')).toMatch(says);
			} else {
				// Paused, or a plan running: the page asks nothing, so no video at all.
				expect(now).toBeNull();
			}
			// The change was marked by the database itself; once the debtor is quiet the drain acts on it.
			expect(await state.pendingChange(db, s.d.id)).not.toBeNull();
			await drain(db, later());
			expect(await state.pendingChange(db, s.d.id)).toBeNull();
			const row = await videoRow(s.d.id);
			if (says) {
				expect(row).toMatchObject({ state: 'waiting', wanted: now!.name });
				expect(await queuedRenders(s.d.id)).toBe(1);
			} else {
				expect(row).toMatchObject({ state: 'none', wanted: null, published: null });
			}
		});
	}

	it('after a dispute closes, the held claim counts again', async () => {
		const { db } = database;
		const s = await situation('Daan Betwist');
		const sent = await messages.send(
			db,
			{ debtorId: s.d.id, merchantId: s.m.id },
			{ kind: 'disagree', claimId: s.a.id, body: 'Klopt niet', attachment: null }
		);
		if (!sent.ok) throw new Error(sent.problem);
		const held = await publishCurrent(s.d.id);
		expect((await forPage(db, s.d.id, 'nl'))!.props.debtor!.total.amountCents).toBe(8000);
		await messages.answer(db, s.scope, s.d.id, sent.messageId, { outcome: 'resolved', text: 'Opgelost' });
		const now = (await forPage(db, s.d.id, 'nl'))!;
		expect(now.name).not.toBe(held);
		expect(now.page.ready).toBeNull();
		expect(now.props.debtor!.total.amountCents).toBe(20000);
	});

	it('makes one render of the final state for a burst of changes', async () => {
		const { db } = database;
		const s = await situation();
		await publishCurrent(s.d.id);
		const start = Date.now();
		for (const paid of [1000, 2000, 3000]) await db.update(claims).set({ amountPaidCents: paid }).where(eq(claims.id, s.a.id));
		// Within the quiet period nothing is asked for yet.
		expect(await drain(db, new Date(start + 5_000))).toEqual({ debtors: 0, renders: 0 });
		expect(await queuedRenders(s.d.id)).toBe(0);
		expect(await drain(db, later())).toMatchObject({ renders: 1 });
		expect(await queuedRenders(s.d.id)).toBe(1);
		const final = (await forPage(db, s.d.id, 'nl'))!;
		expect(final.props.debtor!.total.amountCents).toBe(17000);
		expect((await videoRow(s.d.id))!.wanted).toBe(final.name);
		// Asking again (the page, the import, the sweep) adds nothing: one job waits per debtor and language.
		await requestVideo(db, s.d.id);
		expect(await queuedRenders(s.d.id)).toBe(1);
	});

	it('settled: no video, and none asked for', async () => {
		const { db } = database;
		const s = await situation();
		await publishCurrent(s.d.id);
		await support.closeClaim(db, s.scope, s.d.id, s.a.id, 'paid_outside', 'bank');
		await support.closeClaim(db, s.scope, s.d.id, s.b.id, 'paid_outside', 'bank');
		expect(await forPage(db, s.d.id, 'nl')).toBeNull();
		await drain(db, later());
		expect(await videoRow(s.d.id)).toMatchObject({ state: 'none' });
		expect(await requestVideo(db, s.d.id)).toBe(false);
	});
});

describe('the disk', () => {
	it('keeps live files, keeps retired ones for a while, then deletes them; counts what is ready, waiting and failed', async () => {
		const { db } = database;
		const s = await situation('Ilse Opruimer');
		const old = await publishCurrent(s.d.id);
		await db.update(claims).set({ amountPaidCents: 4000 }).where(eq(claims.id, s.a.id));
		const current = await publishCurrent(s.d.id);
		const names = async () => new Set((await media().list()).map((f) => f.name.slice(0, 40)));
		// Just retired: a page opened before the payment may still be playing it.
		await cleanUpNow(db);
		expect((await names()).has(old)).toBe(true);
		// Past the keep time (6 hours by default): gone; the live one stays.
		const cleaned = await cleanUpNow(db, Date.now() + 7 * 3_600_000);
		expect(cleaned.removed).toBeGreaterThanOrEqual(3);
		expect((await names()).has(old)).toBe(false);
		expect((await names()).has(current)).toBe(true);

		const status = await state.statusOf(db, s.m.id);
		expect(status).toMatchObject({ ready: 1, waiting: 0, failed: 0 });
		const other = await make.merchant(db, { displayName: 'Ander' });
		expect(await state.statusOf(db, other.id)).toMatchObject({ ready: 0, waiting: 0, failed: 0 });
	});
});

// Media and attachments in S3-compatible object storage (an S3 server in-process, s3rver): new attachments go to the
// bucket, older ones in the database stay readable and move there by the job, erasure deletes the bytes, and the
// media clean-up keeps a retired file its keep time although object storage cannot change an object's time.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const s3 = new S3rver({
	port: 0,
	address: '127.0.0.1',
	silent: true,
	directory: mkdtempSync(join(tmpdir(), 'coulant-s3-')),
	configureBuckets: [{ name: 'coulant-it', configs: [] }]
});
const { port } = await s3.run();
process.env.S3_ENDPOINT = `http://127.0.0.1:${port}`;
process.env.S3_BUCKET = 'coulant-it';
process.env.S3_ACCESS_KEY_ID = 'S3RVER';
process.env.S3_SECRET_ACCESS_KEY = 'S3RVER';
process.env.S3_PREFIX = 'it/';
process.env.DATA_DIR = mkdtempSync(join(tmpdir(), 'coulant-object-storage-'));

const { messageAttachments } = await import('../../src/lib/server/db/schema');
const messages = await import('../../src/lib/server/support/messages');
const files = await import('../../src/lib/server/support/attachment-files');
const q = await import('../../src/lib/server/support/queries');
const { cleanUp } = await import('../../src/lib/server/video/cleanup');
const { deleteVideo, media } = await import('../../src/lib/server/video/service');
const { config } = await import('../../src/lib/server/config');
const { s3Objects } = await import('../../src/lib/server/storage/s3');
const { bytesOf } = await import('../../src/lib/server/storage');
const { testDatabase } = await import('../helpers/db');
const make = await import('../helpers/fixtures');

let database: Awaited<ReturnType<typeof testDatabase>>;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
	await s3.close();
});

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** The bucket as an operator sees it, apart from the app's own store objects. */
const bucket = () => s3Objects({ ...config().s3!, prefix: '' }, '');
const bytes = async (body: Uint8Array | ReadableStream<Uint8Array>) =>
	body instanceof Uint8Array ? Buffer.from(body) : Buffer.from(await new Response(body).arrayBuffer());

async function debtorWithMessage(file: boolean) {
	const db = database.db;
	const m = await make.merchant(db);
	const d = await make.debtor(db, m.id);
	const attachment = file
		? { fileName: 'afschrift.pdf', contentType: 'application/pdf' as const, sizeBytes: PDF.length, sha256: 'x', content: PDF }
		: null;
	const sent = await messages.send(
		db,
		{ debtorId: d.id, merchantId: m.id },
		{ kind: 'question', claimId: null, body: 'Zie bijlage', attachment }
	);
	if (!sent.ok) throw new Error(sent.problem);
	return { m, d, messageId: sent.messageId };
}

describe('attachments with object storage configured', () => {
	it('go to the bucket, not the database, and read back only for their own merchant', async () => {
		const db = database.db;
		const { m, d, messageId } = await debtorWithMessage(true);
		const [row] = await db.select().from(messageAttachments).where(eq(messageAttachments.messageId, messageId));
		expect(row.content).toBeNull();
		expect(row.storageKey).toBe(`${m.id}/${row.id}`);
		expect(Buffer.from((await bytesOf(bucket(), `it/attachments/${m.id}/${row.id}`))!).equals(Buffer.from(PDF))).toBe(true);

		const file = await messages.attachment(db, m.id, d.id, row.id);
		expect(file).toMatchObject({ fileName: 'afschrift.pdf', contentType: 'application/pdf' });
		expect((await bytes(file!.body)).equals(Buffer.from(PDF))).toBe(true);
		const stranger = await make.merchant(db);
		expect(await messages.attachment(db, stranger.id, d.id, row.id)).toBeUndefined();
	});

	it('sent before (in the database) stay readable, move to the bucket by the job, and erasure deletes the bytes', async () => {
		const db = database.db;
		const { m, d, messageId } = await debtorWithMessage(false);
		// As an attachment from before object storage: its bytes in the row.
		const id = crypto.randomUUID();
		await q.insertAttachment(db, {
			id,
			merchantId: m.id,
			messageId,
			fileName: 'oud.pdf',
			contentType: 'application/pdf',
			sizeBytes: PDF.length,
			sha256: 'x',
			content: PDF
		});
		expect((await bytes((await messages.attachment(db, m.id, d.id, id))!.body)).equals(Buffer.from(PDF))).toBe(true);

		expect(await files.moveToStorage(db)).toBeGreaterThanOrEqual(1);
		const [moved] = await db.select().from(messageAttachments).where(eq(messageAttachments.id, id));
		expect(moved).toMatchObject({ content: null, storageKey: `${m.id}/${id}` });
		expect((await bytes((await messages.attachment(db, m.id, d.id, id))!.body)).equals(Buffer.from(PDF))).toBe(true);
		expect(await files.moveToStorage(db)).toBe(0);

		expect(await files.erase(db, id)).toBe(true);
		expect(await bucket().head(`it/attachments/${m.id}/${id}`)).toBeNull();
		expect(await messages.attachment(db, m.id, d.id, id)).toBeUndefined();
		const [erased] = await db.select().from(messageAttachments).where(eq(messageAttachments.id, id));
		expect(erased).toMatchObject({ fileName: 'oud.pdf', content: null, storageKey: null });
		expect(await files.erase(db, id)).toBe(true);
		expect(await files.erase(db, crypto.randomUUID())).toBe(false);
	});
});

describe('media in the bucket', () => {
	it('are served by range, kept their keep time after retirement, deleted after it, and erased by name', async () => {
		const store = media();
		const src = join(mkdtempSync(join(tmpdir(), 'coulant-media-src-')), 'v.mp4');
		writeFileSync(src, '0123456789');
		const [retired, stale, erased] = ['1', '2', '3'].map((c) => c.repeat(40));
		for (const name of [retired, stale, erased]) {
			await store.put(`${name}.mp4`, src);
			await store.put(`${name}.png`, src);
			await store.put(`${name}.vtt`, src);
		}
		expect(await store.size(`${stale}.mp4`)).toBe(10);
		expect(await new Response(await store.read(`${stale}.mp4`, { start: 3, end: 5 })).text()).toBe('345');
		expect(await bucket().head(`it/media/${stale}.mp4`)).toMatchObject({ bytes: 10 });

		const hour = 3_600_000;
		// Two hours on: `retired` was retired (touched) half an hour ago, `stale` was never touched since it was written.
		const now = Date.now() + 2 * hour;
		for (const ext of ['mp4', 'png', 'vtt']) await store.touch(`${retired}.${ext}`, new Date(now - hour / 2));
		const out = await cleanUp(database.db, { store, cacheDir: config().videoCacheDir, keepMs: hour, now });
		expect(out.removed).toBe(6);
		expect(await store.size(`${retired}.mp4`)).toBe(10);
		expect(await store.size(`${stale}.mp4`)).toBeNull();
		expect(await store.size(`${stale}.png`)).toBeNull();

		await deleteVideo(erased);
		expect((await store.list()).map((f) => f.name).sort()).toEqual([`${retired}.mp4`, `${retired}.png`, `${retired}.vtt`]);
	});
});

// Where an attachment's bytes live: in object storage when it is configured (every new one then, and old ones as the
// move job gets to them), otherwise in the database row, as on a single machine. Readers take either.
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { messageAttachments } from '../db/schema';
import { storeOf, type ObjectStore } from '../storage';

/** The attachments area of object storage, or null: the bytes stay in the database. */
const objects = (): ObjectStore | null => storeOf('attachments');

/** Merchant first, so a merchant's files are one prefix (for an operator's export or erasure). Both are uuids. */
const keyOf = (merchantId: string, attachmentId: string) => `${merchantId}/${attachmentId}`;

export type Stored = { content: Uint8Array | null; storageKey: string | null };

/** Stores a new attachment's bytes; returns what its row keeps. Called before the row is written. */
export async function save(merchantId: string, attachmentId: string, bytes: Uint8Array, contentType: string): Promise<Stored> {
	const store = objects();
	if (!store) return { content: bytes, storageKey: null };
	const storageKey = keyOf(merchantId, attachmentId);
	await store.put(storageKey, bytes, { contentType });
	return { content: null, storageKey };
}

/** An attachment's bytes from its row: the database's, or a stream from object storage; null when they are gone. */
export async function open(row: Stored): Promise<Uint8Array | ReadableStream<Uint8Array> | null> {
	if (row.content) return row.content;
	if (!row.storageKey) return null;
	const store = objects();
	if (!store) throw new Error('an attachment is in object storage, but S3_BUCKET is not set: configure the bucket it was stored in');
	return store.get(row.storageKey);
}

/**
 * Deletes one attachment's bytes wherever they are (object storage and the row), keeping the row's name, type and
 * size; true when there was an attachment with that id. For erasure: run it before deleting the row itself.
 */
export async function erase(db: Db, attachmentId: string): Promise<boolean> {
	const [row] = await db
		.select({ storageKey: messageAttachments.storageKey })
		.from(messageAttachments)
		.where(eq(messageAttachments.id, attachmentId));
	if (!row) return false;
	if (row.storageKey) {
		const store = objects();
		if (!store) throw new Error('an attachment is in object storage, but S3_BUCKET is not set');
		await store.delete(row.storageKey);
	}
	await db.update(messageAttachments).set({ content: null, storageKey: null }).where(eq(messageAttachments.id, attachmentId));
	return true;
}

/**
 * The move job: attachments still in the database (sent before object storage was configured) go to object storage,
 * `batch` at a time. Idempotent: the same key gets the same bytes, and a row moves only while its bytes are still in
 * it. Returns how many moved; 0 without object storage.
 */
export async function moveToStorage(db: Db, batch = 20): Promise<number> {
	const store = objects();
	if (!store) return 0;
	let moved = 0;
	for (;;) {
		const rows = await db
			.select({
				id: messageAttachments.id,
				merchantId: messageAttachments.merchantId,
				contentType: messageAttachments.contentType,
				content: messageAttachments.content
			})
			.from(messageAttachments)
			.where(and(isNotNull(messageAttachments.content), isNull(messageAttachments.storageKey)))
			.limit(batch);
		for (const r of rows) {
			const storageKey = keyOf(r.merchantId, r.id);
			await store.put(storageKey, r.content!, { contentType: r.contentType });
			const done = await db
				.update(messageAttachments)
				.set({ content: null, storageKey })
				.where(and(eq(messageAttachments.id, r.id), isNotNull(messageAttachments.content)))
				.returning({ id: messageAttachments.id });
			moved += done.length;
		}
		if (rows.length < batch) return moved;
	}
}

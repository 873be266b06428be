// The one interface for stored files (rendered media, attachments): a local folder or S3-compatible object storage.
/** What is put: bytes in memory, or a finished file on this machine's disk (streamed, never read whole). */
export type Body = Uint8Array | { path: string };

export type Stat = { bytes: number; modifiedMs: number };
export type Listed = Stat & { key: string };

export type ObjectStore = {
	readonly kind: 'local' | 's3';
	/** Publishes a whole object at once: a reader sees the old one, none, or the whole new one, never a part. */
	put(key: string, body: Body, options?: { contentType?: string }): Promise<void>;
	/** Its size and when it was last written or touched; null when there is no such object. */
	head(key: string): Promise<Stat | null>;
	/** The bytes from `start` to `end` inclusive (all without a range); null when there is no such object. */
	get(key: string, range?: { start: number; end: number }): Promise<ReadableStream<Uint8Array> | null>;
	/** Deletes the object; deleting one that is not there is fine (erasure may run twice). */
	delete(key: string): Promise<void>;
	/**
	 * Every object under `prefix`, keys relative to the store. `modifiedMs` may be older than head's after a touch
	 * (object storage lists the write time), so confirm with head before acting on it. Local folders also list the
	 * hidden `.….part` files a killed put left behind, so a clean-up can delete them.
	 */
	list(prefix?: string): Promise<Listed[]>;
	/** Sets the object's modified time (a clean-up keeps it a while after this); an absent object is left absent. */
	touch(key: string, at?: Date): Promise<void>;
};

// Keys are ours, never a user's: folders and names of letters, digits, '.', '_' and '-', none starting with a dot
// (so no '..', no hidden files).
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** A partial file a killed local put left behind: `.<name>.<12 hex>.part`. */
export const PARTIAL = /^\.[A-Za-z0-9][A-Za-z0-9._-]*\.[0-9a-f]{12}\.part$/;

/** The key itself when it is one of ours; `partial` also accepts a leftover partial file's name (to delete it). */
export function checkedKey(key: string, options: { partial?: boolean } = {}): string {
	const folders = key.split('/');
	const name = folders.pop()!;
	const ok = folders.every((f) => SEGMENT.test(f)) && (SEGMENT.test(name) || (!!options.partial && PARTIAL.test(name)));
	if (!ok) throw new Error(`Not a storage key: ${key}`);
	return key;
}

/** Reads a small object whole (an attachment of a few MB); null when it is not there. */
export async function bytesOf(store: ObjectStore, key: string): Promise<Uint8Array | null> {
	const stream = await store.get(key);
	return stream ? new Uint8Array(await new Response(stream).arrayBuffer()) : null;
}

// Rendered media (videos, posters, captions) in the storage module's media area: MEDIA_DIR, or object storage.
import { localObjects } from '../storage/local';
import type { ObjectStore } from '../storage/store';

/** Media names are content hashes plus a type; nothing else is ever stored or served (no listing, no paths). */
export const MEDIA_NAME = /^[0-9a-f]{40}\.(mp4|png|vtt)$/;

/** A partial file left by a local publish that was killed half-way (object storage never shows one). */
export const PARTIAL_NAME = /^\.[0-9a-f]{40}\.(mp4|png|vtt)\.[0-9a-f]{12}\.part$/;

export const MEDIA_TYPES: Record<string, string> = { mp4: 'video/mp4', png: 'image/png', vtt: 'text/vtt; charset=utf-8' };

export type MediaStore = {
	/** Size in bytes, or null when there is no such file. */
	size(name: string): Promise<number | null>;
	/** The bytes from `start` to `end` inclusive; null when the file went away meanwhile. */
	read(name: string, range: { start: number; end: number }): Promise<ReadableStream<Uint8Array> | null>;
	/** Publishes a finished file under `name` at once: readers never see a half-written file. */
	put(name: string, fromPath: string): Promise<void>;
	/**
	 * Every stored file with its size and last-modified time (media names and leftover partial files), for the
	 * clean-up. A touch may not show here (object storage): `modifiedMs` confirms it before deleting.
	 */
	list(): Promise<{ name: string; bytes: number; modifiedMs: number }[]>;
	/** A media file's modified time with touches, or null when it is gone. */
	modifiedMs(name: string): Promise<number | null>;
	/** Deletes a file (or a leftover partial file); an absent one is fine. */
	delete(name: string): Promise<void>;
	/** Marks a file as retired now: the clean-up keeps it for a while after this, for a page that may still play it. */
	touch(name: string, at?: Date): Promise<void>;
};

function checked(name: string): string {
	if (!MEDIA_NAME.test(name)) throw new Error(`Not a media name: ${name}`);
	return name;
}

export function mediaStore(objects: ObjectStore): MediaStore {
	return {
		async size(name) {
			return MEDIA_NAME.test(name) ? ((await objects.head(name))?.bytes ?? null) : null;
		},
		read(name, range) {
			return objects.get(checked(name), range);
		},
		put(name, fromPath) {
			return objects.put(checked(name), { path: fromPath }, { contentType: MEDIA_TYPES[name.split('.').pop()!] });
		},
		async list() {
			return (await objects.list())
				.filter((o) => MEDIA_NAME.test(o.key) || PARTIAL_NAME.test(o.key))
				.map((o) => ({ name: o.key, bytes: o.bytes, modifiedMs: o.modifiedMs }));
		},
		async modifiedMs(name) {
			return MEDIA_NAME.test(name) ? ((await objects.head(name))?.modifiedMs ?? null) : null;
		},
		async delete(name) {
			if (!MEDIA_NAME.test(name) && !PARTIAL_NAME.test(name)) throw new Error(`Not a media name: ${name}`);
			await objects.delete(name);
		},
		touch(name, at) {
			return objects.touch(checked(name), at);
		}
	};
}

/** Media in a local folder, as `npm start` keeps it. */
export const localStore = (dir: string): MediaStore => mediaStore(localObjects(dir));

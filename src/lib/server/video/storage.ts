// Where rendered media lives: a local folder by default; the same small interface could front object storage.
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';

/** Media names are content hashes plus a type; nothing else is ever stored or served (no listing, no paths). */
export const MEDIA_NAME = /^[0-9a-f]{40}\.(mp4|png|vtt)$/;

export type MediaStore = {
	/** Size in bytes, or null when there is no such file. */
	size(name: string): Promise<number | null>;
	/** The bytes from `start` to `end` inclusive. */
	read(name: string, range: { start: number; end: number }): ReadableStream<Uint8Array>;
	/** Publishes a finished file under `name` at once: readers never see a half-written file. */
	put(name: string, fromPath: string): Promise<void>;
};

function checked(name: string): string {
	if (!MEDIA_NAME.test(name)) throw new Error(`Not a media name: ${name}`);
	return name;
}

export function localStore(dir: string): MediaStore {
	return {
		async size(name) {
			if (!MEDIA_NAME.test(name)) return null;
			try {
				const s = await stat(join(dir, name));
				return s.isFile() ? s.size : null;
			} catch {
				return null;
			}
		},
		read(name, { start, end }) {
			return Readable.toWeb(createReadStream(join(dir, checked(name)), { start, end })) as ReadableStream<Uint8Array>;
		},
		async put(name, fromPath) {
			await mkdir(dir, { recursive: true });
			// Copy beside the target under a hidden name, then rename: atomic on one file system.
			const partial = join(dir, `.${checked(name)}.${randomBytes(6).toString('hex')}.part`);
			try {
				await copyFile(fromPath, partial);
				await rename(partial, join(dir, name));
			} finally {
				await rm(partial, { force: true });
			}
		}
	};
}

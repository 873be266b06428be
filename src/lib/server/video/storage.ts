// Where rendered media lives: a local folder by default; the same small interface could front object storage.
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
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
	/** Every stored file with its size and last-modified time (media names and leftover partial files), for the clean-up. */
	list(): Promise<{ name: string; bytes: number; modifiedMs: number }[]>;
	remove(name: string): Promise<void>;
	/** Marks a file as retired now: the clean-up keeps it for a while after this, for a page that may still play it. */
	touch(name: string, at?: Date): Promise<void>;
};

/** A partial file left by a publish that was killed half-way. */
export const PARTIAL_NAME = /^\.[0-9a-f]{40}\.(mp4|png|vtt)\.[0-9a-f]{12}\.part$/;

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
		},
		async list() {
			const names = await readdir(dir).catch(() => [] as string[]);
			const out: { name: string; bytes: number; modifiedMs: number }[] = [];
			for (const name of names) {
				if (!MEDIA_NAME.test(name) && !PARTIAL_NAME.test(name)) continue;
				const s = await stat(join(dir, name)).catch(() => null);
				if (s?.isFile()) out.push({ name, bytes: s.size, modifiedMs: s.mtimeMs });
			}
			return out;
		},
		async remove(name) {
			if (!MEDIA_NAME.test(name) && !PARTIAL_NAME.test(name)) throw new Error(`Not a media name: ${name}`);
			await rm(join(dir, name), { force: true });
		},
		async touch(name, at = new Date()) {
			await utimes(join(dir, checked(name)), at, at).catch((e: NodeJS.ErrnoException) => {
				if (e.code !== 'ENOENT') throw e;
			});
		}
	};
}

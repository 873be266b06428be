// Objects as files in a local folder: the embedded default for `npm start` and a single machine.
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, utimes, writeFile, copyFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname, join, relative, sep } from 'node:path';
import { Readable } from 'node:stream';
import { checkedKey, PARTIAL, type Listed, type ObjectStore } from './store';

export function localObjects(root: string): ObjectStore {
	const pathOf = (key: string, partial = false) => join(root, checkedKey(key, { partial }));
	const statOf = async (key: string) => {
		const path = pathOf(key);
		try {
			const s = await stat(path);
			return s.isFile() ? s : null;
		} catch {
			return null;
		}
	};
	return {
		kind: 'local',
		async put(key, body) {
			const target = pathOf(key);
			await mkdir(dirname(target), { recursive: true });
			// Written beside the target under a hidden name, then renamed: atomic on one file system.
			const partial = join(dirname(target), `.${target.split(sep).pop()}.${randomBytes(6).toString('hex')}.part`);
			try {
				if (body instanceof Uint8Array) await writeFile(partial, body);
				else await copyFile(body.path, partial);
				await rename(partial, target);
			} finally {
				await rm(partial, { force: true });
			}
		},
		async head(key) {
			const s = await statOf(key);
			return s && { bytes: s.size, modifiedMs: s.mtimeMs };
		},
		async get(key, range) {
			const s = await statOf(key);
			if (!s) return null;
			const stream = createReadStream(pathOf(key), range ? { start: range.start, end: range.end } : {});
			return Readable.toWeb(stream) as ReadableStream<Uint8Array>;
		},
		async delete(key) {
			await rm(pathOf(key, true), { force: true });
		},
		async list(prefix = '') {
			const out: Listed[] = [];
			const entries = await readdir(root, { withFileTypes: true, recursive: true }).catch(() => []);
			for (const e of entries) {
				if (!e.isFile()) continue;
				const key = relative(root, join(e.parentPath, e.name)).split(sep).join('/');
				if (!key.startsWith(prefix)) continue;
				try {
					checkedKey(key, { partial: PARTIAL.test(e.name) });
				} catch {
					continue;
				}
				const s = await stat(join(e.parentPath, e.name)).catch(() => null);
				if (s?.isFile()) out.push({ key, bytes: s.size, modifiedMs: s.mtimeMs });
			}
			return out;
		},
		async touch(key, at = new Date()) {
			await utimes(pathOf(key), at, at).catch((e: NodeJS.ErrnoException) => {
				if (e.code !== 'ENOENT') throw e;
			});
		}
	};
}

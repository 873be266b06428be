// The render cache and the media folder, kept to what can still be asked for: a job on the queue deletes superseded
// videos, posters and captions some hours after they were retired (a page opened before the change may still play
// them), shared chunks no live video was joined from, bundles of other code versions, old stills and dead work.
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/client';
import * as state from './state';
import type { MediaStore } from './storage';
import { PARTIAL_NAME } from './storage';
import { compositionVersion } from './version';

/** A render or a publish that is still going is younger than this; anything older half-made is a leftover. */
const DEAD_AFTER_MS = 3_600_000;
/** The console's stills of looks nobody chose (see preview.ts). */
const STILLS_KEEP_MS = 7 * 86_400_000;

export type Cleanup = { removed: number; freedBytes: number; kept: number; keptBytes: number };

type Options = { store: MediaStore; cacheDir: string; keepMs: number; now?: number; root?: string };

async function entries(dir: string) {
	const names = await readdir(dir).catch(() => [] as string[]);
	const out: { name: string; path: string; modifiedMs: number; bytes: number; isDir: boolean }[] = [];
	for (const name of names) {
		const path = join(dir, name);
		const s = await stat(path).catch(() => null);
		if (s) out.push({ name, path, modifiedMs: s.mtimeMs, bytes: s.isDirectory() ? await treeBytes(path) : s.size, isDir: s.isDirectory() });
	}
	return out;
}

async function treeBytes(dir: string): Promise<number> {
	let n = 0;
	for (const e of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
		if (e.isFile()) n += (await stat(join(e.parentPath, e.name)).catch(() => null))?.size ?? 0;
	}
	return n;
}

/** Deletes what no live page or render can ask for any more; returns what it removed and what it kept. */
export async function cleanUp(db: Db, o: Options): Promise<Cleanup> {
	const now = o.now ?? Date.now();
	const live = await state.liveFiles(db);
	const out: Cleanup = { removed: 0, freedBytes: 0, kept: 0, keptBytes: 0 };
	const drop = (bytes: number) => {
		out.removed++;
		out.freedBytes += bytes;
	};
	const keep = (bytes: number) => {
		out.kept++;
		out.keptBytes += bytes;
	};

	// Media: a live row's files stay; a retired file (touched when it was retired) stays `keepMs` after that.
	for (const f of await o.store.list()) {
		const partial = PARTIAL_NAME.test(f.name);
		let old = now - f.modifiedMs > (partial ? DEAD_AFTER_MS : o.keepMs);
		if (!partial && live.names.has(f.name.slice(0, 40))) keep(f.bytes);
		else {
			// Object storage lists the write time, not a retirement's touch: ask the file itself before deleting.
			if (old && !partial) {
				const touched = await o.store.modifiedMs(f.name);
				if (touched === null) continue;
				old = now - touched > o.keepMs;
			}
			if (old) {
				await o.store.delete(f.name);
				drop(f.bytes);
			} else keep(f.bytes);
		}
	}

	// Shared chunks: used by a live video, or by a render lately (a reuse touches it), or still being written.
	for (const e of await entries(join(o.cacheDir, 'chunks'))) {
		const partial = e.name.includes('.tmp');
		const old = now - e.modifiedMs > (partial ? DEAD_AFTER_MS : o.keepMs);
		if ((!partial && live.chunks.has(e.name)) || !old) keep(e.bytes);
		else {
			await rm(e.path, { recursive: true, force: true });
			drop(e.bytes);
		}
	}

	// Bundles: this code version's stays; another version's once no process has rendered with it for `keepMs`.
	const current = compositionVersion(o.root);
	for (const e of await entries(join(o.cacheDir, 'bundles'))) {
		const partial = e.name.includes('.tmp');
		const old = now - e.modifiedMs > (partial ? DEAD_AFTER_MS : o.keepMs);
		if (e.name === current || !old) keep(e.bytes);
		else {
			await rm(e.path, { recursive: true, force: true });
			drop(e.bytes);
		}
	}

	// Work folders of renders that were killed, and stills of looks tried long ago.
	for (const [dir, keepMs] of [
		[join(o.cacheDir, 'work'), DEAD_AFTER_MS],
		[join(o.cacheDir, 'stills'), STILLS_KEEP_MS]
	] as const) {
		for (const e of await entries(dir)) {
			if (now - e.modifiedMs > keepMs) {
				await rm(e.path, { recursive: true, force: true });
				drop(e.bytes);
			} else keep(e.bytes);
		}
	}
	return out;
}

/** Bytes under the media folder and the render cache: what the console and the benchmark report. */
export async function diskBytes(mediaDir: string, cacheDir: string): Promise<number> {
	return (await treeBytes(mediaDir)) + (await treeBytes(cacheDir));
}

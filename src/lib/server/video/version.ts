// The composition's version: a hash of everything that decides how a frame looks, so a code change re-renders
// and an unchanged one never does.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { VERSION } from 'remotion/version';

/** Encoding settings: part of every name, and pinned so chunks rendered at different times join cleanly. */
export const ENCODING = {
	codec: 'h264',
	crf: 24,
	x264Preset: 'medium',
	pixelFormat: 'yuv420p',
	colorSpace: 'bt709',
	imageFormat: 'jpeg',
	jpegQuality: 90
} as const;

const SOURCES = ['video', 'src/lib/domain', 'src/lib/schemas/video.ts', 'src/lib/schemas/locale.ts'];
const TONE_SUFFIX = /_(friendly|neutral|formal)$/;

/**
 * The message keys the video can say: every string literal in its sources that names a message, with its
 * tone variants. Only these enter the version, so a change to the page's or the console's copy does not
 * re-render every debtor's video.
 */
export function videoMessageKeys(root = process.cwd()): Set<string> {
	return new Set(videoMessages(root).flatMap((m) => m.entries.map(([key]) => key)));
}

function files(root: string, path: string): string[] {
	const full = join(root, path);
	if (!existsSync(full)) return [];
	if (statSync(full).isFile()) return [path];
	return readdirSync(full)
		.filter((f) => !f.endsWith('.spec.ts') && f !== 'node_modules')
		.flatMap((f) => files(root, join(path, f)));
}

/** Per messages file, the entries the video can say, sorted by key. */
function videoMessages(root: string) {
	const literals = new Set<string>();
	for (const f of files(root, 'video')) {
		for (const m of readFileSync(join(root, f), 'utf8').matchAll(/['"`]([a-z][a-z0-9_]*)['"`]/g)) literals.add(m[1]);
	}
	const said = (key: string) => literals.has(key) || literals.has(key.replace(TONE_SUFFIX, ''));
	return files(root, 'messages')
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => {
			const all: Record<string, string> = JSON.parse(readFileSync(join(root, file), 'utf8'));
			return {
				file,
				entries: Object.keys(all)
					.filter(said)
					.sort()
					.map((k) => [k, all[k]] as const)
			};
		});
}

const cache = new Map<string, string>();

export function compositionVersion(root = process.cwd()): string {
	let version = cache.get(root);
	if (!version) {
		if (!existsSync(join(root, 'video', 'index.ts'))) {
			throw new Error(
				`The video composition is missing: expected ${join(root, 'video', 'index.ts')} (run the server from the project folder)`
			);
		}
		const hash = createHash('sha256').update(`remotion ${VERSION}\n${JSON.stringify(ENCODING)}\n`);
		for (const f of SOURCES.flatMap((s) => files(root, s)).sort()) {
			hash.update(`${relative(root, join(root, f))}\n`).update(readFileSync(join(root, f)));
		}
		for (const { file, entries } of videoMessages(root)) hash.update(`${file}\n${JSON.stringify(entries)}\n`);
		version = hash.digest('hex').slice(0, 16);
		cache.set(root, version);
	}
	return version;
}

/** A name for content that depends only on `value` and the composition version: 160 bits, unguessable. */
export function contentName(value: unknown, root?: string): string {
	return createHash('sha256').update(compositionVersion(root)).update(JSON.stringify(value)).digest('hex').slice(0, 40);
}

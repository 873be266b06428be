// Remotion at the edge: bundle the composition once per code version, render a debtor's video from a cached
// shared chunk plus their own chunk, join without re-encoding, and check the result before anyone sees it.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundle } from '@remotion/bundler';
import { combineChunks, getVideoMetadata, openBrowser, renderMedia, renderStill, selectComposition } from '@remotion/renderer';
import type { VideoConfig } from 'remotion';
import { parseVideoProps, type VideoProps } from '../../schemas/video';
import { COMPOSITION_ID, durationInFrames, personalFrames, posterFrame, webVtt } from '../../../../video/script';
import { compositionVersion, contentName, ENCODING } from './version';

type Browser = Awaited<ReturnType<typeof openBrowser>>;

export type RendererOptions = { chromiumPath: string; cacheDir: string; root?: string };

/** What a render produced, in a private folder: publish the files, then remove the folder. */
export type Rendered = { mp4: string; png: string; vtt: string; dir: string; reusedShared: boolean; chunk: string };

/** Tests and the e2e server render a small, short variant; the real video is 720×1280. */
/** How every piece is encoded, pinned, so pieces rendered at different times join cleanly. */
const ENCODED = {
	muted: true,
	concurrency: 1,
	crf: ENCODING.crf,
	x264Preset: ENCODING.x264Preset,
	pixelFormat: ENCODING.pixelFormat,
	colorSpace: ENCODING.colorSpace,
	imageFormat: ENCODING.imageFormat,
	jpegQuality: ENCODING.jpegQuality
} as const;

export const SCALE: Record<VideoProps['variant'], number> = { full: 1, short: 0.5 };

export function checkChromium(path: string): string {
	if (!existsSync(path)) {
		throw new Error(
			`Chromium not found at ${path}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH. ` +
				'Coulant never downloads a browser.'
		);
	}
	return path;
}

const bundles = new Map<string, Promise<string>>();

/** The bundled composition for this code version, built once and kept on disk across restarts and processes. */
export function bundled(cacheDir: string, root = process.cwd()): Promise<string> {
	const version = compositionVersion(root);
	const dir = join(cacheDir, 'bundles', version);
	let pending = bundles.get(dir);
	if (!pending) {
		pending = (async () => {
			if (existsSync(join(dir, 'index.html'))) return dir;
			const tmp = `${dir}.${randomBytes(6).toString('hex')}.tmp`;
			await bundle({ entryPoint: resolve(root, 'video/index.ts'), outDir: tmp, rootDir: root, enableCaching: false });
			await rename(tmp, dir).catch(async (e: NodeJS.ErrnoException) => {
				// Another process finished the same bundle first: theirs is as good as ours.
				if (!existsSync(join(dir, 'index.html'))) throw e;
				await rm(tmp, { recursive: true, force: true });
			});
			return dir;
		})();
		pending.catch(() => bundles.delete(dir));
		bundles.set(dir, pending);
	}
	return pending;
}

/** The file (under cacheDir/chunks) of the shared scenes a video of these props is joined from. */
export function sharedChunkName(props: VideoProps, root?: string): string {
	const shared = { ...props, debtor: null };
	const range: [number, number] = [personalFrames(props.variant), durationInFrames(props.variant) - 1];
	return `${contentName({ kind: 'shared', shared, range }, root)}.ts`;
}

export function createRenderer(options: RendererOptions) {
	const chromium = () => checkChromium(options.chromiumPath);
	let browser: Promise<Browser> | undefined;
	const compositions = new Map<string, Promise<VideoConfig>>();

	const open = () =>
		(browser ??= openBrowser('chrome', { browserExecutable: chromium(), chromeMode: 'chrome-for-testing', logLevel: 'error' }));

	async function composition(serveUrl: string, props: VideoProps): Promise<VideoConfig> {
		// The composition's size and fps are the same for all props of a variant: ask the browser once.
		const key = `${serveUrl}|${props.variant}`;
		let base = compositions.get(key);
		if (!base) {
			base = (async () =>
				selectComposition({
					serveUrl,
					id: COMPOSITION_ID,
					inputProps: props,
					puppeteerInstance: await open(),
					browserExecutable: chromium(),
					chromeMode: 'chrome-for-testing',
					logLevel: 'error'
				}))();
			base.catch(() => compositions.delete(key));
			compositions.set(key, base);
		}
		return { ...(await base), props, durationInFrames: durationInFrames(props.variant) };
	}

	async function common(props: VideoProps) {
		const serveUrl = await bundled(options.cacheDir, options.root);
		return {
			serveUrl,
			composition: await composition(serveUrl, props),
			inputProps: props,
			puppeteerInstance: await open(),
			browserExecutable: chromium(),
			chromeMode: 'chrome-for-testing' as const,
			scale: SCALE[props.variant],
			logLevel: 'error' as const
		};
	}

	async function renderRange(props: VideoProps, frameRange: [number, number], outputLocation: string) {
		await renderMedia({
			...(await common(props)),
			codec: 'h264-ts',
			frameRange,
			outputLocation,
			...ENCODED
		});
	}

	/** The shared scenes, once per (brand, tone, locale, options, version): rendered with no debtor at all. */
	async function sharedChunk(props: VideoProps): Promise<{ path: string; reused: boolean }> {
		const shared = { ...props, debtor: null };
		const range: [number, number] = [personalFrames(props.variant), durationInFrames(props.variant) - 1];
		const path = join(options.cacheDir, 'chunks', sharedChunkName(props, options.root));
		if (existsSync(path)) {
			// Used lately: the clean-up keeps it (see cleanup.ts).
			const now = new Date();
			await utimes(path, now, now).catch(() => {});
			return { path, reused: true };
		}
		await mkdir(join(options.cacheDir, 'chunks'), { recursive: true });
		const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp.ts`;
		try {
			await renderRange(shared, range, tmp);
			await rename(tmp, path);
		} finally {
			await rm(tmp, { force: true });
		}
		return { path, reused: false };
	}

	async function workDir() {
		const dir = join(options.cacheDir, 'work', randomBytes(8).toString('hex'));
		await mkdir(dir, { recursive: true });
		return dir;
	}

	return {
		/** A debtor's video, poster and captions, reusing the merchant's shared chunk. */
		async render(input: unknown): Promise<Rendered> {
			const props = parseVideoProps(input);
			if (!props.debtor) throw new Error('Invalid video props: debtor is required for a debtor video');
			const dir = await workDir();
			try {
				// This process renders with this bundle: the clean-up keeps it while that is so.
				const now = new Date();
				await utimes(await bundled(options.cacheDir, options.root), now, now).catch(() => {});
				const shared = await sharedChunk(props);
				const personal = join(dir, 'personal.ts');
				await renderRange(props, [0, personalFrames(props.variant) - 1], personal);
				const mp4 = join(dir, 'video.mp4');
				const total = durationInFrames(props.variant);
				const base = await common(props);
				await combineChunks({
					outputLocation: mp4,
					videoFiles: [personal, shared.path],
					audioFiles: [],
					codec: 'h264',
					fps: base.composition.fps,
					framesPerChunk: personalFrames(props.variant),
					compositionDurationInFrames: total,
					preferLossless: false,
					logLevel: 'error'
				});
				await assertVideo(mp4, total, base.composition.fps);
				const png = join(dir, 'poster.png');
				await renderStill({ ...base, frame: posterFrame(props.variant), output: png, imageFormat: 'png' });
				const vtt = join(dir, 'captions.vtt');
				await writeFile(vtt, webVtt(props));
				return { mp4, png, vtt, dir, reusedShared: shared.reused, chunk: sharedChunkName(props, options.root) };
			} catch (e) {
				await rm(dir, { recursive: true, force: true });
				throw e;
			}
		},

		/** Removes a render's private folder once its files are published. */
		async discard(out: Rendered) {
			await rm(out.dir, { recursive: true, force: true });
		},

		/** The whole video in one go, without reuse: the baseline the benchmark compares against. */
		async renderWhole(input: unknown, outputLocation: string) {
			const props = parseVideoProps(input);
			await renderMedia({
				...(await common(props)),
				codec: 'h264',
				outputLocation,
				...ENCODED
			});
		},

		/** One frame as PNG, for looking at (the console's preview, and tests); `scale` overrides the variant's. */
		async still(input: unknown, frame: number, output: string, scale?: number, onBrowserLog?: (log: { text: string }) => void) {
			const props = parseVideoProps(input);
			const base = await common(props);
			await renderStill({ ...base, scale: scale ?? base.scale, frame, output, imageFormat: 'png', onBrowserLog });
		},

		async close() {
			const b = browser;
			browser = undefined;
			compositions.clear();
			if (b) await (await b).close({ silent: true });
		}
	};
}

export type Renderer = ReturnType<typeof createRenderer>;

/**
 * combineChunks says nothing when it joins only part of the chunks (e.g. MP4 chunks): check the joined
 * file's duration, codec and colours before it is published.
 */
export async function assertVideo(path: string, frames: number, fps: number) {
	const meta = await getVideoMetadata(path, { logLevel: 'error' });
	const expected = frames / fps;
	if (meta.codec !== 'h264' || meta.durationInSeconds === null || Math.abs(meta.durationInSeconds - expected) > 1.5 / fps) {
		throw new Error(
			`Joined video is wrong: expected h264 of ${expected.toFixed(3)} s (${frames} frames), got ${meta.codec} of ${meta.durationInSeconds} s`
		);
	}
	return meta;
}

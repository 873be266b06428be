// The console's look at the video: one still frame and the script, for the merchant's saved or previewed brand and
// tone, with a sample debtor. Stills are rendered on the job queue (never on the request) and kept on disk under a
// hash of their props, so the same look is rendered once — in the stills area of the storage module, so the web
// process that shows a still need not be the worker that rendered it. Nothing here changes the debtor page.
import { mkdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { HEX_COLOUR } from '../../domain/contrast';
import { TONES, type Tone } from '../../domain/tone';
import { balanceOf } from '../../domain/claim';
import { DEFAULT_POLICY, moreTimeWindow, planOffer, type Policy } from '../../domain/policy';
import { toIsoDay } from '../../domain/schedule';
import { videoStory } from '../../domain/video-story';
import { toLocale, type Locale } from '../../schemas/locale';
import type { VideoProps } from '../../schemas/video';
import { posterFrame, transcript } from '../../../../video/script';
import { config } from '../config';
import type { Db } from '../db/client';
import * as settings from '../merchants/settings';
import type { Scope } from '../accounts/scope';
import type { Queue } from '../queue';
import { logoFor, type DebtorFacts } from './queries';
import type { Renderer } from './renderer';
import { propsFor } from './service';
import { contentName } from './version';
import { bytesOf, storeOf } from '../storage';

export const STILL_QUEUE = 'video.still';

/** The still is shown at phone size in the console: half the video's 720×1280 is plenty. */
const STILL_SCALE = 0.5;
/** Stills of looks nobody chose are cleared after this long. */
const KEEP_MS = 7 * 86_400_000;

/** What the owner is trying out: any of these may be left out (the saved value is used) or be half-typed (ignored). */
export const lookInput = z.object({
	tone: z.enum(TONES).optional().catch(undefined),
	brandColor: z
		.string()
		.regex(HEX_COLOUR)
		.transform((v) => v.toLowerCase())
		.optional()
		.catch(undefined),
	accentColor: z
		.string()
		.regex(HEX_COLOUR)
		.transform((v) => v.toLowerCase())
		.optional()
		.catch(undefined),
	displayName: z.string().trim().min(1).max(80).optional().catch(undefined)
});
export type LookInput = z.infer<typeof lookInput>;

/** Reads a look from query parameters (or a form), keeping only what is valid. */
export function readLook(params: URLSearchParams): LookInput {
	const value = (name: string) => params.get(name) ?? undefined;
	return lookInput.parse({
		tone: value('tone'),
		brandColor: value('brandColor'),
		accentColor: value('accentColor'),
		displayName: value('displayName')
	});
}

/** The sample debtor of the console preview: the same as on the previewed page. */
const SAMPLE = {
	name: 'Sanne de Vries',
	claim: { amountCents: 2495, currency: 'EUR', dueOn: '2026-10-15' },
	today: new Date('2026-10-20T12:00:00Z')
};

type Look = {
	displayName: string;
	brandColor: string;
	accentColor: string;
	tone: Tone;
	policy: Policy | null;
	logo: Uint8Array | null;
	logoType: string | null;
};

/** The video's props for a look and the sample debtor: the same code path as a real debtor's video. */
export function previewProps(look: Look, locale: string, variant: VideoProps['variant']): VideoProps {
	// The sample debtor's page, through the same domain functions as a real page.
	const policy = look.policy ?? DEFAULT_POLICY;
	const today = toIsoDay(SAMPLE.today);
	const balance = balanceOf([
		{ id: 'sample', reference: 'sample', description: '', issuedOn: SAMPLE.claim.dueOn, status: 'open', ...SAMPLE.claim }
	]);
	const story = videoStory({
		balance,
		paused: false,
		plan: null,
		planOffer: planOffer(policy, balance.total, today),
		moreTime: moreTimeWindow(policy, 0, false, today)
	});
	const facts: DebtorFacts = {
		debtorId: 'preview',
		merchantId: 'preview',
		name: SAMPLE.name,
		locale,
		merchantName: look.displayName,
		tone: look.tone,
		brandColor: look.brandColor,
		accentColor: look.accentColor,
		logo: look.logo,
		logoType: look.logoType,
		policy: look.policy,
		story
	};
	try {
		return propsFor(facts, locale, variant)!;
	} catch {
		// A logo the video cannot carry (too large as a data: URL) must not take the preview down: show the wordmark.
		return propsFor({ ...facts, logo: null, logoType: null }, locale, variant)!;
	}
}

/**
 * The merchant's saved look with what the owner is trying out on top; the merchant id comes from the session only.
 * `saved` is the merchant's settings when the caller has read them already (they must be the scope's).
 */
export async function lookOf(db: Db, scope: Scope, input: LookInput, saved?: settings.Settings): Promise<Look> {
	const s = saved ?? (await settings.of(db, scope));
	// The logo's bytes from memory, by its hash: the preview is asked for again every few seconds.
	const logo = s.logoHash ? await logoFor(db, scope.merchantId, s.logoHash, s.logoType) : null;
	return {
		displayName: input.displayName ?? s.displayName,
		brandColor: input.brandColor ?? s.brandColor,
		accentColor: input.accentColor ?? s.accentColor,
		tone: input.tone ?? s.tone,
		policy: s.policy,
		logo,
		logoType: s.logoHash ? s.logoType : null
	};
}

/** The preview's props for a look in a language, with the sample debtor. */
async function lookProps(db: Db, scope: Scope, input: LookInput, locale: string, saved?: settings.Settings): Promise<VideoProps> {
	return previewProps(await lookOf(db, scope, input, saved), toLocale(locale), config().videoVariant);
}

function stillDir() {
	return join(config().videoCacheDir, 'stills');
}

/** The stills: in object storage when configured, else the render cache's folder on this machine. */
const stills = () => storeOf('stills', stillDir())!;

/** A look's still, named by a hash of its props, frame and scale (and the composition version). */
function stillName(props: VideoProps): string {
	const frame = posterFrame(props.variant);
	return `${contentName({ kind: 'still', props, frame, scale: STILL_SCALE })}.png`;
}

/** Where a look's still lives on this machine's disk, without object storage. */
export function stillPath(props: VideoProps): string {
	return join(stillDir(), stillName(props));
}

export type Preview = {
	/** ready: the still is on disk; pending: it is being made; off: this server makes no videos. */
	state: 'ready' | 'pending' | 'off';
	/** What the video says, in the look's tone and the locale, one paragraph per caption. */
	script: string[];
};

let queue: Queue | undefined;

/**
 * The preview of a look; asks the queue for the still when it is not there yet. Never renders on the request.
 * `saved`: the scope's settings, when the caller has read them already.
 */
export async function preview(
	db: Db,
	scope: Scope,
	input: LookInput,
	locale: string,
	saved?: settings.Settings
): Promise<Preview & { props: VideoProps }> {
	const props = await lookProps(db, scope, input, locale, saved);
	const script = transcript(props);
	if (await stills().head(stillName(props))) return { state: 'ready', script, props };
	if (!queue || !config().videoRender) return { state: 'off', script, props };
	// One waiting render per merchant: an owner dragging a colour picker must not queue a render per colour.
	await queue.send(STILL_QUEUE, { merchantId: scope.merchantId, look: input, locale: props.locale } satisfies StillJob, {
		singletonKey: scope.merchantId
	});
	return { state: 'pending', script, props };
}

/** The still's bytes for a look, or null while there is none. */
export async function stillOf(db: Db, scope: Scope, input: LookInput, locale: string): Promise<Uint8Array | null> {
	const props = await lookProps(db, scope, input, locale);
	return bytesOf(stills(), stillName(props));
}

export type StillJob = { merchantId: string; look: LookInput; locale: Locale };

/** Renders one look's still for the job queue (also called directly by tests); true when it made a new file. */
export async function renderStillFor(db: Db, job: StillJob, renderer: Renderer): Promise<boolean> {
	// The job carries a merchant id that the console took from a session: the still is of that merchant only.
	const scope = { merchantId: job.merchantId, userId: 'queue', role: 'owner' } as Scope;
	const props = await lookProps(db, scope, lookInput.parse(job.look), job.locale);
	const name = stillName(props);
	const store = stills();
	if (await store.head(name)) return false;
	// Rendered into this machine's work folder, then published whole.
	const work = join(config().videoCacheDir, 'work');
	await mkdir(work, { recursive: true });
	const tmp = join(work, `still-${randomBytes(6).toString('hex')}.png`);
	try {
		await renderer.still(props, posterFrame(props.variant), tmp, STILL_SCALE);
		await store.put(name, { path: tmp }, { contentType: 'image/png' });
	} finally {
		await rm(tmp, { force: true });
	}
	await forgetOldStills();
	return true;
}

async function forgetOldStills(now = Date.now()) {
	const store = stills();
	for (const o of await store.list()) if (now - o.modifiedMs > KEEP_MS) await store.delete(o.key);
}

/**
 * The still queue, next to the video queue (see jobs.ts). Web-only processes only send; workers render with the
 * renderer the debtor videos use, one still at a time.
 */
export async function registerStillJobs(q: Queue, db: Db, options: { work: boolean; renderer?: () => Renderer; done?: () => void }) {
	await q.createQueue(STILL_QUEUE, { policy: 'short', retryLimit: 1, retryDelay: 5, expireInSeconds: 120 });
	if (options.work && options.renderer) {
		const renderer = options.renderer;
		await q.work<StillJob>(STILL_QUEUE, { batchSize: 1, localConcurrency: 1 }, async ([job]) => {
			try {
				return await renderStillFor(db, job.data, renderer());
			} finally {
				options.done?.();
			}
		});
	}
	queue = q;
}

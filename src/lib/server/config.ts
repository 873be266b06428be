// All configuration, read once from the environment and validated; nothing else reads process.env.
import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z
	.enum(['1', '0', 'true', 'false', 'yes', 'no'])
	.transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// URL' }).optional(),
	DATA_DIR: z.string().min(1).default('.data'),
	MIGRATIONS_DIR: z.string().min(1).default('drizzle'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	ORIGIN: z.url().optional(),
	DEMO: flag.optional(),
	LINK_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
	LINK_GUESS_LIMIT: z.coerce.number().int().min(1).default(20),
	LINK_GUESS_WINDOW_SECONDS: z.coerce.number().int().min(1).default(600),
	MOLLIE_API_KEY: z
		.string()
		.regex(/^(test|live)_\w{20,}$/, 'must be a Mollie API key (test_… or live_…)')
		.optional(),
	MOLLIE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(8000),
	MOLLIE_STANDIN: flag.optional(),
	ROLE: z.enum(['all', 'web', 'worker']).default('all'),
	CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
	VIDEO_RENDER: flag.default(true),
	VIDEO_VARIANT: z.enum(['full', 'short']).default('full'),
	MEDIA_DIR: z.string().min(1).optional(),
	VIDEO_QUIET_SECONDS: z.coerce.number().min(0).max(3600).default(20),
	VIDEO_KEEP_HOURS: z.coerce.number().min(0).max(24 * 30).default(6)
});

export type Config = {
	databaseUrl: string | undefined;
	pgliteDir: string;
	migrationsDir: string;
	origin: string;
	demo: boolean;
	linkTtlDays: number;
	linkGuessLimit: number;
	linkGuessWindowSeconds: number;
	/** Unset: the local Mollie stand-in answers, through the same official client. */
	mollieApiKey: string | undefined;
	mollieTimeoutMs: number;
	/**
	 * The stand-in lets anyone pick a payment's outcome, so it only runs where that is meant: the demo, or
	 * when asked for with MOLLIE_STANDIN=1 (tests, benchmarks). Without it and without a key, start-up fails.
	 */
	mollieStandin: boolean;
	/** all: serve pages and do background work; web: pages only; worker: background work (renders, jobs) only. */
	role: 'all' | 'web' | 'worker';
	/** Debian's chromium for Remotion; never a downloaded browser. */
	chromiumPath: string;
	/** Render personalised videos on the job queue (off: the page shows the transcript only). */
	videoRender: boolean;
	videoVariant: 'full' | 'short';
	/** Rendered media (served under /media) and, beside it, the render cache. */
	mediaDir: string;
	videoCacheDir: string;
	/** A debtor's video is re-rendered once their facts have not changed for this long: a burst makes one render. */
	videoQuietSeconds: number;
	/** Superseded videos (and unused chunks and bundles) are deleted this long after they were retired. */
	videoKeepHours: number;
};

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
	// An empty variable means "not set" (as in `DATABASE_URL= npm start`).
	const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
	const parsed = schema.safeParse(set);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
		throw new Error(`Coulant cannot start, the configuration is invalid:\n${problems}`);
	}
	const c = parsed.data;
	return {
		databaseUrl: c.DATABASE_URL,
		pgliteDir: resolve(c.DATA_DIR, 'pglite'),
		migrationsDir: resolve(c.MIGRATIONS_DIR),
		origin: (c.ORIGIN ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
		// The embedded default is a demo; a real database gets demo data only when asked for.
		demo: c.DEMO ?? !c.DATABASE_URL,
		linkTtlDays: c.LINK_TTL_DAYS,
		linkGuessLimit: c.LINK_GUESS_LIMIT,
		linkGuessWindowSeconds: c.LINK_GUESS_WINDOW_SECONDS,
		mollieApiKey: c.MOLLIE_API_KEY,
		mollieTimeoutMs: c.MOLLIE_TIMEOUT_MS,
		mollieStandin: !c.MOLLIE_API_KEY && (c.MOLLIE_STANDIN ?? c.DEMO ?? !c.DATABASE_URL),
		role: c.ROLE,
		chromiumPath: c.CHROMIUM_PATH,
		videoRender: c.VIDEO_RENDER,
		videoVariant: c.VIDEO_VARIANT,
		mediaDir: resolve(c.MEDIA_DIR ?? resolve(c.DATA_DIR, 'media')),
		videoCacheDir: resolve(c.DATA_DIR, 'video-cache'),
		videoQuietSeconds: c.VIDEO_QUIET_SECONDS,
		videoKeepHours: c.VIDEO_KEEP_HOURS
	};
}

let cached: Config | undefined;

export function config(): Config {
	cached ??= readConfig();
	return cached;
}

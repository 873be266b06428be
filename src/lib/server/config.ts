// All configuration, read once from the environment and validated; nothing else reads process.env.
import { resolve } from 'node:path';
import { z } from 'zod';
import { keyring } from './vault';

const flag = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');

/** "64M", "512K", "1G", "1048576" or "Infinity" to bytes; undefined when it is none of these. */
export function parseSize(value: string): number | undefined {
	if (/^infinity$/i.test(value.trim())) return Infinity;
	const m = /^(\d+)\s*([KMG]?)B?$/i.exec(value.trim());
	if (!m) return undefined;
	return Number(m[1]) * { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
}

const size = z
	.string()
	.transform((v, ctx) => parseSize(v) ?? (ctx.addIssue({ code: 'custom', message: 'must be a size such as 64M, 512K or 1G' }), z.NEVER));

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
	MOLLIE_CLIENT_ID: z
		.string()
		.regex(/^app_\w+$/, 'must be a Mollie Connect client id (app_…)')
		.optional(),
	MOLLIE_CLIENT_SECRET: z.string().min(8).optional(),
	SECRETS_KEY: z.string().optional(),
	SIGNUP: z.enum(['open', 'closed']).default('open'),
	ROLE: z.enum(['all', 'web', 'worker']).default('all'),
	CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
	VIDEO_RENDER: flag.default(true),
	VIDEO_VARIANT: z.enum(['full', 'short']).default('full'),
	MEDIA_DIR: z.string().min(1).optional(),
	S3_ENDPOINT: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
	S3_BUCKET: z
		.string()
		.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3–63 lower-case letters, digits, dots, hyphens)')
		.optional(),
	S3_REGION: z.string().min(1).default('us-east-1'),
	S3_ACCESS_KEY_ID: z.string().min(1).optional(),
	S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
	S3_FORCE_PATH_STYLE: flag.optional(),
	S3_PREFIX: z
		.string()
		.regex(/^([a-z0-9][a-z0-9_-]*\/)*$/, 'must be empty or folders ending in / (such as coulant/)')
		.default(''),
	VIDEO_QUIET_SECONDS: z.coerce.number().min(0).max(3600).default(20),
	VIDEO_KEEP_HOURS: z.coerce
		.number()
		.min(0)
		.max(24 * 30)
		.default(6),
	SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
	MAIL_FROM: z.email({ error: 'must be an e-mail address' }).optional(),
	CM_PRODUCT_TOKEN: z.uuid({ error: "must be a CM.com product token (a UUID from CM's Channels app)" }).optional(),
	CM_API_URL: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).default('https://gw.cmtelecom.com'),
	SMS_STANDIN: flag.optional(),
	IMPORT_BODY_LIMIT: size.default(64 * 1024 * 1024),
	VAPID_PUBLIC_KEY: z
		.string()
		.regex(/^[A-Za-z0-9_-]{87}$/, 'must be a VAPID public key (base64url, 65 bytes), e.g. from `npx web-push generate-vapid-keys`')
		.optional(),
	VAPID_PRIVATE_KEY: z
		.string()
		.regex(/^[A-Za-z0-9_-]{43}$/, 'must be a VAPID private key (base64url, 32 bytes)')
		.optional(),
	VAPID_SUBJECT: z
		.string()
		.regex(/^(mailto:|https:\/\/)/, 'must be a mailto: or https:// URL where the push services can reach you')
		.optional(),
	PUSH_ALLOW_LOOPBACK: flag.optional(),
	WEBHOOKS_ALLOW_LOOPBACK: flag.optional()
});

/**
 * The local stand-in's made-up address and key (see mollie-standin/install.ts): the official client's requests to
 * it are answered inside the process and never leave it.
 */
export const MOLLIE_STANDIN = { apiKey: 'test_standinstandinstandinstandin00', apiEndpoint: 'https://api.mollie.test/v2/' } as const;

/** Where the official Mollie client sends its requests: no endpoint means Mollie itself. */
export type MollieConnection = { apiKey: string; apiEndpoint?: string };

/** The stand-in's OAuth app: its authorize page is served by the app itself, its token endpoint inside the process. */
export const MOLLIE_STANDIN_APP = { clientId: 'app_standin', clientSecret: 'standin-secret' } as const;

/** Mollie Connect (OAuth 2.0): the app's credentials and where Mollie (or the stand-in) authorizes and hands out tokens. */
export type MollieConnect = { clientId: string; clientSecret: string; authorizeUrl: string; tokenUrl: string; apiEndpoint?: string };

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
	/** Mollie with the key, or without one the stand-in's address (whether the stand-in runs is start-up's choice). */
	mollie: MollieConnection;
	mollieTimeoutMs: number;
	/** Mollie Connect for merchants' own accounts; null when neither an OAuth app nor the stand-in is configured. */
	mollieConnect: MollieConnect | null;
	/** SECRETS_KEY (a comma-separated list, the first seals); unset, a key kept in `secretsKeyFile` (see vault.ts). */
	secretsKey: string | undefined;
	secretsKeyFile: string;
	/** Whether anyone may sign up as a merchant, or only those with an operator's invite. */
	signup: 'open' | 'closed';
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
	/**
	 * Object storage for media and attachments when set (S3-compatible: S3, MinIO, Garage, Ceph, R2); null: media on
	 * the local disk (mediaDir) and attachments in the database, as a single machine needs.
	 */
	s3: S3Config | null;
	/** A debtor's video is re-rendered once their facts have not changed for this long: a burst makes one render. */
	videoQuietSeconds: number;
	/** Superseded videos (and unused chunks and bundles) are deleted this long after they were retired. */
	videoKeepHours: number;
	/** Where e-mail goes: SMTP, the demo's local outbox (never the internet), or nowhere (journeys refused). */
	mail: { transport: 'smtp'; smtpUrl: string; from: string } | { transport: 'local'; from: string } | { transport: 'none'; from: string };
	/** The largest CSV upload, in bytes; every other route keeps a small limit (bodylimit.ts). */
	importBodyLimit: number;
	/**
	 * Text messages: CM.com with a product token; without one, the local CM stand-in (the demo, tests, or asked for
	 * with SMS_STANDIN=1) — or none, and steps that would go by SMS go by the next channel.
	 */
	sms: { provider: 'cm'; productToken: string; baseUrl: string } | { provider: 'standin' } | { provider: 'none' };
	/**
	 * Web push: the VAPID key pair from the environment, or (null) the one made at first start and kept in the
	 * database; the subject push services may contact; and whether subscriptions to a push service on this machine
	 * are allowed (the tests' local one — never in production, where only the browsers' push services are).
	 */
	push: { vapid: { publicKey: string; privateKey: string } | null; subject: string; allowLoopback: boolean };
	/**
	 * Webhooks out: whether endpoints on this machine's loopback (and plain http) are allowed — for tests and local
	 * receivers only, refused next to a live Mollie key. Private, link-local and other inside addresses never are.
	 */
	webhooks: { allowLoopback: boolean };
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
	const demo = c.DEMO ?? !c.DATABASE_URL;
	if (!c.VAPID_PUBLIC_KEY !== !c.VAPID_PRIVATE_KEY) {
		throw new Error(
			'Coulant cannot start, the configuration is invalid:\n  VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both, or neither (then a key pair is made and kept in the database)'
		);
	}
	if (demo && c.MOLLIE_API_KEY?.startsWith('live_')) {
		// The demo's console owner has a password printed in the README: never next to real money.
		throw new Error(
			'Coulant cannot start, the configuration is invalid:\n  DEMO: the demo cannot run with a live Mollie key (set DEMO=0, or use a test_ key)'
		);
	}
	if (c.WEBHOOKS_ALLOW_LOOPBACK && c.MOLLIE_API_KEY?.startsWith('live_')) {
		// A live key means real merchants: their webhooks must never reach this machine's own services.
		throw new Error(
			'Coulant cannot start, the configuration is invalid:\n  WEBHOOKS_ALLOW_LOOPBACK: not with a live Mollie key (it is for tests and local receivers only)'
		);
	}
	if (!c.MOLLIE_CLIENT_ID !== !c.MOLLIE_CLIENT_SECRET) {
		throw new Error('Coulant cannot start, the configuration is invalid:\n  MOLLIE_CLIENT_ID, MOLLIE_CLIENT_SECRET: set both, or neither');
	}
	if (c.SECRETS_KEY) {
		try {
			keyring(c.SECRETS_KEY);
		} catch (e) {
			throw new Error(`Coulant cannot start, the configuration is invalid:\n  ${(e as Error).message}`, { cause: e });
		}
	}
	const origin = (c.ORIGIN ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
	const mollieStandin = !c.MOLLIE_API_KEY && (c.MOLLIE_STANDIN ?? c.DEMO ?? !c.DATABASE_URL);
	return {
		databaseUrl: c.DATABASE_URL,
		pgliteDir: resolve(c.DATA_DIR, 'pglite'),
		migrationsDir: resolve(c.MIGRATIONS_DIR),
		origin,
		// The embedded default is a demo; a real database gets demo data only when asked for.
		demo,
		linkTtlDays: c.LINK_TTL_DAYS,
		linkGuessLimit: c.LINK_GUESS_LIMIT,
		linkGuessWindowSeconds: c.LINK_GUESS_WINDOW_SECONDS,
		mollieApiKey: c.MOLLIE_API_KEY,
		mollie: c.MOLLIE_API_KEY ? { apiKey: c.MOLLIE_API_KEY } : { ...MOLLIE_STANDIN },
		mollieTimeoutMs: c.MOLLIE_TIMEOUT_MS,
		mollieStandin,
		mollieConnect: c.MOLLIE_CLIENT_ID
			? {
					clientId: c.MOLLIE_CLIENT_ID,
					clientSecret: c.MOLLIE_CLIENT_SECRET!,
					authorizeUrl: 'https://my.mollie.com/oauth2/authorize',
					tokenUrl: 'https://api.mollie.com/oauth2/tokens'
				}
			: mollieStandin
				? {
						...MOLLIE_STANDIN_APP,
						authorizeUrl: `${origin}/standin/mollie/oauth2/authorize`,
						tokenUrl: 'https://api.mollie.test/oauth2/tokens',
						apiEndpoint: MOLLIE_STANDIN.apiEndpoint
					}
				: null,
		secretsKey: c.SECRETS_KEY,
		secretsKeyFile: resolve(c.DATA_DIR, 'secrets.key'),
		signup: c.SIGNUP,
		role: c.ROLE,
		chromiumPath: c.CHROMIUM_PATH,
		videoRender: c.VIDEO_RENDER,
		videoVariant: c.VIDEO_VARIANT,
		mediaDir: resolve(c.MEDIA_DIR ?? resolve(c.DATA_DIR, 'media')),
		s3: s3Of(c),
		videoCacheDir: resolve(c.DATA_DIR, 'video-cache'),
		videoQuietSeconds: c.VIDEO_QUIET_SECONDS,
		videoKeepHours: c.VIDEO_KEEP_HOURS,
		mail: mailOf(c.SMTP_URL, c.MAIL_FROM, c.DEMO ?? !c.DATABASE_URL),
		importBodyLimit: c.IMPORT_BODY_LIMIT,
		sms: c.CM_PRODUCT_TOKEN
			? { provider: 'cm', productToken: c.CM_PRODUCT_TOKEN, baseUrl: c.CM_API_URL.replace(/\/$/, '') }
			: (c.SMS_STANDIN ?? demo)
				? { provider: 'standin' }
				: { provider: 'none' },
		push: {
			vapid: c.VAPID_PUBLIC_KEY && c.VAPID_PRIVATE_KEY ? { publicKey: c.VAPID_PUBLIC_KEY, privateKey: c.VAPID_PRIVATE_KEY } : null,
			subject: c.VAPID_SUBJECT ?? `mailto:${mailOf(c.SMTP_URL, c.MAIL_FROM, demo).from}`,
			allowLoopback: c.PUSH_ALLOW_LOOPBACK ?? false
		},
		webhooks: { allowLoopback: c.WEBHOOKS_ALLOW_LOOPBACK ?? false }
	};
}

export type S3Config = {
	endpoint: string | undefined;
	bucket: string;
	region: string;
	credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
	forcePathStyle: boolean;
	prefix: string;
};

function s3Of(c: z.infer<typeof schema>): S3Config | null {
	const invalid = (why: string) => new Error(`Coulant cannot start, the configuration is invalid:\n  ${why}`);
	if (!c.S3_ACCESS_KEY_ID !== !c.S3_SECRET_ACCESS_KEY) throw invalid('S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both, or neither');
	if (!c.S3_BUCKET) {
		if (c.S3_ENDPOINT || c.S3_ACCESS_KEY_ID) throw invalid('S3_BUCKET: object storage is configured, so name its bucket');
		return null;
	}
	return {
		// Unset: AWS S3 itself, in S3_REGION. The endpoint is the operator's; nothing a user sends picks a URL.
		endpoint: c.S3_ENDPOINT,
		bucket: c.S3_BUCKET,
		region: c.S3_REGION,
		// Unset: the SDK's own chain (environment, instance role).
		credentials: c.S3_ACCESS_KEY_ID ? { accessKeyId: c.S3_ACCESS_KEY_ID, secretAccessKey: c.S3_SECRET_ACCESS_KEY! } : undefined,
		// MinIO, Garage, Ceph and most servers on one host name want path-style URLs; AWS and R2 take either.
		forcePathStyle: c.S3_FORCE_PATH_STYLE ?? !!c.S3_ENDPOINT,
		prefix: c.S3_PREFIX
	};
}

function mailOf(smtpUrl: string | undefined, from: string | undefined, demo: boolean): Config['mail'] {
	const address = from ?? 'berichten@coulant.localhost';
	if (smtpUrl) return { transport: 'smtp', smtpUrl, from: address };
	return demo ? { transport: 'local', from: address } : { transport: 'none', from: address };
}

/** The domain Message-IDs are made under: the sender address's. */
export const mailDomain = (c: Pick<Config, 'mail'>) => c.mail.from.split('@')[1];

let cached: Config | undefined;

export function config(): Config {
	cached ??= readConfig();
	return cached;
}

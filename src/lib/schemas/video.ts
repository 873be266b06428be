// The personalised video's props: what the composition may show, checked before anything is rendered.
import { z } from 'zod';
import { HEX_COLOUR } from '../domain/contrast';
import { TONES } from '../domain/tone';
import { LOCALES } from './locale';

const hex = z.string().regex(HEX_COLOUR, 'must be a #rrggbb colour');
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a yyyy-mm-dd day');
const money = z.object({
	amountCents: z.number().int().nonnegative().max(100_000_000_00),
	currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code')
});

/** `full` is the real video; `short` keeps every scene but lasts 3 s, for tests. */
export const VIDEO_VARIANTS = ['full', 'short'] as const;

/** Everything that is the same for every debtor of a merchant with these options: rendered once, reused. */
export const sharedVideoProps = z.object({
	variant: z.enum(VIDEO_VARIANTS),
	locale: z.enum(LOCALES),
	tone: z.enum(TONES),
	brand: z.object({
		name: z.string().trim().min(1).max(80),
		color: hex,
		accent: hex,
		/** A data: URL (the merchant's logo), or null for a wordmark. */
		logo: z
			.string()
			.regex(/^data:image\/(svg\+xml|png|jpeg|webp);base64,/, 'must be a base64 data: URL of an image')
			// Room for the largest logo the settings accept (1 MB, base64 adds a third) and the data: prefix.
			.max(32 + Math.ceil((1024 * 1024) / 3) * 4)
			.nullable()
	}),
	/** What this merchant's policy offers this debtor; the amounts are personal and live in `debtor`. */
	options: z.object({
		payNow: z.boolean(),
		instalments: z.boolean(),
		moreTimeDays: z.number().int().min(1).max(365).nullable()
	})
});

export const personalVideoProps = z.object({
	/** As the page greets them: the first name, or the full name in the formal tone. */
	name: z.string().trim().min(1).max(120),
	total: money,
	invoices: z.number().int().min(1).max(10_000),
	/** The oldest open claim's due date: "open since". */
	since: isoDay,
	/** "From € Y per month" (planOptions(...).fromMonthly); null when no monthly plan is offered. */
	fromMonthly: money.nullable()
});

export const videoProps = sharedVideoProps.extend({
	/** Null only while rendering the shared scenes, which must not depend on the debtor. */
	debtor: personalVideoProps.nullable()
});

export type SharedVideoProps = z.infer<typeof sharedVideoProps>;
export type PersonalVideoProps = z.infer<typeof personalVideoProps>;
export type VideoProps = z.infer<typeof videoProps>;

/** Parses props and fails with a message that names every problem (Remotion does not check the schema itself). */
export function parseVideoProps(input: unknown): VideoProps {
	const parsed = videoProps.safeParse(input);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(props)'}: ${i.message}`).join('; ');
		throw new Error(`Invalid video props: ${problems}`);
	}
	return parsed.data;
}

/** A watch beacon from the debtor page (static/video-beacons.js), as it goes on the timeline. */
export const videoEvent = z.discriminatedUnion('event', [
	z.object({ event: z.literal('started'), video: z.string().regex(/^[0-9a-f]{40}$/) }).strict(),
	z
		.object({
			event: z.literal('progress'),
			video: z.string().regex(/^[0-9a-f]{40}$/),
			percent: z.union([z.literal(25), z.literal(50), z.literal(75)])
		})
		.strict(),
	z.object({ event: z.literal('completed'), video: z.string().regex(/^[0-9a-f]{40}$/) }).strict(),
	z.object({ event: z.literal('captions'), video: z.string().regex(/^[0-9a-f]{40}$/), language: z.enum(LOCALES) }).strict(),
	// Taps on the controls over the video: a chapter jumped to, a choice made at the options.
	z.object({ event: z.literal('chapter'), video: z.string().regex(/^[0-9a-f]{40}$/), scene: z.enum(['open', 'options']) }).strict(),
	z
		.object({ event: z.literal('choice'), video: z.string().regex(/^[0-9a-f]{40}$/), choice: z.enum(['pay_now', 'plan', 'more_time']) })
		.strict()
]);
export type VideoEvent = z.infer<typeof videoEvent>;

// A merchant's segments as edited in the console: names, rules, and each segment's treatment.
import { z } from 'zod';
import { MAX_RULES, MAX_SEGMENTS, NUMBER_FIELDS, TAG_PATTERN, type Rule } from '../domain/segments';
import { TONES } from '../domain/tone';

// Messages are problem codes; the console turns them into copy (segments/problems.ts next to the page).
export const tagSchema = z.string({ error: 'tag' }).regex(TAG_PATTERN, { error: 'tag' });

const count = z.int({ error: 'number' }).min(0, { error: 'number' });

export const ruleSchema: z.ZodType<Rule> = z.discriminatedUnion('field', [
	z.object({
		field: z.enum(NUMBER_FIELDS),
		op: z.enum(['gte', 'lt']),
		value: count.max(100_000_000, { error: 'number' })
	}),
	z.object({ field: z.literal('firstTimeLate'), value: z.boolean() }),
	z.object({ field: z.literal('tag'), op: z.enum(['has', 'lacks']), value: tagSchema })
]);

export const segmentDraftSchema = z.object({
	/** The stored segment this row edits; absent for a new one. */
	id: z.uuid().optional(),
	name: z.string({ error: 'empty' }).trim().min(1, { error: 'empty' }).max(60, { error: 'long' }),
	rules: z.array(ruleSchema).max(MAX_RULES, { error: 'too_many' }),
	tone: z.enum(TONES).nullable(),
	calm: z.boolean(),
	offerPersonEarly: z.boolean(),
	/** More room than the merchant's policy gives, or less; null keeps the merchant's. */
	maxTerms: z.int({ error: 'terms' }).min(2, { error: 'terms' }).max(60, { error: 'terms' }).nullable(),
	moreTimeDays: z.int({ error: 'days' }).min(1, { error: 'days' }).max(90, { error: 'days' }).nullable()
});
export type SegmentDraft = z.infer<typeof segmentDraftSchema>;

export const segmentsDraftSchema = z.array(segmentDraftSchema).max(MAX_SEGMENTS, { error: `At most ${MAX_SEGMENTS} segments.` });

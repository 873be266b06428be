// A merchant's segments as edited in the console: names, rules, and each segment's treatment.
import { z } from 'zod';
import { MAX_RULES, MAX_SEGMENTS, MAX_TAGS, NUMBER_FIELDS, TAG_PATTERN, type Rule } from '../domain/segments';
import { TONES } from '../domain/tone';

export const tagSchema = z
	.string()
	.regex(TAG_PATTERN, { error: 'Use lowercase letters, digits and dashes, such as business or vip, up to 32 characters.' });

/** Tags given by the import or the API: a few lowercase slugs. */
export const tagsSchema = z.array(tagSchema).max(MAX_TAGS, { error: `At most ${MAX_TAGS} tags per customer.` });

const count = z.int({ error: 'Enter a whole number, 0 or more.' }).min(0, { error: 'Enter a whole number, 0 or more.' });

export const ruleSchema: z.ZodType<Rule> = z.union([
	z.object({
		field: z.enum(NUMBER_FIELDS),
		op: z.enum(['gte', 'lt']),
		value: count.max(100_000_000, { error: 'That number is too large.' })
	}),
	z.object({ field: z.literal('firstTimeLate'), value: z.boolean() }),
	z.object({ field: z.literal('tag'), op: z.enum(['has', 'lacks']), value: tagSchema })
]);

export const segmentDraftSchema = z.object({
	/** The stored segment this row edits; absent for a new one. */
	id: z.uuid().optional(),
	name: z.string().trim().min(1, { error: 'Give the segment a name.' }).max(60, { error: 'Keep the name under 60 characters.' }),
	rules: z.array(ruleSchema).max(MAX_RULES, { error: `At most ${MAX_RULES} conditions per segment.` }),
	tone: z.enum(TONES).nullable(),
	calm: z.boolean(),
	offerPersonEarly: z.boolean(),
	/** More room than the merchant's policy gives, or less; null keeps the merchant's. */
	maxTerms: z.int().min(2, { error: 'Choose 2 to 60 instalments.' }).max(60, { error: 'Choose 2 to 60 instalments.' }).nullable(),
	moreTimeDays: z.int().min(1, { error: 'Choose 1 to 90 days.' }).max(90, { error: 'Choose 1 to 90 days.' }).nullable()
});
export type SegmentDraft = z.infer<typeof segmentDraftSchema>;

export const segmentsDraftSchema = z.array(segmentDraftSchema).max(MAX_SEGMENTS, { error: `At most ${MAX_SEGMENTS} segments.` });

// A merchant's plan and more-time policy as stored and edited; every message says what to change.
import { z } from 'zod';
import type { Policy } from '../domain/policy';
import { FREQUENCIES } from '../domain/schedule';

export const POLICY_LIMITS = {
	minTerms: 2,
	maxTerms: 60,
	maxStartDays: 90,
	maxMoreTimeDays: 90,
	maxPostponements: 5,
	maxMisses: 6
} as const;

// One message per field for every way it can be wrong: a merchant needs the fix, not the rule that broke.
const wholeNumber = (min: number, max: number, message: string) =>
	z.int({ error: message }).min(min, { error: message }).max(max, { error: message });

const cents = (message: string, min = 0) => z.int({ error: message }).min(min, { error: message });

const frequency = z.enum(FREQUENCIES, { error: 'Choose weekly, every two weeks or monthly.' });

const terms = wholeNumber(
	POLICY_LIMITS.minTerms,
	POLICY_LIMITS.maxTerms,
	`Choose a number of instalments from ${POLICY_LIMITS.minTerms} to ${POLICY_LIMITS.maxTerms}; for one later payment, offer more time instead.`
);

export const policySchema = z
	.object({
		offers: z.object({ payNow: z.boolean(), instalments: z.boolean(), moreTime: z.boolean() }),
		instalments: z.object({
			minTerms: terms,
			maxTerms: terms,
			frequencies: z.array(frequency).refine((list) => new Set(list).size === list.length, { error: 'Choose each frequency only once.' }),
			minInstalmentCents: cents('Set a minimum instalment above zero.', 1),
			latestStartDays: wholeNumber(
				0,
				POLICY_LIMITS.maxStartDays,
				`Enter within how many days the first instalment must fall: 0 (today) to ${POLICY_LIMITS.maxStartDays}.`
			),
			minBalanceCents: cents('The smallest balance for a plan cannot be negative.'),
			feeCents: cents('The plan fee cannot be negative; enter 0 for no fee.').default(0),
			brokenAfterMisses: wholeNumber(
				1,
				POLICY_LIMITS.maxMisses,
				`Choose after how many missed instalments a plan is broken: 1 to ${POLICY_LIMITS.maxMisses}.`
			)
		}),
		moreTime: z.object({
			maxDays: wholeNumber(1, POLICY_LIMITS.maxMoreTimeDays, `Offer from 1 to ${POLICY_LIMITS.maxMoreTimeDays} days of extra time.`),
			maxPostponements: wholeNumber(
				1,
				POLICY_LIMITS.maxPostponements,
				`Allow 1 to ${POLICY_LIMITS.maxPostponements} postponements; to allow none, stop offering more time.`
			)
		})
	})
	.superRefine((policy, ctx) => {
		const { offers, instalments: rules } = policy;
		if (!offers.payNow && !offers.instalments && !offers.moreTime) {
			ctx.addIssue({
				code: 'custom',
				path: ['offers', 'payNow'],
				message: 'Offer at least one way to settle: pay now, instalments or more time.'
			});
		}
		// Instalment rules only have to fit together while plans are offered; switching plans off keeps the draft.
		if (!offers.instalments) return;
		if (rules.maxTerms < rules.minTerms) {
			ctx.addIssue({
				code: 'custom',
				path: ['instalments', 'maxTerms'],
				message: `The most instalments cannot be fewer than the fewest (${rules.minTerms}).`
			});
		}
		if (rules.frequencies.length === 0) {
			ctx.addIssue({
				code: 'custom',
				path: ['instalments', 'frequencies'],
				message: 'Choose at least one frequency, or stop offering instalment plans.'
			});
		}
		if (rules.minInstalmentCents > rules.minBalanceCents) {
			ctx.addIssue({
				code: 'custom',
				path: ['instalments', 'minInstalmentCents'],
				message: 'The minimum instalment cannot exceed the smallest balance you allow a plan for.'
			});
		} else if (rules.minInstalmentCents * rules.minTerms > rules.minBalanceCents) {
			// Otherwise a debtor just above the threshold would be offered a plan with no valid choice in it.
			ctx.addIssue({
				code: 'custom',
				path: ['instalments', 'minBalanceCents'],
				message: `The smallest balance for a plan must cover ${rules.minTerms} minimum instalments; raise it or lower the minimum instalment.`
			});
		}
	}) satisfies z.ZodType<Policy>;

/** What a form or the database hands in: the plan fee may be left out (it means no fee). */
export type PolicyInput = z.input<typeof policySchema>;

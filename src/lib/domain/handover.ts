// When a debtor's claims are ready to go to a collection agency: the journey has run its course, its last step is
// some time behind us, and nothing that should hold collection back is running. This only *proposes* a hand-over:
// a person confirms it in the console, because an automated decision with this much effect on someone is not ours
// to take alone (GDPR art. 22).
import type { JourneyClaim, Progress } from './outreach/planner';
import { addDays } from './schedule';

/** Days after the journey's last step before a hand-over is proposed: the last notice's own term. */
export const HANDOVER_AFTER_LAST_STEP_DAYS = 14;

export type HandoverFacts = {
	claims: readonly JourneyClaim[];
	paused: boolean;
	progress: Progress | null;
};

export type HandoverCheck =
	| { due: true; claimIds: string[]; openCents: number }
	| { due: false; why: 'nothing_open' | 'paused' | 'held' | 'journey_not_done' | 'too_soon' };

/** Whether to propose handing over today, and which claims: the open ones nothing holds back. */
export function handoverDue(facts: HandoverFacts, lastStepId: string | undefined, today: string): HandoverCheck {
	const open = facts.claims.filter((c) => c.amountCents > 0);
	if (open.length === 0) return { due: false, why: 'nothing_open' };
	if (facts.paused) return { due: false, why: 'paused' };
	// A dispute, a plan on track or a promise not yet due: the debtor is doing what was asked, or support is looking.
	const held = open.some((c) => c.disputed || c.inPlanOnTrack || (c.promisedUntil !== null && c.promisedUntil >= today));
	if (held) return { due: false, why: 'held' };
	const last = lastStepId && facts.progress?.done.find((d) => d.stepId === lastStepId);
	if (!last) return { due: false, why: 'journey_not_done' };
	if (addDays(last.on, HANDOVER_AFTER_LAST_STEP_DAYS) > today) return { due: false, why: 'too_soon' };
	return { due: true, claimIds: open.map((c) => c.id), openCents: open.reduce((s, c) => s + c.amountCents, 0) };
}

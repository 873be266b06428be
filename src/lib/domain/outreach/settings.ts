// A merchant's outreach as stored: the journey and the rules for reaching debtors, each falling back to the default.
import { checkJourney, DEFAULT_JOURNEY, type Journey, type JourneyIssue } from './journey';
import { checkOutreachPolicy, DEFAULT_OUTREACH_POLICY, type OutreachPolicy } from './notices';
import { checkSendWindow } from './send-window';

export type OutreachSettings = { journey: Journey; policy: OutreachPolicy };

export const DEFAULT_OUTREACH: OutreachSettings = { journey: DEFAULT_JOURNEY, policy: DEFAULT_OUTREACH_POLICY };

/** What is stored, completed with the defaults for whatever is missing (a merchant who never saved, or an older row). */
export function outreachOf(stored: Partial<OutreachSettings> | null | undefined): OutreachSettings {
	const policy = { ...DEFAULT_OUTREACH_POLICY, ...(stored?.policy ?? {}) };
	policy.window = { ...DEFAULT_OUTREACH_POLICY.window, ...(stored?.policy?.window ?? {}) };
	policy.creditor = { ...DEFAULT_OUTREACH_POLICY.creditor, ...(stored?.policy?.creditor ?? {}) };
	policy.costs = { ...DEFAULT_OUTREACH_POLICY.costs, ...(stored?.policy?.costs ?? {}) };
	return { journey: stored?.journey?.steps?.length ? stored.journey : DEFAULT_JOURNEY, policy };
}

export type OutreachIssue = JourneyIssue | { step: null; field: string; problem: string };

/** Everything that keeps these settings from being saved, each on its field. */
export function checkOutreach(s: OutreachSettings): OutreachIssue[] {
	const issues: OutreachIssue[] = [...checkJourney(s.journey)];
	for (const p of checkOutreachPolicy(s.policy)) issues.push({ step: null, field: p.field, problem: p.problem });
	const w = checkSendWindow(s.policy.window);
	if (w !== 'ok') issues.push({ step: null, field: w === 'hours' ? 'startHour' : 'timeZone', problem: w });
	return issues;
}

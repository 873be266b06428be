// Segments: ordered rules over what Coulant knows of a debtor; the first segment that matches wins, the last takes everyone.
import type { Journey } from './outreach/journey';
import type { Policy } from './policy';
import type { Tone } from './tone';

/** What a segment's rules can look at, per debtor, as of today. */
export type DebtorFacts = {
	/** What is still open, in cents. */
	balanceCents: number;
	/** Days the oldest open claim is past its due date (0 when nothing is overdue). */
	daysOverdue: number;
	openClaims: number;
	/** Nothing of this debtor was ever settled or arranged before: every claim Coulant has is still open, and no plan or promise ever. */
	firstTimeLate: boolean;
	plansBroken: number;
	promisesKept: number;
	disputes: number;
	/** Days since the debtor's oldest invoice: how long they have been a customer, as far as Coulant knows. */
	customerDays: number;
	/** Lowercase slugs from the import or the API, such as `business`, `vulnerable`, `vip`. */
	tags: string[];
};

export const NUMBER_FIELDS = [
	'balanceCents',
	'daysOverdue',
	'openClaims',
	'plansBroken',
	'promisesKept',
	'disputes',
	'customerDays'
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** One condition; a segment matches when all its conditions hold (no conditions: everyone). */
export type Rule =
	| { field: NumberField; op: 'gte' | 'lt'; value: number }
	| { field: 'firstTimeLate'; value: boolean }
	| { field: 'tag'; op: 'has' | 'lacks'; value: string };

/** What assignment needs of a segment: its id and rules, in the merchant's order. */
export type SegmentRules = { id: string; rules: Rule[] };

export const TAG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
export const MAX_TAGS = 8;
export const MAX_SEGMENTS = 20;
export const MAX_RULES = 8;

/** The tag that asks for the calmest path and a person early, whatever segment the debtor is in. */
export const VULNERABLE_TAG = 'vulnerable';

export function matches(rule: Rule, f: DebtorFacts): boolean {
	switch (rule.field) {
		case 'firstTimeLate':
			return f.firstTimeLate === rule.value;
		case 'tag':
			return f.tags.includes(rule.value) === (rule.op === 'has');
		default:
			return rule.op === 'gte' ? f[rule.field] >= rule.value : f[rule.field] < rule.value;
	}
}

/**
 * The segment a debtor is in: the first whose rules all hold; the last catches everyone, whatever its rules say,
 * so no debtor is ever without one. Null only for an empty list (the merchant has no segments).
 */
export function segmentOf<S extends SegmentRules>(segments: readonly S[], facts: DebtorFacts): S | null {
	if (segments.length === 0) return null;
	for (let i = 0; i < segments.length - 1; i++) {
		if (segments[i].rules.every((r) => matches(r, facts))) return segments[i];
	}
	return segments[segments.length - 1];
}

export type SegmentIssue = { index: number; field: string; problem: string };

/** Everything that keeps a list of segments from being saved, each on its segment and field. */
export function checkSegments(list: readonly { name: string; rules: Rule[] }[]): SegmentIssue[] {
	const issues: SegmentIssue[] = [];
	if (list.length > MAX_SEGMENTS) issues.push({ index: MAX_SEGMENTS, field: 'name', problem: 'too_many' });
	const names = new Set<string>();
	list.forEach((s, index) => {
		const name = s.name.trim().toLowerCase();
		if (!name) issues.push({ index, field: 'name', problem: 'empty' });
		else if (names.has(name)) issues.push({ index, field: 'name', problem: 'duplicate' });
		names.add(name);
		if (s.rules.length > MAX_RULES) issues.push({ index, field: 'rules', problem: 'too_many' });
		// The last one takes everyone: rules there would only mislead whoever reads them.
		if (index === list.length - 1 && s.rules.length > 0) issues.push({ index, field: 'rules', problem: 'last_has_rules' });
	});
	return issues;
}

export type Member = { debtorId: string; balanceCents: number; facts: DebtorFacts; current: string | null };
export type Move = { debtorId: string; from: string | null; to: string };
export type Simulation = {
	/** Per segment, in order: how many debtors and how much is open in it. */
	counts: { id: string; debtors: number; balanceCents: number }[];
	/** Debtors whose segment would change, with where they are now and where they would go. */
	moves: Move[];
};

/**
 * What a set of segments would do today: who lands where and who moves. `current` is the segment a debtor is in now
 * (null: none yet); a segment that is new in the form has an id that no debtor has yet, so all its members "move".
 */
export function simulate(segments: readonly SegmentRules[], members: readonly Member[]): Simulation {
	const counts = segments.map((s) => ({ id: s.id, debtors: 0, balanceCents: 0 }));
	const index = new Map(segments.map((s, i) => [s.id, i]));
	const moves: Move[] = [];
	for (const m of members) {
		const to = segmentOf(segments, m.facts);
		if (!to) continue;
		const c = counts[index.get(to.id)!];
		c.debtors++;
		c.balanceCents += m.balanceCents;
		if (m.current !== to.id) moves.push({ debtorId: m.debtorId, from: m.current, to: to.id });
	}
	return { counts, moves };
}

/** Tags as given (a cell "Business, VIP" or a list): trimmed, lowercased, without doubles, in their order. */
export function normaliseTags(given: string | readonly string[] | null | undefined): string[] {
	const list = typeof given === 'string' ? given.split(/[,;|]/) : (given ?? []);
	return [...new Set(list.map((t) => t.trim().toLowerCase()).filter(Boolean))];
}

/** Why tags cannot be stored, or null when they can. */
export function tagsProblem(tags: readonly string[]): 'too_many' | 'bad_tag' | null {
	if (tags.length > MAX_TAGS) return 'too_many';
	return tags.every((t) => TAG_PATTERN.test(t)) ? null : 'bad_tag';
}

/** How a segment treats its debtors; null fields mean "as the merchant's settings say". */
export type SegmentTreatment = {
	tone: Tone | null;
	journey: Journey | null;
	policy: Policy | null;
	/** The calmest path: every message in the friendly tone, and nothing with a big effect without a person. */
	calm: boolean;
	offerPersonEarly: boolean;
};

export type Treatment = { tone: Tone; journey: Journey; policy: Policy; calm: boolean; offerPersonEarly: boolean };

/**
 * What applies to one debtor: the merchant's settings, with their segment's on top. A debtor tagged `vulnerable`
 * gets the calmest path and is offered a person early, whatever segment they are in.
 */
export function treatmentOf(
	merchant: { tone: Tone; journey: Journey; policy: Policy },
	segment: SegmentTreatment | null,
	tags: readonly string[]
): Treatment {
	const page = pageTreatment(merchant, segment, tags);
	const journey = segment?.journey?.steps.length ? segment.journey : merchant.journey;
	return { ...page, journey: page.calm ? calmJourney(journey) : journey };
}

/** What the debtor's page needs of the treatment: the tone, the plan and more-time policy, a person offered early. */
export function pageTreatment(
	merchant: { tone: Tone; policy: Policy },
	segment: Omit<SegmentTreatment, 'journey'> | null,
	tags: readonly string[]
): Omit<Treatment, 'journey'> {
	const calm = onCalmPath(segment, tags);
	return {
		tone: calm ? 'friendly' : (segment?.tone ?? merchant.tone),
		policy: segment?.policy ?? merchant.policy,
		calm,
		offerPersonEarly: calm || !!segment?.offerPersonEarly
	};
}

/** The calmest path: the segment asks for it, or the debtor is tagged vulnerable. */
export const onCalmPath = (segment: { calm: boolean } | null, tags: readonly string[]) => !!segment?.calm || tags.includes(VULNERABLE_TAG);

/** What the reminders need of the treatment: the tone for steps in "the merchant's" tone, and the journey. */
export function outreachTreatment(
	merchant: { tone: Tone; journey: Journey },
	segment: Pick<SegmentTreatment, 'tone' | 'journey' | 'calm'> | null,
	tags: readonly string[]
): { tone: Tone; journey: Journey; calm: boolean } {
	const calm = onCalmPath(segment, tags);
	const journey = segment?.journey?.steps.length ? segment.journey : merchant.journey;
	return { tone: calm ? 'friendly' : (segment?.tone ?? merchant.tone), journey: calm ? calmJourney(journey) : journey, calm };
}

/** The same steps at the same moments, every one in the friendly tone (the law's content of the 14-day letter stays). */
export function calmJourney(journey: Journey): Journey {
	return { steps: journey.steps.map((s) => ({ ...s, tone: 'friendly' })) };
}

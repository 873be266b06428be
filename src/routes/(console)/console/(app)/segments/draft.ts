// The segment form's state as typed (numbers as text, euros for amounts) and the draft the server checks.
import type { Rule, NumberField } from '$lib/domain/segments';
import type { SegmentDraft } from '$lib/schemas/segments';
import type { Tone } from '$lib/domain/tone';

export type RuleField = NumberField | 'firstTimeLate' | 'tag';
export type FormRule = { field: RuleField; op: string; value: string };
export type FormSegment = {
	id?: string;
	name: string;
	rules: FormRule[];
	tone: Tone | '';
	calm: boolean;
	offerPersonEarly: boolean;
	maxTerms: string;
	moreTimeDays: string;
};

export const FIELDS: RuleField[] = [
	'balanceCents',
	'daysOverdue',
	'openClaims',
	'firstTimeLate',
	'plansBroken',
	'promisesKept',
	'disputes',
	'customerDays',
	'tag'
];

export const opsOf = (field: RuleField): string[] =>
	field === 'tag' ? ['has', 'lacks'] : field === 'firstTimeLate' ? ['is'] : ['gte', 'lt'];

export const newRule = (field: RuleField = 'balanceCents'): FormRule => ({
	field,
	op: opsOf(field)[0],
	value: field === 'firstTimeLate' ? 'true' : ''
});

export const newSegment = (name = ''): FormSegment => ({
	name,
	rules: [],
	tone: '',
	calm: false,
	offerPersonEarly: false,
	maxTerms: '',
	moreTimeDays: ''
});

function formRule(r: Rule): FormRule {
	if (r.field === 'firstTimeLate') return { field: r.field, op: 'is', value: String(r.value) };
	if (r.field === 'balanceCents') return { field: r.field, op: r.op, value: String(r.value / 100).replace('.', ',') };
	return { field: r.field, op: r.op, value: String(r.value) };
}

export const formOf = (list: SegmentDraft[]): FormSegment[] =>
	list.map((s) => ({
		id: s.id,
		name: s.name,
		rules: s.rules.map(formRule),
		tone: s.tone ?? '',
		calm: s.calm,
		offerPersonEarly: s.offerPersonEarly,
		maxTerms: s.maxTerms === null ? '' : String(s.maxTerms),
		moreTimeDays: s.moreTimeDays === null ? '' : String(s.moreTimeDays)
	}));

/** Text as a number when it is one ("12,50" too); otherwise the text itself, for the server to name the problem. */
function numberOr(text: string, scale = 1): number | string {
	const t = text.trim().replace(',', '.');
	if (!/^\d+(\.\d+)?$/.test(t)) return text;
	return Math.round(Number(t) * scale);
}
const optionalNumber = (text: string) => (text.trim() === '' ? null : numberOr(text));

function draftRule(r: FormRule) {
	if (r.field === 'firstTimeLate') return { field: r.field, value: r.value === 'true' };
	if (r.field === 'tag') return { field: r.field, op: r.op, value: r.value.trim().toLowerCase() };
	return { field: r.field, op: r.op, value: numberOr(r.value, r.field === 'balanceCents' ? 100 : 1) };
}

/** What the form sends: one JSON field; the last segment's conditions are dropped, as it takes everyone. */
export function serialise(list: FormSegment[]): string {
	return JSON.stringify(
		list.map((s, i) => ({
			...(s.id ? { id: s.id } : {}),
			name: s.name,
			rules: i === list.length - 1 ? [] : s.rules.map(draftRule),
			tone: s.tone || null,
			calm: s.calm,
			offerPersonEarly: s.offerPersonEarly,
			maxTerms: optionalNumber(s.maxTerms),
			moreTimeDays: optionalNumber(s.moreTimeDays)
		}))
	);
}

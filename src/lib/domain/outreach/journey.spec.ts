import { describe, expect, it } from 'vitest';
import { checkJourney, DEFAULT_JOURNEY, earliestDays, fill, placeholdersOf, type Journey, type Step } from './journey';

const step = (over: Partial<Step>): Step => ({
	id: 's',
	kind: 'reminder',
	after: { days: 3, from: 'due' },
	channel: 'email',
	tone: 'merchant',
	words: {},
	...over
});
const journey = (...steps: Partial<Step>[]): Journey => ({ steps: steps.map((s, i) => step({ id: `s${i}`, ...s })) });
const problems = (j: Journey) => checkJourney(j).map((i) => `${i.step}:${i.field}:${i.problem}`);

describe('checkJourney', () => {
	it('takes the default journey as it is', () => {
		expect(checkJourney(DEFAULT_JOURNEY)).toEqual([]);
		expect(earliestDays(DEFAULT_JOURNEY)).toEqual([0, 3, 10, 17, 35]);
	});

	it('refuses a step that goes before (or on the day of) the one before it', () => {
		expect(problems(journey({ after: { days: 10, from: 'due' } }, { after: { days: 5, from: 'due' } }))).toEqual(['1:days:order']);
		expect(problems(journey({ after: { days: 3, from: 'due' } }, { after: { days: 0, from: 'previous' } }))).toEqual(['1:days:order']);
		expect(problems(journey({ after: { days: 3, from: 'due' } }, { after: { days: 2, from: 'previous' } }))).toEqual([]);
	});

	it('refuses days that are not whole, negative or beyond a year', () => {
		expect(problems(journey({ after: { days: -1, from: 'due' } }))).toEqual(['0:days:days']);
		expect(problems(journey({ after: { days: 1.5, from: 'due' } }))).toEqual(['0:days:days']);
		expect(problems(journey({ after: { days: 400, from: 'due' } }))).toEqual(['0:days:days']);
	});

	it('refuses an empty subject, an unknown variable and a body without the link, on the field', () => {
		const j = journey({
			words: { nl: { subject: '  ', body: 'Hoi {naam}, kijk op {link}' }, en: { subject: 'Hi', body: 'No link here' } }
		});
		expect(problems(j)).toEqual(['0:nl.subject:subject_empty', '0:nl.body:unknown_variable', '0:en.body:body_needs_link']);
		expect(checkJourney(j).find((i) => i.problem === 'unknown_variable')?.detail).toBe('naam');
	});

	it('asks the 14-day letter to name the costs and the end of the term, and allows those variables only there', () => {
		const words = { nl: { subject: 'Laatste herinnering', body: 'Betaal binnen 14 dagen via {link}.' } };
		expect(problems(journey({ kind: 'fourteen_day', words }))).toEqual(['0:nl.body:fourteen_day_needs_costs']);
		const ok = { nl: { subject: 'Aanmaning', body: 'Na {termEnds} komen er {costs} bij. {link}' } };
		expect(problems(journey({ kind: 'fourteen_day', words: ok }))).toEqual([]);
		expect(problems(journey({ kind: 'reminder', words: ok }))).toEqual(['0:nl.body:unknown_variable']);
	});

	it('keeps the last notice until after the 14-day term', () => {
		expect(problems(journey({ kind: 'final_notice', after: { days: 20, from: 'due' } }))).toEqual(['0:kind:final_before_fourteen_day']);
		expect(
			problems(
				journey({ kind: 'fourteen_day', after: { days: 17, from: 'due' } }, { kind: 'final_notice', after: { days: 30, from: 'due' } })
			)
		).toEqual(['1:days:final_too_soon']);
		expect(
			problems(
				journey({ kind: 'fourteen_day', after: { days: 17, from: 'due' } }, { kind: 'final_notice', after: { days: 32, from: 'due' } })
			)
		).toEqual([]);
	});

	it('refuses a second 14-day letter and no steps at all', () => {
		expect(
			problems(
				journey({ kind: 'fourteen_day', after: { days: 1, from: 'due' } }, { kind: 'fourteen_day', after: { days: 30, from: 'due' } })
			)
		).toEqual(['1:kind:fourteen_day_twice']);
		expect(problems({ steps: [] })).toEqual(['null:null:no_steps']);
	});
});

describe('fill', () => {
	it('fills the variables it knows and names what it read', () => {
		expect(fill('Hoi {name}, {amount} staat open', { name: 'Sanne', amount: '€ 24,95' })).toBe('Hoi Sanne, € 24,95 staat open');
		expect(placeholdersOf('{a} en {b}')).toEqual(['a', 'b']);
	});

	it('refuses a 14-day letter that would only go as a text message, and checks the own SMS text of a step', () => {
		expect(problems(journey({ kind: 'fourteen_day', channel: 'sms', after: { days: 17, from: 'due' } }))).toEqual([
			'0:channel:channel_cannot_carry'
		]);
		expect(problems(journey({ kind: 'fourteen_day', channel: 'preferred', after: { days: 17, from: 'due' } }))).toEqual([]);
		const sms = (text: string) => problems(journey({ channel: 'sms', words: { nl: { subject: '', body: '', sms: text } } }));
		// Only a text of their own: the e-mail keeps the standard words, so no subject is asked for.
		expect(sms('Hoi {name}, nog {amount} open: {link}')).toEqual([]);
		expect(sms('Hoi {naam}: {link}')).toEqual(['0:nl.sms:unknown_variable']);
		expect(sms('Hoi {name}, betaal even.')).toEqual(['0:nl.sms:sms_needs_link']);
		expect(sms('x'.repeat(481) + '{link}')).toEqual(['0:nl.sms:sms_long']);
	});
});

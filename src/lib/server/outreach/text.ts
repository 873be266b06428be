// A journey step as a text message: short, in the debtor's language and the step's tone, with the personal link as a
// mark (filled in at sending) and how to stop. Counted in SMS parts; the journey check keeps it within the cap.
import { toned } from '../../copy';
import { fill, type StepKind } from '../../domain/outreach/journey';
import { smsSegments } from '../../domain/outreach/sms-segments';
import type { Tone } from '../../domain/tone';
import type { Locale } from '../../schemas/locale';
import { LINK_MARK, type Mail } from './mail';

export type TextFacts = {
	kind: Exclude<StepKind, 'fourteen_day'>;
	tone: Tone;
	locale: Locale;
	/** name, merchant, amount, count, oldestDue, sender: the same values an e-mail's words use. */
	values: Record<string, string>;
	/** The merchant's own text for this step and language, if any. */
	words?: string;
};

/** The text message, link left as a mark; `subject` is only what the console lists it by. */
export function renderText(facts: TextFacts): Mail {
	const values = { ...facts.values, link: LINK_MARK };
	const body = facts.words?.trim()
		? fill(facts.words.trim(), values)
		: toned(facts.tone, `sms_${facts.kind}`, values as never, facts.locale);
	const stop = toned(facts.tone, 'sms_stop', {}, facts.locale);
	const subject = toned(facts.tone, `mail_${facts.kind}_subject`, values as never, facts.locale);
	return { subject: subject.replace(/\s+/g, ' ').trim(), html: '', text: `${body.replace(/\s+/g, ' ').trim()} ${stop}` };
}

/** The parts a stored text will be sent as, with a link of the real length in place of the mark. */
export function partsOf(text: string, origin: string): number {
	return smsSegments(text.replaceAll(LINK_MARK, `${origin}/d/${'x'.repeat(27)}`)).parts;
}

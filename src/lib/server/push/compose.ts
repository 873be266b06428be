// A notice as a push message: a title and one or two lines in the debtor's language and the merchant's tone. It shows
// on a lock screen, so it names no amount and no account — only what is due and from whom; the page it opens says
// the rest, behind the link (and the merchant's privacy check).
import { toned } from '../../copy';
import { formatDay } from '../../domain/format';
import type { NoticeKind } from '../../domain/outreach/notices';
import { toLocale } from '../../schemas/locale';
import { toBrand } from '../merchants/brand';
import type { Composed, NoticeSubject } from '../outreach/compose';
import type { DebtorSituation, MerchantOutreachRow } from '../outreach/situations';

/**
 * The notices that also go by push to a debtor who asked for it on their phone: the day something is to be paid (an
 * instalment, the day before a promised date), the reminder before a debit, and an answer from support.
 */
export const PUSH_NOTICES: readonly NoticeKind[] = ['instalment_due', 'pre_debit_reminder', 'promise_reminder', 'support_answered'];

export const goesByPush = (kind: string) => (PUSH_NOTICES as readonly string[]).includes(kind);

/** The notice as a push message, or null when it is not one that goes by push or what it is about has gone. */
export function composePush(m: MerchantOutreachRow, s: DebtorSituation, n: NoticeSubject): Composed | null {
	if (!goesByPush(n.kind)) return null;
	const locale = toLocale(s.locale);
	const tone = m.tone;
	const merchant = toBrand(m).displayName;
	let instalmentId: string | null = null;
	let title: string;
	let body: string;
	if (n.kind === 'support_answered') {
		title = toned(tone, 'push_support_answered_title', { merchant }, locale);
		body = toned(tone, 'push_support_answered_body', { merchant }, locale);
	} else if (n.kind === 'promise_reminder') {
		if (!s.promise || s.promise.id !== n.about) return null;
		title = toned(tone, 'push_promise_reminder_title', {}, locale);
		body = toned(tone, 'push_promise_reminder_body', { merchant, date: formatDay(s.promise.promisedOn, locale) }, locale);
	} else {
		const i = s.plan?.instalments.find((x) => x.id === n.about);
		if (!s.plan || !i || i.status !== 'scheduled') return null;
		const values = { merchant, number: String(i.number), date: formatDay(i.dueOn, locale) };
		if (n.kind === 'instalment_due') {
			// The tap opens the instalment's own pay link: one tap from paying.
			instalmentId = i.id;
			title = toned(tone, 'push_instalment_due_title', values, locale);
			body = toned(tone, 'push_instalment_due_body', values, locale);
		} else {
			title = toned(tone, 'push_pre_debit_reminder_title', values, locale);
			body = toned(tone, 'push_pre_debit_reminder_body', values, locale);
		}
	}
	return { subject: title, html: '', text: body, kind: n.kind as NoticeKind, tone, locale, claimIds: [], instalmentId };
}

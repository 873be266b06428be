// A message as an e-mail: subject, HTML that holds up in real mail clients (MJML) in the merchant's brand, and a
// plain-text part. The personal link and the stop link are marks here, filled in at the moment of sending, so what
// is stored (and shown to support) never holds a usable token.
import { toned } from '../../copy';
import type { Brand } from '../../domain/brand';
import { readableOn } from '../../domain/contrast';
import { formatDay } from '../../domain/format';
import { formatMoney, type Money } from '../../domain/money';
import { fill, type StepKind, type Words } from '../../domain/outreach/journey';
import type { NoticeKind } from '../../domain/outreach/notices';
import type { Tone } from '../../domain/tone';
import type { Locale } from '../../schemas/locale';

/** Where the debtor's personal link goes; replaced when the message is sent. */
export const LINK_MARK = '%%COULANT_LINK%%';
/** Where the one-click stop link goes; replaced when the message is sent. */
export const STOP_MARK = '%%COULANT_STOP%%';

export type MailKind = StepKind | NoticeKind | 'plan_broken';

export type MailFacts = {
	kind: MailKind;
	tone: Tone;
	locale: Locale;
	brand: Brand & { logoAbsoluteUrl: string | null };
	debtorName: string;
	/** The claims the message is about, as still owed. */
	claims: { description: string; reference: string; amountCents: number; currency: string; dueOn: string }[];
	/** What the kind's words say besides the balance: paid, paidOn, schedule, date, number, account, creditor, … */
	values: Record<string, string>;
	/** The merchant's own words for this step and language, if any. */
	words?: Words;
	/** Whether the message offers the stop link (reminders do; required notices do not need it, but may). */
	stoppable: boolean;
};

export type Mail = { subject: string; html: string; text: string };

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The balance the message names, and when the oldest of it fell due. */
function balance(facts: MailFacts) {
	const currency = facts.claims[0]?.currency ?? 'EUR';
	const total: Money = { amountCents: facts.claims.reduce((n, c) => n + c.amountCents, 0), currency };
	const oldest = facts.claims.map((c) => c.dueOn).sort()[0];
	return { total, oldest };
}

/** The message's own words: the merchant's, else the standard ones in the tone. */
function wordsOf(facts: MailFacts, values: Record<string, string>): Words {
	if (facts.words) return { subject: fill(facts.words.subject, values), body: fill(facts.words.body, values) };
	const key = `mail_${facts.kind}` as const;
	const say = (part: 'subject' | 'body') =>
		toned(facts.tone, `${key}_${part}` as Parameters<typeof toned>[1], values as never, facts.locale);
	return { subject: say('subject'), body: say('body') };
}

type Paragraph = { text: string; link: boolean };

function paragraphs(body: string): Paragraph[] {
	return body
		.split(/\n\s*\n/)
		.map((p) => p.trim())
		.filter(Boolean)
		.map((p) => ({ text: p, link: p === LINK_MARK }));
}

/** The HTML skeleton per brand, language and tone, compiled once: MJML takes a few milliseconds, a fill microseconds. */
const skeletons = new Map<string, Promise<string>>();

function skeleton(facts: MailFacts, button: string): Promise<string> {
	const b = facts.brand;
	const key = JSON.stringify([b.brandColor, b.accentColor, b.displayName, b.logoAbsoluteUrl, facts.locale, button]);
	let html = skeletons.get(key);
	if (!html) {
		if (skeletons.size > 500) skeletons.clear();
		html = compile(facts, button);
		skeletons.set(key, html);
		// A failed compile is not remembered: the next message tries again.
		html.catch(() => skeletons.delete(key));
	}
	return html;
}

async function compile(facts: MailFacts, button: string): Promise<string> {
	const b = facts.brand;
	const onBrand = readableOn(b.brandColor);
	const logo = b.logoAbsoluteUrl
		? `<mj-image src="${escape(b.logoAbsoluteUrl)}" alt="${escape(b.displayName)}" width="48px" height="48px" align="left" padding="0 0 8px 0" />`
		: '';
	// Loaded on the first e-mail: MJML is some 80 MB of code a process that only prints letters never needs.
	const { default: mjml2html } = await import('mjml');
	const result = await mjml2html(
		`<mjml lang="${facts.locale}">
	<mj-head>
	<mj-title>%%SUBJECT%%</mj-title>
	<mj-preview>%%PREVIEW%%</mj-preview>
	<mj-attributes>
		<mj-all font-family="-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif" />
		<mj-text font-size="16px" line-height="1.5" color="#14181c" padding="0 0 12px 0" />
	</mj-attributes>
	</mj-head>
	<mj-body background-color="#f4f5f3" width="600px">
	<mj-section background-color="${b.brandColor}" padding="16px 24px">
		<mj-column>${logo}<mj-text color="${onBrand}" font-size="18px" font-weight="700" padding="0">${escape(b.displayName)}</mj-text></mj-column>
	</mj-section>
	<mj-section background-color="#ffffff" padding="24px 24px 8px 24px" border-top="6px solid ${b.accentColor}">
		<mj-column>
			<mj-text>%%BEFORE%%</mj-text>
			<mj-button href="${LINK_MARK}" background-color="${b.brandColor}" color="${onBrand}" font-size="16px" font-weight="600" border-radius="10px" inner-padding="14px 24px" padding="4px 0 16px 0" align="left">${escape(button)}</mj-button>
			<mj-text>%%AFTER%%</mj-text>
			<mj-text>%%CLAIMS%%</mj-text>
		</mj-column>
	</mj-section>
	<mj-section padding="16px 24px">
		<mj-column><mj-text font-size="13px" color="#4f5861">%%FOOTER%%</mj-text></mj-column>
	</mj-section>
	</mj-body>
</mjml>`,
		{ validationLevel: 'strict', keepComments: false }
	);
	if (result.errors.length) throw new Error(`The e-mail template is not valid MJML: ${result.errors[0].formattedMessage}`);
	return result.html;
}

const htmlParagraph = (p: string) => `<p style="margin:0 0 12px 0">${escape(p).replace(/\n/g, '<br>')}</p>`;

/** Renders a message, link and stop link left as marks. */
function valuesOf(facts: MailFacts): Record<string, string> {
	const { total, oldest } = balance(facts);
	return {
		name: facts.debtorName,
		merchant: facts.brand.displayName,
		amount: formatMoney(total, facts.locale),
		count: String(facts.claims.length),
		oldestDue: oldest ? formatDay(oldest, facts.locale) : '',
		sender: facts.values.sender ?? facts.brand.displayName,
		link: LINK_MARK,
		...facts.values
	};
}

/** Only the subject: what a queued message is listed by until the sender writes it in full. */
export function mailSubject(facts: MailFacts): string {
	return wordsOf(facts, valuesOf(facts)).subject.replace(/\s+/g, ' ').trim();
}

/**
 * What a message says, part by part, link and stop link left as marks: the e-mail is made of it, and so is the printed
 * letter (server/letters), so both say the same words — the 14-day letter's costs and term among them.
 */
export type MailContent = {
	subject: string;
	greeting: string;
	/** The paragraphs before and after the link (the button in an e-mail, the QR code on paper). */
	before: string[];
	after: string[];
	button: string;
	signoff: string;
	claimsHeading: string;
	claimLines: { what: string; amount: string }[];
	totalLabel: string;
	total: string;
	why: string;
	contact: string;
};

export function mailContent(facts: MailFacts): MailContent {
	const { locale, tone } = facts;
	const values = valuesOf(facts);
	const words = wordsOf(facts, values);
	const body = paragraphs(words.body);
	const at = body.findIndex((p) => p.link);
	return {
		subject: words.subject.replace(/\s+/g, ' ').trim(),
		greeting: toned(tone, 'mail_greeting', { name: facts.debtorName }, locale),
		before: (at < 0 ? body : body.slice(0, at)).map((p) => p.text),
		after: (at < 0 ? [] : body.slice(at + 1)).map((p) => p.text),
		button: toned(tone, 'mail_button', {}, locale),
		signoff: toned(tone, 'link_signoff', { sender: values.sender }, locale),
		claimsHeading: toned(tone, 'mail_claims_heading', {}, locale),
		claimLines: facts.claims.map((c) => ({
			what: toned(tone, 'mail_claim_line', { description: c.description, reference: c.reference }, locale),
			amount: formatMoney(c, locale)
		})),
		totalLabel: toned(tone, 'mail_total', {}, locale),
		total: values.amount,
		why: toned(tone, 'mail_why', { merchant: facts.brand.displayName }, locale),
		contact: toned(tone, 'mail_contact', { merchant: facts.brand.displayName }, locale)
	};
}

export async function renderMail(facts: MailFacts): Promise<Mail> {
	const { locale, tone } = facts;
	const c = mailContent(facts);
	const { greeting, button, signoff, claimLines, why, contact, before, after } = c;
	const stop = toned(tone, 'mail_stop', {}, locale);
	const stopNote = toned(tone, 'mail_stop_note', {}, locale);

	const claimsHtml = claimLines.length
		? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-top:1px solid #dde1dc;font-size:15px">` +
			`<tr><td colspan="2" style="padding:12px 0 4px 0;font-weight:700">${escape(c.claimsHeading)}</td></tr>` +
			claimLines
				.map(
					(l) =>
						`<tr><td style="padding:4px 8px 4px 0">${escape(l.what)}</td><td style="padding:4px 0;text-align:right;white-space:nowrap">${escape(l.amount)}</td></tr>`
				)
				.join('') +
			`<tr><td style="padding:8px 8px 0 0;font-weight:700">${escape(c.totalLabel)}</td><td style="padding:8px 0 0 0;text-align:right;font-weight:700;white-space:nowrap">${escape(c.total)}</td></tr></table>`
		: '';
	const footerHtml = [
		escape(why),
		escape(contact),
		facts.stoppable ? `<a href="${STOP_MARK}" style="color:#4f5861">${escape(stop)}</a>. ${escape(stopNote)}` : ''
	]
		.filter(Boolean)
		.map((l) => `<p style="margin:0 0 8px 0">${l}</p>`)
		.join('');

	const html = (await skeleton(facts, button))
		.replace('%%SUBJECT%%', escape(c.subject))
		.replace('%%PREVIEW%%', escape(before[0]?.slice(0, 120) ?? ''))
		.replace('%%BEFORE%%', [htmlParagraph(greeting), ...before.map(htmlParagraph)].join(''))
		.replace('%%AFTER%%', [...after.map(htmlParagraph), htmlParagraph(signoff)].join(''))
		.replace('%%CLAIMS%%', claimsHtml)
		.replace('%%FOOTER%%', footerHtml);

	const text = [
		greeting,
		...before,
		`${button}: ${LINK_MARK}`,
		...after,
		signoff,
		claimLines.length
			? [c.claimsHeading, ...claimLines.map((l) => `- ${l.what}: ${l.amount}`), `${c.totalLabel}: ${c.total}`].join('\n')
			: '',
		'--',
		why,
		contact,
		facts.stoppable ? `${stop}: ${STOP_MARK}\n${stopNote}` : ''
	]
		.filter(Boolean)
		.join('\n\n');
	return { subject: c.subject, html, text };
}

/** The stored message with its marks filled in: the real links at sending, placeholders for support's view. */
export function withLinks(mail: Mail, link: string, stop: string): Mail {
	const put = (s: string) => s.replaceAll(LINK_MARK, link).replaceAll(STOP_MARK, stop);
	return { subject: mail.subject, html: put(mail.html), text: put(mail.text) };
}

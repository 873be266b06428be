// Letters as the console sees them: the day's print queue, one print file of all of it, one letter's PDF, and "printed".
// A letter is written at print time from its outbox row — the step, the claims and the day it was handed to print —
// with the words the e-mail uses (mailContent) and a personal link issued for it then: tokens exist only as hashes,
// so the one in the QR code is made when the PDF is, in the same way the sender makes an e-mail's.
import { PassThrough, type Writable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { toned } from '../../copy';
import { localDay } from '../../domain/outreach/send-window';
import { outreachOf } from '../../domain/outreach/settings';
import { formatDay } from '../../domain/format';
import { m as messages } from '../../paraglide/messages';
import type { Scope } from '../accounts/scope';
import type { Db } from '../db/client';
import { links, merchants } from '../db/schema';
import { hashToken, newToken } from '../links/token';
import { logoOf } from '../merchants/queries';
import type { OutboxRow } from '../outreach/channels';
import { stepFacts } from '../outreach/compose';
import { mailContent } from '../outreach/mail';
import { clockOf } from '../outreach/plan';
import { merchantOutreachColumns, situations, type MerchantOutreachRow } from '../outreach/situations';
import { letterWriter, type LetterContent } from './pdf';
import * as q from './queries';

export type LetterOptions = { origin: string; linkTtlDays: number };

type Letterhead = { m: MerchantOutreachRow; logo: LetterContent['logo'] };

async function letterhead(db: Db, merchantId: string): Promise<Letterhead | null> {
	const [m] = await db.select(merchantOutreachColumns).from(merchants).where(eq(merchants.id, merchantId));
	if (!m) return null;
	const l = await logoOf(db, merchantId);
	// pdfkit draws PNG and JPEG; an SVG or WebP logo leaves the name alone in the letterhead.
	const drawable = l?.logo && l.logoHash && (l.logoType === 'image/png' || l.logoType === 'image/jpeg');
	return { m, logo: drawable ? { key: l.logoHash!, bytes: l.logo! } : null };
}

/**
 * The letters of these rows (one merchant's), each with a new personal link, in the rows' order; a row whose step was
 * removed or whose claims were all paid since has none (null).
 */
async function contents(db: Db, head: Letterhead, rows: OutboxRow[], o: LetterOptions, now: Date): Promise<(LetterContent | null)[]> {
	if (!rows.length) return [];
	const { m } = head;
	const settings = outreachOf(m.outreach);
	const clock = clockOf(settings.policy, now);
	const ids = [...new Set(rows.map((r) => r.debtorId))];
	const found = new Map(
		(await situations(db, sql`d.id in ${ids} and d.merchant_id = ${m.id}::uuid`, clock, ids.length)).map((s) => [s.debtorId, s])
	);
	const issued: { debtorId: string; tokenHash: string; expiresAt: Date; messageId: string; createdAt: Date }[] = [];
	const out = rows.map((row): LetterContent | null => {
		const s = found.get(row.debtorId);
		const step = settings.journey.steps.find((x) => x.id === row.stepId);
		const claims = s?.claims.filter((c) => row.claimIds.includes(c.id)) ?? [];
		if (!s || !step || claims.length === 0) return null;
		// The day it was handed to print is the letter's date, and the day a 14-day term counts from — as the
		// sender counted it for the same message.
		const day = localDay(row.sentAt ?? row.createdAt, settings.policy.window.timeZone);
		const facts = stepFacts(m, s, step, claims, day, o.origin);
		const c = mailContent(facts);
		const { tone, locale, brand } = facts;
		const token = newToken();
		issued.push({
			debtorId: row.debtorId,
			tokenHash: hashToken(token),
			expiresAt: new Date(now.getTime() + o.linkTtlDays * 86_400_000),
			messageId: row.id,
			createdAt: now
		});
		return {
			id: row.id,
			locale,
			brand,
			logo: head.logo,
			address: row.toAddress.split('\n'),
			dateLabel: messages.letter_date({}, { locale }),
			date: formatDay(day, locale),
			subject: c.subject,
			greeting: c.greeting,
			before: c.before,
			link: `${o.origin}/d/${token}`,
			button: c.button,
			scan: toned(tone, 'letter_scan', {}, locale),
			after: c.after,
			signoff: c.signoff,
			claimsHeading: c.claimsHeading,
			claimLines: c.claimLines,
			totalLabel: c.totalLabel,
			total: c.total,
			why: c.why,
			contact: toned(tone, 'letter_contact', { merchant: brand.displayName }, locale),
			continued: (page) => messages.letter_page({ name: s.name, page: String(page) }, { locale })
		};
	});
	if (issued.length) await db.insert(links).values(issued);
	return out;
}

const PAGE = 100;

/**
 * Writes the print file — every letter handed over by `until` and still owed, oldest first — to `out`, a page of
 * rows at a time, so a thousand letters never sit in memory together. Returns the number of letters and pages.
 */
export async function writePrintFile(
	db: Db,
	scope: Scope,
	until: Date,
	out: Writable,
	o: LetterOptions & { duplex?: boolean },
	now = new Date()
) {
	const head = await letterhead(db, scope.merchantId);
	if (!head) throw new Error('letters: the merchant is gone');
	const writer = letterWriter(out, {
		title: messages.letter_file_title({}, { locale: 'nl' }),
		author: head.m.displayName,
		duplex: o.duplex
	});
	let letters = 0;
	let after: { at: Date; id: string } | null = null;
	for (;;) {
		// A download the browser gave up on: no more links are issued for letters nobody will print.
		if (out.destroyed) throw new Error('letters: the print file was closed before it was written');
		const rows = await q.printPage(db, scope.merchantId, until, after, PAGE);
		if (!rows.length) break;
		for (const l of await contents(db, head, rows, o, now)) {
			if (!l) continue;
			writer.add(l);
			letters++;
		}
		const last = rows.at(-1)!;
		after = { at: last.sentAt!, id: last.id };
		// Let the stream drain between pages of rows.
		await new Promise((r) => setImmediate(r));
	}
	const { pages } = await writer.end();
	return { letters, pages };
}

/** One letter's PDF (printed or not), or null when it is not a letter of this merchant's or has nothing left to ask. */
export async function letterPdf(db: Db, scope: Scope, id: string, o: LetterOptions, now = new Date()): Promise<Buffer | null> {
	const row = await q.letter(db, scope.merchantId, id);
	const head = row && (await letterhead(db, scope.merchantId));
	if (!row || !head) return null;
	const [content] = await contents(db, head, [row], o, now);
	if (!content) return null;
	const chunks: Buffer[] = [];
	const out = new PassThrough();
	out.on('data', (c: Buffer) => chunks.push(c));
	const writer = letterWriter(out, { title: content.subject, author: head.m.displayName });
	writer.add(content);
	await writer.end();
	return Buffer.concat(chunks);
}

export const waiting = (db: Db, scope: Scope) => q.waiting(db, scope.merchantId);
export const recentlyPrinted = (db: Db, scope: Scope) => q.recentlyPrinted(db, scope.merchantId);
export const markPrinted = (db: Db, scope: Scope, until: Date, now = new Date()) =>
	q.markPrinted(db, scope.merchantId, scope.userId, until, now);

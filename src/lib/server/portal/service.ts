// The debtor portal's verbs: open a personal page, switch its language.
import type { Brand } from '../../domain/brand';
import { balanceOf, type Balance } from '../../domain/claim';
import type { Money } from '../../domain/money';
import { DEFAULT_POLICY, moreTimeWindow, planOffer } from '../../domain/policy';
import { toIsoDay } from '../../domain/schedule';
import type { Tone } from '../../domain/tone';
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db/client';
import type { LinkHolder } from '../links/holder';
import * as linkService from '../links/service';
import { toBrand } from '../merchants/brand';
import { appendByHolder } from '../timeline/holder';
import { pageTreatment } from '../../domain/segments';
import { videoStory } from '../../domain/video-story';
import type { PageFacts } from '../video/page';
import { find, guard, passes } from './privacy';
import * as portal from './queries';
import type { SentMessage } from '../../domain/message';
import { standingOf, type PaymentsStanding } from '../tenants/standing';
import type { LivePlan, Receipt } from './queries';

/** Re-opening within this window counts as the same visit on the timeline. */
const VISIT_WINDOW_MS = 30 * 60_000;

export type PortalView = {
	debtorId: string;
	debtorName: string;
	tone: Tone;
	brand: Brand;
	balance: Balance;
	settled: { count: number };
	/** A payment is on its way (e.g. a card payment being processed): say so instead of asking again. */
	paymentPending: boolean;
	/** The open promise to pay, if the debtor asked for more time. */
	promise: { promisedOn: string } | null;
	/** The dates the debtor may choose when asking for more time; null when the policy offers no (more) postponement. */
	moreTime: { earliest: string; latest: string } | null;
	/** The running plan, if any. */
	plan: LivePlan | null;
	/** The debtor's latest plan broke and none runs now. */
	brokenPlan: { brokenAt: string } | null;
	/** Paid through Coulant, newest first; and the claims that are paid, with their invoiced amounts. */
	receipts: Receipt[];
	paidClaims: { reference: string; description: string; amountCents: number; currency: string }[];
	/** Support paused collection out of goodwill: nothing to pay for now. */
	paused: boolean;
	/** What the debtor told support, newest first, with the answers. */
	messages: SentMessage[];
	/** Handed over to a collection agency: the page says who handles it now. */
	handover: portal.Handover | null;
	/** "From € Y per month" when a plan may still be set up. */
	planOffer: { fromMonthly: Money | null; fee: Money } | null;
	/** The debtor's segment (or their `vulnerable` tag) asks to offer a person early: the page says how to reach one first. */
	offerPerson: boolean;
};

/** The view, and the visit recorded, without the privacy check: for callers that know it is passed (openPage checks it). */
export async function open(db: Db, token: string, visit: { locale: string; now?: Date }): Promise<PortalView | null> {
	const now = visit.now ?? new Date();
	const row = await opened(db, token, { locale: visit.locale, now, privacyConfirmed: true });
	return row ? viewOf(row, now) : null;
}

export type Page =
	| { state: 'invalid' }
	/** The merchant asks a privacy check that this browser has not passed (lately): show nothing. */
	| { state: 'locked' }
	| {
			state: 'open';
			view: PortalView;
			video: PageFacts;
			holder: LinkHolder;
			/** The debtor's language when it was given (import, API or their own choice); null when only defaulted to. */
			locale: string | null;
			/** The language the import stored: the merchant's default when none was given. */
			defaultLocale: string;
			/** Whether the merchant can take payments, read in the page's statement (see tenants/standing). */
			paymentsStanding: PaymentsStanding;
	  };

/**
 * The debtor page (and the plan and message pages): the privacy gate, the view, the video's facts and who
 * acts behind the link from one statement, which also records the visit. Only when the merchant asks a
 * privacy check does the visit take a second statement, after the cookie is checked, so a locked page
 * never counts as a visit.
 */
export async function openPage(db: Db, token: string, visit: { locale: string; cookies: Cookies; now?: Date }): Promise<Page> {
	const now = visit.now ?? new Date();
	const row = await opened(db, token, { locale: visit.locale, now, privacyConfirmed: false });
	if (!row) return { state: 'invalid' };
	if (!passes(row.privacy_check, row.link_id, visit.cookies, now)) return { state: 'locked' };
	if (row.privacy_check !== 'none') {
		await portal.recordVisit(db, {
			linkId: row.link_id,
			merchantId: row.merchant_id,
			debtorId: row.debtor_id,
			locale: visit.locale,
			...visitWindow(now)
		});
	}
	const holder: LinkHolder = {
		debtorId: row.debtor_id,
		debtorName: row.debtor_name,
		merchantId: row.merchant_id,
		merchantName: row.display_name,
		policy: row.policy ?? DEFAULT_POLICY
	};
	const view = viewOf(row, now);
	return {
		state: 'open',
		view,
		video: videoFactsOf(row, view),
		holder,
		// A language only defaulted to at import gives way to the browser's (see speakToDebtor).
		locale: row.debtor_locale_given ? row.debtor_locale : null,
		defaultLocale: row.debtor_locale,
		paymentsStanding: standingOf(row.mollie_state)
	};
}

const visitWindow = (now: Date) => ({ at: now, notBefore: new Date(now.getTime() - VISIT_WINDOW_MS) });

/**
 * What a debtor's page would show now, read without a link and without recording a visit: the video job's
 * source, so the video says what the page says. Undefined for an unknown debtor.
 */
export async function viewOfDebtor(
	db: Db,
	debtorId: string,
	now = new Date()
): Promise<{ view: PortalView; video: PageFacts } | undefined> {
	const found = await portal.debtorById(db, debtorId);
	if (!found) return undefined;
	const row = treated(found);
	const view = viewOf(row, now);
	return { view, video: videoFactsOf(row, view) };
}

async function opened(db: Db, token: string, visit: { locale: string; now: Date; privacyConfirmed: boolean }) {
	const tokenHash = linkService.lookupKey(token);
	if (!tokenHash) return null;
	const row = await portal.openByTokenHash(db, {
		tokenHash,
		locale: visit.locale,
		privacyConfirmed: visit.privacyConfirmed,
		...visitWindow(visit.now)
	});
	if (
		!row ||
		!linkService.isActive({ tokenHash: row.token_hash, expiresAt: row.expires_at, revokedAt: row.revoked_at }, token, visit.now)
	) {
		return null;
	}
	return treated(row);
}

/** The row with the debtor's segment's treatment applied: its tone and policy over the merchant's. */
function treated<R extends portal.DebtorRow>(row: R): R & { offer_person: boolean } {
	const segment =
		row.seg_calm === null ? null : { tone: row.seg_tone, policy: row.seg_policy, calm: !!row.seg_calm, offerPersonEarly: !!row.seg_person };
	const t = pageTreatment({ tone: row.tone, policy: row.policy ?? DEFAULT_POLICY }, segment, row.tags ?? []);
	return { ...row, tone: t.tone, policy: t.policy, offer_person: t.offerPersonEarly };
}

function viewOf(row: portal.DebtorRow & { offer_person: boolean }, now: Date): PortalView {
	const balance = balanceOf(row.claims, 'EUR', { paused: row.paused });
	const payable = balance.total.amountCents;
	const policy = row.policy ?? DEFAULT_POLICY;
	return {
		debtorId: row.debtor_id,
		debtorName: row.debtor_name,
		tone: row.tone,
		brand: toBrand({
			id: row.merchant_id,
			displayName: row.display_name,
			brandColor: row.brand_color,
			accentColor: row.accent_color,
			logoHash: row.logo_hash,
			contactEmail: row.contact_email,
			contactPhone: row.contact_phone,
			contactHours: row.contact_hours,
			website: row.website
		}),
		balance,
		settled: { count: row.claims.filter((c) => c.status === 'paid').length },
		paymentPending: row.payment_pending,
		promise: row.open_promise,
		// With a plan running, its instalments are the agreement; more time is for a balance without one.
		moreTime:
			row.live_plan || payable === 0 || row.handover ? null : moreTimeWindow(policy, row.promises_made, !!row.open_promise, toIsoDay(now)),
		plan: row.live_plan,
		brokenPlan: row.live_plan ? null : row.broken_plan,
		receipts: row.receipts,
		paidClaims: row.claims
			.filter((c) => c.status === 'paid')
			.map((c) => ({ reference: c.reference, description: c.description, amountCents: c.invoicedCents, currency: c.currency })),
		// With an agency, plans and more time are theirs to agree; paying here only when the merchant allows it.
		planOffer: row.live_plan || payable === 0 || row.handover ? null : planOffer(policy, balance.total, toIsoDay(now)),
		handover: row.handover,
		paused: row.paused,
		messages: row.messages,
		offerPerson: row.offer_person
	};
}

/** What the video is made of: the merchant's look from the page's row (the logo by its hash), its figures from the page's view. */
function videoFactsOf(row: portal.DebtorRow, view: PortalView): PageFacts {
	return {
		debtorId: row.debtor_id,
		merchantId: row.merchant_id,
		name: row.debtor_name,
		locale: row.debtor_locale,
		merchantName: row.display_name,
		tone: row.tone,
		brandColor: row.brand_color,
		accentColor: row.accent_color,
		logoHash: row.logo_hash,
		logoType: row.logo_type,
		policy: row.policy,
		story: videoStory(view)
	};
}

const holderOf = (row: Awaited<ReturnType<typeof find>>): LinkHolder | null =>
	row && {
		debtorId: row.debtor.id,
		debtorName: row.debtor.name,
		merchantId: row.merchant.id,
		merchantName: row.merchant.displayName,
		// The server checks a plan or more time against the same policy the page showed: the segment's, if it has one.
		policy: pageTreatment(
			{ tone: row.merchant.tone, policy: row.merchant.policy ?? DEFAULT_POLICY },
			row.segment && { ...row.segment, calm: !!row.segment.calm, offerPersonEarly: !!row.segment.offerPersonEarly },
			row.debtor.tags
		).policy
	};

/** Who holds a link, without the privacy check; null when the link is not (or no longer) valid. */
export async function holder(db: Db, token: string, now = new Date()): Promise<LinkHolder | null> {
	return holderOf(await find(db, token, now));
}

/**
 * For the debtor page's actions, in one lookup: who acts behind the link, once the privacy check is passed.
 * A debtor who has not confirmed yet is sent to the check; null when the link is not (or no longer) valid.
 */
export async function guardedHolder(db: Db, token: string, cookies: Cookies, now = new Date()): Promise<LinkHolder | null> {
	return holderOf(await guard(db, token, cookies, now));
}

/**
 * Records the debtor's language choice: of who acts behind a link, found already (see guardedHolder) or by its
 * token; false when the link is not (or no longer) valid.
 */
export async function switchLanguage(
	db: Db,
	link: string | Pick<LinkHolder, 'debtorId' | 'merchantId'>,
	change: { from: string; to: string; now?: Date }
): Promise<boolean> {
	const now = change.now ?? new Date();
	const who = typeof link === 'string' ? await holder(db, link, now) : link;
	if (!who) return false;
	await portal.setDebtorLocale(db, who.debtorId, change.to);
	// The switch itself always happens; its row is counted with the holder's other page rows (see timeline/holder).
	await appendByHolder(db, {
		merchantId: who.merchantId,
		debtorId: who.debtorId,
		type: 'language.changed',
		actor: 'debtor',
		occurredAt: now,
		payload: { from: change.from, to: change.to }
	});
	return true;
}

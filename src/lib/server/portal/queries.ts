// What the debtor page reads and records: a link with its debtor and merchant, their claims, a visit.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { ClaimLine } from '../../domain/claim';
import type { SentMessage } from '../../domain/message';
import type { Policy } from '../../domain/policy';
import type { Tone } from '../../domain/tone';
import { executePrepared, type Db } from '../db/client';
import { debtorSegments, debtors, links, merchants, segments } from '../db/schema';
import { debtorFacingColumns } from '../merchants/brand';
import { planHeld } from '../plans/queries';

export type Handover = {
	agency: string;
	email: string | null;
	phone: string | null;
	website: string | null;
	payViaCoulant: boolean;
	since: string;
};

/** One round trip for everything the page's actions and its privacy check need to know about the link's owner. */
export async function byTokenHash(db: Db, tokenHash: string) {
	const [row] = await db
		.select({
			link: { id: links.id, tokenHash: links.tokenHash, expiresAt: links.expiresAt, revokedAt: links.revokedAt },
			debtor: {
				id: debtors.id,
				name: debtors.name,
				locale: debtors.locale,
				postcode: debtors.postcode,
				birthDate: debtors.birthDate,
				tags: debtors.tags
			},
			merchant: { ...debtorFacingColumns, check: merchants.privacyCheck },
			segment: { tone: segments.tone, policy: segments.policy, calm: segments.calm, offerPersonEarly: segments.offerPersonEarly }
		})
		.from(links)
		.innerJoin(debtors, eq(debtors.id, links.debtorId))
		.innerJoin(merchants, eq(merchants.id, debtors.merchantId))
		.leftJoin(debtorSegments, eq(debtorSegments.debtorId, debtors.id))
		.leftJoin(segments, eq(segments.id, debtorSegments.segmentId))
		.where(eq(links.tokenHash, tokenHash))
		.limit(1);
	return row;
}

type LinkColumns = { link_id: string; token_hash: string; expires_at: Date; revoked_at: Date | null };

type OpenedRow = {
	link_id: string;
	token_hash: string;
	expires_at: Date;
	revoked_at: Date | null;
	debtor_id: string;
	debtor_name: string;
	paused: boolean;
	merchant_id: string;
	display_name: string;
	tone: Tone;
	brand_color: string;
	accent_color: string;
	logo_hash: string | null;
	contact_email: string | null;
	contact_phone: string | null;
	contact_hours: string | null;
	website: string | null;
	claims: (ClaimLine & { invoicedCents: number })[];
	payment_pending: boolean;
	/** With a collection agency now: who, how to reach them, and whether paying here is still allowed. */
	handover: Handover | null;
	policy: Policy | null;
	open_promise: { promisedOn: string } | null;
	promises_made: number;
	live_plan: LivePlan | null;
	/** When the debtor's latest plan broke (misses past the policy's limit) and none runs now: the way back is shown. */
	broken_plan: { brokenAt: string } | null;
	/** What the debtor paid through Coulant, newest first: the settled page's receipts. */
	receipts: Receipt[];
	messages: SentMessage[];
	privacy_check: 'none' | 'postcode' | 'birthdate';
	logo_type: string | null;
	debtor_locale: string;
	/** False when `debtor_locale` is only the merchant's default (no language given at import, API or by the debtor). */
	debtor_locale_given: boolean;
	/** The merchant's `merchant_mollie.state`; null without a row (the installation's account). */
	mollie_state: string | null;
	tags: string[];
	/** The debtor's segment's own treatment; all null when they are in none (or it keeps the merchant's). */
	seg_tone: Tone | null;
	seg_policy: Policy | null;
	seg_calm: boolean | null;
	seg_person: boolean | null;
};

export type Receipt = { amountCents: number; currency: string; paidAt: string; method: string | null; purpose: 'balance' | 'instalment' };

export type LivePlan = {
	/** A dispute about one of its claims, or a goodwill pause, holds the plan: no instalment is asked for. */
	onHold: boolean;
	status: 'proposed' | 'active' | 'at_risk';
	collection: 'direct_debit' | 'pay_by_link';
	mandateAccount: string | null;
	currency: string;
	instalments: {
		number: number;
		dueOn: string;
		amountCents: number;
		status: 'scheduled' | 'pending' | 'paid' | 'missed';
		paidAt: string | null;
	}[];
};

/** The debtor's and merchant's columns of the page's row (`d` and `m`). */
const debtorColumns = sql.raw(`d.id as debtor_id, d.name as debtor_name, d.collection_paused_at is not null as paused,
	m.id as merchant_id, m.display_name, m.tone, m.brand_color, m.accent_color, m.logo_hash,
	m.contact_email, m.contact_phone, m.contact_hours, m.website, m.policy,
	m.privacy_check, m.logo_type, d.locale as debtor_locale, d.locale_given as debtor_locale_given,
	(select mm.state from merchant_mollie mm where mm.merchant_id = m.id) as mollie_state,
	d.tags, s.tone as seg_tone, s.policy as seg_policy, s.calm as seg_calm, s.offer_person_early as seg_person`);

/** The debtor's segment, for its treatment (see segments.pageTreatment): joined after \`d\`. */
const segmentJoin = sql.raw(`left join debtor_segments ds on ds.debtor_id = d.id left join segments s on s.id = ds.segment_id`);

/** Everything the page shows about the debtor in `found`: shared by the page and the video, so both say the same. */
const pageFacts = sql`found.*, coalesce((
			select json_agg(json_build_object(
				'id', c.id, 'reference', c.reference, 'description', c.description,
				'amountCents', c.amount_cents - c.amount_paid_cents, 'currency', c.currency,
				'issuedOn', c.issued_on, 'dueOn', c.due_on, 'status', c.status, 'disputed', c.disputed_at is not null,
				'invoicedCents', c.amount_cents
			) order by c.due_on, c.reference)
			from claims c where c.debtor_id = found.debtor_id
		), '[]'::json) as claims,
		exists(select 1 from payments p where p.debtor_id = found.debtor_id and p.status = 'pending') as payment_pending,
		(select json_build_object('agency', a.name, 'email', a.email, 'phone', a.phone, 'website', a.website,
			'payViaCoulant', a.pay_via_coulant, 'since', h.decided_at)
		  from handovers h join agencies a on a.id = h.agency_id
		  where h.debtor_id = found.debtor_id and h.status = 'handed_over' order by h.decided_at desc limit 1) as handover,
		(select json_build_object('promisedOn', pr.promised_on) from promises pr
		  where pr.debtor_id = found.debtor_id and pr.status = 'open' order by pr.created_at desc limit 1) as open_promise,
		(select count(*)::int from promises pr where pr.debtor_id = found.debtor_id) as promises_made,
		(select json_build_object(
			'status', pl.status, 'collection', pl.collection, 'mandateAccount', pl.mandate_account, 'currency', pl.currency,
			'onHold', ${planHeld(sql`pl.id`)},
			'instalments', (select json_agg(json_build_object('number', i.number, 'dueOn', i.due_on, 'amountCents', i.amount_cents, 'status', i.status, 'paidAt', i.paid_at) order by i.number)
				from instalments i where i.plan_id = pl.id))
		  from plans pl where pl.debtor_id = found.debtor_id and pl.status in ('proposed', 'active', 'at_risk')
		  order by pl.created_at desc limit 1) as live_plan,
		(select json_build_object('brokenAt', x.updated_at) from (
			select pl.status, pl.updated_at from plans pl where pl.debtor_id = found.debtor_id order by pl.created_at desc limit 1
		  ) x where x.status = 'broken') as broken_plan,
		coalesce((select json_agg(r order by r."paidAt" desc) from (
			select p.amount_cents - p.charged_back_cents as "amountCents", p.currency, p.paid_at as "paidAt", p.method, p.purpose
			from payments p where p.debtor_id = found.debtor_id and p.status = 'paid' and p.paid_at is not null
			order by p.paid_at desc limit 10) r
		), '[]'::json) as receipts,
		coalesce((select json_agg(x order by x."createdAt" desc) from (
			select dm.id, dm.kind, dm.body, dm.created_at as "createdAt", dm.status, dm.answer, dm.answered_at as "answeredAt", c.reference
			from debtor_messages dm left join claims c on c.id = dm.claim_id
			where dm.debtor_id = found.debtor_id order by dm.created_at desc limit 10) x
		), '[]'::json) as messages`;

/**
 * Everything the debtor page shows, in one round trip: the link's owner, their merchant and claims,
 * what the privacy check and the video need. The same statement puts the visit on the timeline, unless
 * the link is inactive or a visit was recorded since `notBefore` — so two tabs opening at once still
 * record one visit — or the merchant asks a privacy check the caller has not seen passed
 * (`privacyConfirmed: false`; then see recordVisit).
 */
export async function openByTokenHash(
	db: Db,
	visit: { tokenHash: string; locale: string; at: Date; notBefore: Date; privacyConfirmed: boolean }
): Promise<OpenedRow | undefined> {
	const at = visit.at.toISOString();
	const [row] = await executePrepared<OpenedRow>(
		db,
		sql`
		with found as (
			select l.id as link_id, l.token_hash, l.expires_at, l.revoked_at, l.message_id, ${debtorColumns}
			from links l
			join debtors d on d.id = l.debtor_id
			join merchants m on m.id = d.merchant_id
			${segmentJoin}
			where l.token_hash = ${visit.tokenHash}
		),
		touched as (
			update links set last_visit_at = ${at}::timestamptz
			where id = (select link_id from found where revoked_at is null and expires_at > ${at}::timestamptz
			            and (privacy_check = 'none' or ${visit.privacyConfirmed}::boolean))
			  and (last_visit_at is null or last_visit_at < ${visit.notBefore.toISOString()}::timestamptz)
			returning id
		),
		visit as (
			insert into timeline_events (merchant_id, debtor_id, type, actor, occurred_at, payload)
			select f.merchant_id, f.debtor_id, 'link.opened', 'debtor', ${at}::timestamptz,
			       jsonb_strip_nulls(jsonb_build_object('linkId', t.id, 'locale', ${visit.locale}::text, 'messageId', f.message_id))
			from touched t cross join found f
		)
		select ${pageFacts}
		from found`
	);
	if (!row) return undefined;
	// Drivers differ in how they hand back timestamps inside raw rows.
	return { ...row, expires_at: new Date(row.expires_at), revoked_at: row.revoked_at && new Date(row.revoked_at) };
}

/** The page's row for a debtor, without a link or a visit: what the video job reads, so it says what the page says. */
export async function debtorById(db: Db, debtorId: string): Promise<DebtorRow | undefined> {
	const [row] = await executePrepared<DebtorRow>(
		db,
		sql`
		with found as (
			select ${debtorColumns}
			from debtors d join merchants m on m.id = d.merchant_id
			${segmentJoin}
			where d.id = ${debtorId}::uuid
		)
		select ${pageFacts}
		from found`
	);
	return row;
}

/** The page's row without the link's own columns. */
export type DebtorRow = Omit<OpenedRow, keyof LinkColumns>;

/** The visit openByTokenHash left out because a privacy check was asked: recorded once it is passed. */
export async function recordVisit(
	db: Db,
	visit: { linkId: string; merchantId: string; debtorId: string; locale: string; at: Date; notBefore: Date }
): Promise<void> {
	const at = visit.at.toISOString();
	await executePrepared(
		db,
		sql`
		with touched as (
			update links set last_visit_at = ${at}::timestamptz
			where id = ${visit.linkId}::uuid and revoked_at is null and expires_at > ${at}::timestamptz
			  and (last_visit_at is null or last_visit_at < ${visit.notBefore.toISOString()}::timestamptz)
			returning id, message_id
		)
		insert into timeline_events (merchant_id, debtor_id, type, actor, occurred_at, payload)
		select ${visit.merchantId}::uuid, ${visit.debtorId}::uuid, 'link.opened', 'debtor', ${at}::timestamptz,
		       jsonb_strip_nulls(jsonb_build_object('linkId', t.id, 'locale', ${visit.locale}::text, 'messageId', t.message_id))
		from touched t`
	);
}

export async function setDebtorLocale(db: Db, debtorId: string, locale: string) {
	await db.update(debtors).set({ locale, localeGiven: true }).where(eq(debtors.id, debtorId));
}

/** Merchants whose debtors hold a link that still opens, the most recently visited first: whose pages come first after a start. */
export async function merchantsWithLiveLinks(db: Db, limit: number, now = new Date()): Promise<string[]> {
	const rows = await db
		.select({ merchantId: debtors.merchantId, lastVisit: sql<Date | null>`max(${links.lastVisitAt})` })
		.from(links)
		.innerJoin(debtors, eq(debtors.id, links.debtorId))
		.where(and(isNull(links.revokedAt), gt(links.expiresAt, now)))
		.groupBy(debtors.merchantId)
		.orderBy(sql`max(${links.lastVisitAt}) desc nulls last`)
		.limit(limit);
	return rows.map((r) => r.merchantId);
}

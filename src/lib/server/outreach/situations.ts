// What the outreach needs to know of a debtor to decide what to send, read for many debtors in one statement: their
// address and choices, open claims with what holds each back, the journey's progress, what went out today and this
// week, the live plan and the open promise. The daily run reads pages of these; the sender reads its batch's again.
import { sql, type SQL } from 'drizzle-orm';
import { addressLines, type PostalAddress } from '../../domain/address';
import type { Channel } from '../../domain/outreach/channels';
import type { NoticePlan } from '../../domain/outreach/notices';
import type { JourneyClaim, Progress } from '../../domain/outreach/planner';
import type { Journey } from '../../domain/outreach/journey';
import type { OutreachSettings } from '../../domain/outreach/settings';
import { outreachTreatment, VULNERABLE_TAG } from '../../domain/segments';
import type { Tone } from '../../domain/tone';
import { rowsOf, type Db } from '../db/client';
import { merchants } from '../db/schema';
import { debtorFacingColumns } from '../merchants/brand';
import { planHeld } from '../plans/queries';

export type DebtorSituation = {
	debtorId: string;
	merchantId: string;
	name: string;
	email: string | null;
	/** E.164, checked at import. */
	phone: string | null;
	/** The letter's address lines (name, street, postcode and city, country abroad), one a line; null when incomplete. */
	postalAddress: string | null;
	/** Whether the debtor has a push subscription behind a link that still works (server/push). */
	pushable: boolean;
	preferredChannel: Channel | null;
	locale: string;
	paused: boolean;
	/** E-mail bounced, reminders by e-mail stopped. */
	bounced: boolean;
	stopped: boolean;
	/** A text message to the number failed; the debtor replied STOP. */
	phoneFailed: boolean;
	smsStopped: boolean;
	claims: (JourneyClaim & { reference: string; description: string; currency: string; kind: 'invoice' | 'collection_costs' })[];
	progress: Progress | null;
	episode: number;
	sentToday: number;
	sentThisWeek: number;
	plan:
		| (Omit<NoticePlan, 'instalments'> & {
				id: string;
				status: string;
				frequency: string;
				mandateAccount: string | null;
				mandateId: string | null;
				currency: string;
				instalments: (NoticePlan['instalments'][number] & { amountCents: number })[];
		  })
		| null;
	promise: { id: string; promisedOn: string; amountCents: number; currency: string } | null;
	tags: string[];
	/** The debtor's segment's treatment, when they are in one (see domain/segments). */
	segment: { tone: Tone | null; calm: boolean; journey: Journey | null } | null;
};

type Row = Omit<DebtorSituation, 'claims' | 'plan' | 'promise' | 'progress' | 'postalAddress'> & {
	address: PostalAddress;
	claims: DebtorSituation['claims'] | null;
	plan: DebtorSituation['plan'];
	promise: DebtorSituation['promise'];
	progress: Progress | null;
};

/**
 * The situations of the debtors `which` selects (a fragment over `d`, the debtors table), on `today` and `monday` of
 * the merchant's clock in `timeZone`. Journey messages count towards today and the week by the day they were queued.
 */
export async function situations(
	db: Db,
	which: SQL,
	at: { today: string; monday: string; timeZone: string },
	limit = 1000
): Promise<DebtorSituation[]> {
	const rows = rowsOf<Row>(
		await db.execute(sql`
		select d.id as "debtorId", d.merchant_id as "merchantId", d.name, d.email, d.phone, d.locale,
			json_build_object('street', d.street, 'postcode', d.postcode, 'city', d.city, 'country', d.country) as address,
			exists(select 1 from push_subscriptions ps join links l on l.id = ps.link_id where ps.debtor_id = d.id
				and l.revoked_at is null and l.expires_at > now()) as pushable,
			d.preferred_channel as "preferredChannel",
			d.collection_paused_at is not null as paused, d.email_bounced_at is not null as bounced,
			d.reminders_stopped_at is not null as stopped,
			d.phone_failed_at is not null as "phoneFailed", d.sms_stopped_at is not null as "smsStopped",
			(select json_agg(json_build_object(
				'id', c.id, 'dueOn', c.due_on, 'amountCents', c.amount_cents - c.amount_paid_cents, 'reference', c.reference,
				'description', c.description, 'currency', c.currency, 'kind', c.kind, 'disputed', c.disputed_at is not null,
				-- Through the debtor's own plans and promises (indexed by debtor), then the claim within each.
				'inPlanOnTrack', exists(select 1 from plans p join plan_claims pc on pc.plan_id = p.id and pc.claim_id = c.id
					where p.debtor_id = d.id and p.status in ('proposed', 'active', 'at_risk')),
				'handedOver', exists(select 1 from handover_claims hc join handovers h on h.id = hc.handover_id
					where hc.claim_id = c.id and h.status = 'handed_over'),
				'promisedUntil', (select max(pr.promised_on) from promises pr join promise_claims prc on prc.promise_id = pr.id and prc.claim_id = c.id
					where pr.debtor_id = d.id and pr.status = 'open')
			) order by c.due_on, c.reference) from claims c where c.debtor_id = d.id and c.status = 'open') as claims,
			jp.progress, coalesce(jp.episode, 1) as episode,
			-- Across every channel; a message that did not arrive (and went on by another channel) is not counted twice.
			(select count(*)::int from outbox_messages o where o.debtor_id = d.id and o.step_id is not null
				and o.status not in ('canceled', 'bounced')
				and (o.created_at at time zone ${at.timeZone})::date = ${at.today}::date) as "sentToday",
			(select count(*)::int from outbox_messages o where o.debtor_id = d.id and o.step_id is not null
				and o.status not in ('canceled', 'bounced')
				and (o.created_at at time zone ${at.timeZone})::date >= ${at.monday}::date) as "sentThisWeek",
			(select json_build_object('id', p.id, 'status', p.status, 'collection', p.collection, 'frequency', p.frequency,
				'held', ${planHeld(sql`p.id`)}, 'debitsRunning', p.mollie_subscription_id is not null,
				'mandateAccount', p.mandate_account, 'mandateId', p.mollie_mandate_id, 'currency', p.currency,
				'instalments', (select json_agg(json_build_object('id', i.id, 'number', i.number, 'dueOn', i.due_on,
					'amountCents', i.amount_cents, 'status', i.status) order by i.number) from instalments i where i.plan_id = p.id))
				from plans p where p.debtor_id = d.id and p.status in ('proposed', 'active', 'at_risk')
				order by p.created_at desc limit 1) as plan,
			(select json_build_object('id', pr.id, 'promisedOn', pr.promised_on, 'amountCents', pr.amount_cents, 'currency', pr.currency)
				from promises pr where pr.debtor_id = d.id and pr.status = 'open' order by pr.created_at desc limit 1) as promise,
			d.tags,
			(select json_build_object('tone', sg.tone, 'calm', sg.calm, 'journey', sg.outreach->'journey')
				from debtor_segments ds join segments sg on sg.id = ds.segment_id where ds.debtor_id = d.id) as segment
		from debtors d left join journey_progress jp on jp.debtor_id = d.id
		where ${which}
		order by d.id limit ${limit}`)
	);
	return rows.map(({ address, ...r }) => ({
		...r,
		postalAddress: addressLines(r.name, address)?.join('\n') ?? null,
		claims: r.claims ?? [],
		plan: r.plan && { ...r.plan, instalments: r.plan.instalments ?? [] }
	}));
}

/** What the outreach reads of a merchant: the brand as the debtor sees it, the sender's name, the journey and rules. */
export const merchantOutreachColumns = { ...debtorFacingColumns, senderName: merchants.senderName, outreach: merchants.outreach };
export type MerchantOutreachRow = Pick<typeof merchants.$inferSelect, keyof typeof merchantOutreachColumns>;

/**
 * The merchant's row and settings as they apply to this debtor: their segment's tone (for steps in the merchant's
 * tone) and journey, the calmest path for a calm segment or a debtor tagged vulnerable. The send window, caps and
 * costs stay the merchant's.
 */
export function treated(m: MerchantOutreachRow, settings: OutreachSettings, s: DebtorSituation) {
	if (!s.segment && !s.tags.includes(VULNERABLE_TAG)) return { m, settings };
	const t = outreachTreatment({ tone: m.tone, journey: settings.journey }, s.segment, s.tags);
	return { m: t.tone === m.tone ? m : { ...m, tone: t.tone }, settings: { ...settings, journey: t.journey } };
}

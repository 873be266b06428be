// What an evidence pack holds, read in the hand-over's transaction: the claims handed over, every message sent
// with its content, channel and delivery proof, the 14-day letter and when its term ended, plans and promises
// with their outcome, disputes and their answers, and the whole timeline — as one hash chain.
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import {
	claims,
	debtorMessages,
	debtors,
	instalments,
	journeyProgress,
	merchants,
	outboxMessages,
	plans,
	promises,
	timelineEvents
} from '../db/schema';
import { chain, type ChainEntry } from './chain';

export type Summary = {
	handover: { id: string; agency: { name: string; kind: string }; reason: string; proposedBy: string; handedOverAt: string; by: string };
	merchant: { name: string; email: string | null; phone: string | null; website: string | null };
	debtor: { customerRef: string; name: string; email: string | null; phone: string | null; address: (string | null)[]; locale: string };
	handedOver: { reference: string; openCents: number }[];
	fourteenDay: { sentAt: string | null; termEndsOn: string | null } | null;
};

/** The pack's JSON: the summary for a quick read, and the chain, whose first entry is that same summary. */
export type Evidence = { format: 'coulant-evidence/1'; summary: Summary; entries: ChainEntry[]; head: string };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function gather(
	db: Db,
	h: { id: string; merchantId: string; debtorId: string; reason: string; proposedBy: string },
	agency: { name: string; kind: string },
	covered: { reference: string; openCents: number }[],
	by: string,
	now: Date
): Promise<Evidence> {
	const [merchant] = await db.select().from(merchants).where(eq(merchants.id, h.merchantId));
	const [debtor] = await db.select().from(debtors).where(eq(debtors.id, h.debtorId));
	const [claimRows, messageRows, planRows, promiseRows, disputeRows, events, [progress]] = await Promise.all([
		db.select().from(claims).where(eq(claims.debtorId, h.debtorId)).orderBy(asc(claims.dueOn), asc(claims.reference)),
		db
			.select()
			.from(outboxMessages)
			.where(eq(outboxMessages.debtorId, h.debtorId))
			.orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id)),
		db.select().from(plans).where(eq(plans.debtorId, h.debtorId)).orderBy(asc(plans.createdAt)),
		db.select().from(promises).where(eq(promises.debtorId, h.debtorId)).orderBy(asc(promises.createdAt)),
		db.select().from(debtorMessages).where(eq(debtorMessages.debtorId, h.debtorId)).orderBy(asc(debtorMessages.createdAt)),
		db.select().from(timelineEvents).where(eq(timelineEvents.debtorId, h.debtorId)).orderBy(asc(timelineEvents.id)),
		db.select().from(journeyProgress).where(eq(journeyProgress.debtorId, h.debtorId))
	]);
	const planInstalments = await Promise.all(
		planRows.map((p) => db.select().from(instalments).where(eq(instalments.planId, p.id)).orderBy(asc(instalments.number)))
	);
	const letter = messageRows.find((m) => m.kind === 'fourteen_day' && m.status === 'sent');

	const summary: Summary = {
		handover: {
			id: h.id,
			agency: { name: agency.name, kind: agency.kind },
			reason: h.reason,
			proposedBy: h.proposedBy,
			handedOverAt: now.toISOString(),
			by
		},
		merchant: { name: merchant.displayName, email: merchant.contactEmail, phone: merchant.contactPhone, website: merchant.website },
		debtor: {
			customerRef: debtor.customerRef,
			name: debtor.name,
			email: debtor.email,
			phone: debtor.phone,
			address: [debtor.street, debtor.postcode, debtor.city, debtor.country],
			locale: debtor.locale
		},
		handedOver: covered,
		fourteenDay: letter || progress?.termEndsOn ? { sentAt: iso(letter?.sentAt ?? null), termEndsOn: progress?.termEndsOn ?? null } : null
	};
	const items = [
		{ type: 'handover', data: summary },
		...claimRows.map((c) => ({
			type: 'claim',
			data: {
				reference: c.reference,
				description: c.description,
				kind: c.kind,
				amountCents: c.amountCents,
				paidCents: c.amountPaidCents,
				currency: c.currency,
				issuedOn: c.issuedOn,
				dueOn: c.dueOn,
				status: c.status,
				disputedAt: iso(c.disputedAt)
			}
		})),
		// Only what went out (or was tried): a message still queued was never seen by the debtor.
		...messageRows
			.filter((m) => m.status !== 'queued')
			.map((m) => ({
				type: 'message',
				data: {
					kind: m.kind,
					step: m.stepId,
					channel: m.channel,
					to: m.toAddress,
					tried: m.tried,
					locale: m.locale,
					tone: m.tone,
					subject: m.subject,
					text: m.text,
					html: m.html,
					status: m.status,
					reason: m.reason,
					messageId: m.messageId,
					transport: m.transport,
					createdAt: iso(m.createdAt),
					sentAt: iso(m.sentAt),
					deliveredAt: iso(m.deliveredAt),
					printedAt: iso(m.printedAt)
				}
			})),
		...planRows.map((p, i) => ({
			type: 'plan',
			data: {
				status: p.status,
				collection: p.collection,
				frequency: p.frequency,
				terms: p.terms,
				totalCents: p.totalCents,
				currency: p.currency,
				mandate: p.mollieMandateId,
				createdAt: iso(p.createdAt),
				updatedAt: iso(p.updatedAt),
				instalments: planInstalments[i].map((x) => ({
					number: x.number,
					dueOn: x.dueOn,
					amountCents: x.amountCents,
					status: x.status,
					paidAt: iso(x.paidAt)
				}))
			}
		})),
		...promiseRows.map((p) => ({
			type: 'promise',
			data: {
				promisedOn: p.promisedOn,
				amountCents: p.amountCents,
				currency: p.currency,
				status: p.status,
				createdAt: iso(p.createdAt),
				resolvedAt: iso(p.resolvedAt)
			}
		})),
		...disputeRows.map((d) => ({
			type: 'debtor_message',
			data: { kind: d.kind, body: d.body, status: d.status, answer: d.answer, createdAt: iso(d.createdAt), answeredAt: iso(d.answeredAt) }
		})),
		...events.map((e) => ({
			type: 'timeline',
			data: { id: e.id, type: e.type, actor: e.actor, occurredAt: iso(e.occurredAt), payload: e.payload }
		}))
	];
	const { entries, head } = chain(h.id, items);
	return { format: 'coulant-evidence/1', summary, entries, head };
}

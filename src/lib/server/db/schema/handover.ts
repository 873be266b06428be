// Hand-over to a collection agency or bailiff the merchant has set up: proposed when the journey has run its course
// (a person confirms it: no automated decision with this much effect on a debtor), confirmed by an agent, and taken
// back out of goodwill. Each hand-over keeps its evidence pack as it was at the moment of hand-over, with the head of
// its hash chain, so what the agency received can be proven later.
import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, claims, createdAt, debtorRef, merchantRef } from './core';

export const agencies = pgTable(
	'agencies',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		name: text('name').notNull(),
		kind: text('kind').$type<'agency' | 'bailiff'>().notNull(),
		email: text('email'),
		phone: text('phone'),
		website: text('website'),
		/** Whether a handed-over debtor may still pay through Coulant (the agency then hears of it from the merchant). */
		payViaCoulant: boolean('pay_via_coulant').notNull().default(false),
		createdAt: createdAt(),
		archivedAt: timestamp('archived_at', { withTimezone: true })
	},
	(t) => [index('agencies_merchant').on(t.merchantId), check('agencies_kind', sql`${t.kind} in ('agency', 'bailiff')`)]
);

export type HandoverStatus = 'proposed' | 'handed_over' | 'declined' | 'taken_back';

export const handovers = pgTable(
	'handovers',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		merchantId: merchantRef(),
		debtorId: debtorRef(),
		agencyId: uuid('agency_id')
			.notNull()
			.references(() => agencies.id),
		status: text('status').$type<HandoverStatus>().notNull(),
		/** Who started it: the journey's end (then a person must confirm) or an agent directly. */
		proposedBy: text('proposed_by').notNull(),
		reason: text('reason').notNull(),
		proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull().defaultNow(),
		decidedAt: timestamp('decided_at', { withTimezone: true }),
		decidedBy: text('decided_by'),
		takenBackAt: timestamp('taken_back_at', { withTimezone: true }),
		takenBackBy: text('taken_back_by'),
		takeBackReason: text('take_back_reason'),
		/** The evidence pack as handed over (a ZIP), the head of its hash chain and the ZIP's own SHA-256. */
		evidence: bytea('evidence'),
		evidenceHead: text('evidence_head'),
		evidenceSha256: text('evidence_sha256')
	},
	(t) => [
		// One live hand-over (proposed or done) per debtor at a time.
		uniqueIndex('handovers_live_debtor')
			.on(t.debtorId)
			.where(sql`${t.status} in ('proposed', 'handed_over')`),
		index('handovers_merchant_status').on(t.merchantId, t.status),
		check('handovers_status', sql`${t.status} in ('proposed', 'handed_over', 'declined', 'taken_back')`)
	]
);

/** The claims a hand-over covers, with what was still open of each when it was proposed. */
export const handoverClaims = pgTable(
	'handover_claims',
	{
		handoverId: uuid('handover_id')
			.notNull()
			.references(() => handovers.id, { onDelete: 'cascade' }),
		claimId: uuid('claim_id')
			.notNull()
			.references(() => claims.id),
		openCents: bigint('open_cents', { mode: 'number' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.handoverId, t.claimId] }), index('handover_claims_claim').on(t.claimId)]
);

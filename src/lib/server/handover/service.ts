// Hand-over to an agency or bailiff, and taking a claim back: the verbs, each in one transaction with its timeline
// entries. A hand-over freezes the evidence pack as it was at that moment, with the head of its hash chain.
import type { Scope } from '../accounts/scope';
import type { Db } from '../db/client';
import * as timeline from '../timeline/queries';
import { gather } from './evidence';
import { buildPack } from './pack';
import * as q from './queries';

export type { AgencyInput } from './queries';
export const agencies = (db: Db, scope: Scope) => q.agenciesOf(db, scope.merchantId);
export const addAgency = (db: Db, scope: Scope, input: q.AgencyInput) => q.addAgency(db, scope.merchantId, input);
export const archiveAgency = (db: Db, scope: Scope, agencyId: string, now = new Date()) =>
	q.archiveAgency(db, scope.merchantId, agencyId, now);
export const waiting = (db: Db, scope: Scope) => q.listFor(db, scope.merchantId, ['proposed']);
export const withAgencies = (db: Db, scope: Scope) => q.listFor(db, scope.merchantId, ['handed_over']);
export const latestOf = (db: Db, scope: Scope, debtorId: string) => q.latestOf(db, scope.merchantId, debtorId);

const actor = (scope: Scope) => `user:${scope.userId}`;

export type HandoverRefusal = 'no_agency' | 'nothing_open' | 'already' | 'not_found' | 'not_proposed' | 'not_handed_over';
type Result = { ok: true; id: string; head?: string } | { ok: false; why: HandoverRefusal };

/** Proposes a hand-over: the journey's end calls this, and a person confirms it. */
export async function propose(
	db: Db,
	merchantId: string,
	debtorId: string,
	agencyId: string,
	by: { proposedBy: string; reason: string },
	now = new Date()
): Promise<Result> {
	return db.transaction(async (tx) => {
		const open = await q.openClaimsOf(tx, merchantId, debtorId);
		if (open.length === 0) return { ok: false, why: 'nothing_open' } as const;
		const h = await q.insertHandover(tx, { merchantId, debtorId, agencyId, status: 'proposed', ...by, now }, open);
		if (!h) return { ok: false, why: 'already' } as const;
		await timeline.append(tx, {
			merchantId,
			debtorId,
			type: 'handover.proposed',
			actor: by.proposedBy,
			occurredAt: now,
			payload: { handoverId: h.id, references: open.map((c) => c.reference), reason: by.reason }
		});
		return { ok: true, id: h.id } as const;
	});
}

/** An agent hands a debtor over directly, with a reason: a person's decision, so no proposal step. */
export async function handOver(
	db: Db,
	scope: Scope,
	debtorId: string,
	agencyId: string,
	reason: string,
	now = new Date(),
	locale: 'nl' | 'en' = 'nl'
) {
	const agency = await q.agency(db, scope.merchantId, agencyId);
	if (!agency) return { ok: false, why: 'no_agency' } as const;
	return db.transaction(async (tx) => {
		const open = await q.openClaimsOf(tx, scope.merchantId, debtorId);
		if (open.length === 0) return { ok: false, why: (await q.liveFor(tx, debtorId)) ? 'already' : 'nothing_open' } as const;
		const h = await q.insertHandover(
			tx,
			{ merchantId: scope.merchantId, debtorId, agencyId, status: 'proposed', proposedBy: actor(scope), reason, now },
			open
		);
		if (!h) return { ok: false, why: 'already' } as const;
		return complete(tx, scope, h, agency, now, locale);
	});
}

/** A person confirms a proposed hand-over. */
export async function confirm(db: Db, scope: Scope, handoverId: string, now = new Date(), locale: 'nl' | 'en' = 'nl'): Promise<Result> {
	return db.transaction(async (tx) => {
		const h = await q.lockHandover(tx, scope.merchantId, handoverId);
		if (!h) return { ok: false, why: 'not_found' };
		if (h.status !== 'proposed') return { ok: false, why: 'not_proposed' };
		const agency = await q.agency(tx, scope.merchantId, h.agencyId);
		if (!agency) return { ok: false, why: 'no_agency' };
		return complete(tx, scope, h, agency, now, locale);
	});
}

async function complete(
	tx: Db,
	scope: Scope,
	h: { id: string; merchantId: string; debtorId: string; reason: string; proposedBy: string },
	agency: { name: string; kind: string },
	now: Date,
	locale: 'nl' | 'en'
): Promise<Result> {
	const covered = (await q.coveredClaims(tx, h.id)).filter((c) => c.status === 'open');
	if (covered.length === 0) {
		await q.setHandover(tx, h.id, { status: 'declined', decidedAt: now, decidedBy: actor(scope), takeBackReason: 'nothing_open' });
		return { ok: false, why: 'nothing_open' };
	}
	// The timeline entries first, so the pack's chain ends with the hand-over itself.
	for (const c of covered) {
		await timeline.append(tx, {
			merchantId: h.merchantId,
			debtorId: h.debtorId,
			claimId: c.id,
			type: 'claim.handed_over',
			actor: actor(scope),
			occurredAt: now,
			payload: { handoverId: h.id, reference: c.reference, openCents: c.openCents, agency: agency.name, reason: h.reason }
		});
	}
	const evidence = await gather(
		tx,
		h,
		agency,
		covered.map((c) => ({ reference: c.reference, openCents: c.openCents })),
		actor(scope),
		now
	);
	const pack = await buildPack(evidence, locale);
	await q.setHandover(tx, h.id, {
		status: 'handed_over',
		decidedAt: now,
		decidedBy: actor(scope),
		evidence: pack.zip,
		evidenceHead: evidence.head,
		evidenceSha256: pack.sha256
	});
	await timeline.append(tx, {
		merchantId: h.merchantId,
		debtorId: h.debtorId,
		type: 'handover.evidence_sealed',
		actor: 'coulant',
		occurredAt: now,
		payload: { handoverId: h.id, head: evidence.head, sha256: pack.sha256, entries: evidence.entries.length }
	});
	return { ok: true, id: h.id, head: evidence.head };
}

export async function decline(db: Db, scope: Scope, handoverId: string, reason: string, now = new Date()): Promise<Result> {
	return db.transaction(async (tx) => {
		const h = await q.lockHandover(tx, scope.merchantId, handoverId);
		if (!h) return { ok: false, why: 'not_found' };
		if (h.status !== 'proposed') return { ok: false, why: 'not_proposed' };
		await q.setHandover(tx, h.id, { status: 'declined', decidedAt: now, decidedBy: actor(scope), takeBackReason: reason });
		await timeline.append(tx, {
			merchantId: h.merchantId,
			debtorId: h.debtorId,
			type: 'handover.declined',
			actor: actor(scope),
			occurredAt: now,
			payload: { handoverId: h.id, reason }
		});
		return { ok: true, id: h.id };
	});
}

/** Takes the claims back from the agency out of goodwill: back in Coulant, and the journey may go on. */
export async function takeBack(
	db: Db,
	scope: Scope,
	handoverId: string,
	reason: string,
	now = new Date(),
	debtorId?: string
): Promise<Result> {
	return db.transaction(async (tx) => {
		const h = await q.lockHandover(tx, scope.merchantId, handoverId);
		if (!h || (debtorId && h.debtorId !== debtorId)) return { ok: false, why: 'not_found' };
		if (h.status !== 'handed_over') return { ok: false, why: 'not_handed_over' };
		await q.setHandover(tx, h.id, { status: 'taken_back', takenBackAt: now, takenBackBy: actor(scope), takeBackReason: reason });
		for (const c of await q.coveredClaims(tx, h.id)) {
			await timeline.append(tx, {
				merchantId: h.merchantId,
				debtorId: h.debtorId,
				claimId: c.id,
				type: 'claim.taken_back',
				actor: actor(scope),
				occurredAt: now,
				payload: { handoverId: h.id, reference: c.reference, reason }
			});
		}
		return { ok: true, id: h.id };
	});
}

/** The pack as it was sealed at hand-over; only the merchant's own. */
export const evidence = (db: Db, scope: Scope, handoverId: string) => q.evidenceOf(db, scope.merchantId, handoverId);

/** What a handed-over debtor may still do on their page: pay only if the agency allows it; plans and more time never. */
export async function mayOnPage(db: Db, debtorId: string): Promise<{ pay: boolean; arrange: boolean }> {
	const h = await q.inForce(db, debtorId);
	return h ? { pay: h.payViaCoulant, arrange: false } : { pay: true, arrange: true };
}

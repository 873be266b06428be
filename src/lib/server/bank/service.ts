// Bank statements in: every booked incoming transfer is matched to the merchant's open claims. A sure match books
// the claim as paid outside Coulant at once (the journey stops); anything else waits for an agent.
//
// Partial transfers: even with the claim's own reference, less than is open never closes a claim by itself. It waits
// for an agent, who can book it as a part payment (what is open goes down, the journey goes on for the rest) or
// say it is not ours. A part payment is refused while the debtor has a running plan: the plan's instalments were
// counted from the old amount, so the agent adjusts the plan instead.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages';
import { ClaimPool, matchTransfer, type Verdict } from '../../domain/bank/match';
import { formatMoney } from '../../domain/money';
import type { Scope } from '../accounts/scope';
import { closeClaim, payPart } from '../claims/close';
import type { Db } from '../db/client';
import { bankImports } from '../db/schema';
import { parseCamt053, type StatementEntry, type StatementProblem } from './camt';
import { looksLikeMt940, parseMt940 } from './mt940';
import * as q from './queries';

export type ImportProblem = StatementProblem | 'duplicate_file';
export type ImportResult =
	| { ok: true; credits: number; booked: number; review: number; unmatched: number; duplicates: number; skipped: number }
	| { ok: false; problem: ImportProblem; importedAt?: Date; detail?: string };

type Locale = 'nl' | 'en';
const actorOf = (scope: Scope) => `user:${scope.userId}`;

/** "Betaald buiten Coulant: overboeking van S. de Vries op 4 december 2026", in the agent's language. */
function reasonFor(e: Pick<StatementEntry, 'payerName' | 'bookedOn' | 'amountCents' | 'currency'>, locale: Locale) {
	const date = new Date(`${e.bookedOn}T12:00:00Z`).toLocaleDateString(locale === 'nl' ? 'nl-NL' : 'en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric',
		timeZone: 'UTC'
	});
	return m.bank_reason_transfer(
		{ name: e.payerName ?? m.bank_unknown_payer({}, { locale }), date, amount: formatMoney(e, locale) },
		{ locale }
	);
}

type Facts = Pick<StatementEntry, 'amountCents' | 'currency' | 'bookedOn' | 'payerName' | 'payerIban'>;
const details = (e: Facts, entryId: string) => ({
	source: 'bank',
	bankEntryId: entryId,
	amountCents: e.amountCents,
	currency: e.currency,
	bookedOn: e.bookedOn,
	payer: e.payerName,
	account: e.payerIban
});

/** CAMT.053 (XML) or MT940 (text), told apart by how the file starts. */
function readStatement(bytes: Uint8Array) {
	const head = new TextDecoder().decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
	return looksLikeMt940(head) ? parseMt940(bytes) : parseCamt053(bytes);
}

export async function importStatement(
	db: Db,
	scope: Scope,
	file: { bytes: Uint8Array; name: string | null },
	locale: Locale,
	now = new Date()
): Promise<ImportResult> {
	const fileHash = createHash('sha256').update(file.bytes).digest('hex');
	const prior = await q.importByHash(db, scope.merchantId, fileHash);
	if (prior) return { ok: false, problem: 'duplicate_file', importedAt: prior.createdAt };
	const parsed = readStatement(file.bytes);
	if (!parsed.ok) return parsed;
	const { statement } = parsed;
	const known = await q.knownKeys(
		db,
		scope.merchantId,
		statement.credits.map((c) => c.key)
	);
	const fresh = statement.credits.filter((c) => !known.has(c.key));
	const pool = new ClaimPool(await q.openClaims(db, scope.merchantId, [...new Set(fresh.map((c) => c.currency))]));
	const verdicts: Verdict[] = fresh.map((c) => {
		const v = matchTransfer(c, pool);
		if (v.kind === 'sure') pool.remove(v.claimId);
		return v;
	});

	return db.transaction(async (tx) => {
		const [imp] = await tx
			.insert(bankImports)
			.values({
				merchantId: scope.merchantId,
				fileHash,
				fileName: file.name?.slice(0, 200) ?? null,
				format: statement.format,
				accounts: statement.accounts.join(' '),
				entries: statement.entries,
				credits: statement.credits.length,
				booked: 0,
				review: 0,
				duplicates: known.size,
				importedBy: scope.userId
			})
			.onConflictDoNothing()
			.returning({ id: bankImports.id });
		// The same file at the same moment from another tab: that one does the work.
		if (!imp) return { ok: false as const, problem: 'duplicate_file' as const, importedAt: now };
		const rows = fresh.map((c, i) => {
			const v = verdicts[i];
			return {
				merchantId: scope.merchantId,
				importId: imp.id,
				entryKey: c.key,
				account: c.account,
				bookedOn: c.bookedOn,
				amountCents: c.amountCents,
				currency: c.currency,
				payerName: c.payerName,
				payerIban: c.payerIban,
				endToEndId: c.endToEndId,
				creditorRef: c.creditorRef,
				remittance: c.remittance,
				status: v.kind === 'sure' ? ('booked' as const) : v.kind === 'none' ? ('unmatched' as const) : ('review' as const),
				verdict: v.kind,
				candidates: v.candidates,
				claimId: v.kind === 'sure' ? v.claimId : null,
				decidedBy: v.kind === 'sure' ? 'coulant' : null,
				decidedAt: v.kind === 'sure' ? now : null
			};
		});
		const inserted = new Map((await q.insertEntries(tx, rows)).map((r) => [r.entryKey, r.id]));
		let booked = 0;
		let review = 0;
		let unmatched = 0;
		for (const [i, c] of fresh.entries()) {
			const id = inserted.get(c.key);
			if (!id) continue;
			const v = verdicts[i];
			if (v.kind === 'sure') {
				const closed = await closeClaim(tx, {
					merchantId: scope.merchantId,
					claimId: v.claimId,
					how: 'paid_outside',
					actor: actorOf(scope),
					reason: reasonFor(c, locale),
					now,
					details: details(c, id)
				});
				if (closed) booked++;
				else {
					// Closed by someone else since we looked: an agent decides what this transfer was for.
					await q.setEntry(tx, scope.merchantId, id, {
						status: 'review',
						verdict: 'unsure',
						claimId: null,
						decidedBy: null,
						decidedAt: null
					});
					review++;
				}
			} else if (v.kind === 'none') unmatched++;
			else review++;
		}
		await tx
			.update(bankImports)
			.set({ booked, review, duplicates: known.size + fresh.length - inserted.size })
			.where(eq(bankImports.id, imp.id));
		return {
			ok: true as const,
			credits: statement.credits.length,
			booked,
			review,
			unmatched,
			duplicates: known.size + fresh.length - inserted.size,
			skipped: statement.skipped
		};
	});
}

export type Decision = 'booked' | 'part_booked' | 'dismissed' | 'not_open' | 'has_plan' | 'gone';

/** An agent books a waiting transfer to one of the merchant's claims. */
export async function bookEntry(
	db: Db,
	scope: Scope,
	entryId: string,
	claimId: string,
	locale: Locale,
	now = new Date()
): Promise<Decision> {
	return db.transaction(async (tx) => {
		const e = await q.entry(tx, scope.merchantId, entryId);
		if (!e || e.status !== 'review') return 'gone';
		const [claim] = await q.claimsByIds(tx, scope.merchantId, [claimId]);
		if (!claim || claim.status !== 'open' || claim.currency !== e.currency) return 'not_open';
		let kind: Decision;
		if (e.amountCents >= claim.openCents) {
			const closed = await closeClaim(tx, {
				merchantId: scope.merchantId,
				claimId,
				how: 'paid_outside',
				actor: actorOf(scope),
				reason: reasonFor(e, locale),
				now,
				details: details(e, e.id)
			});
			if (!closed) return 'not_open';
			kind = 'booked';
		} else {
			const part = await payPart(tx, {
				merchantId: scope.merchantId,
				claimId,
				cents: e.amountCents,
				actor: actorOf(scope),
				reason: reasonFor(e, locale),
				now,
				details: details(e, e.id)
			});
			if (part === 'has_plan') return 'has_plan';
			if (!part) return 'not_open';
			kind = 'part_booked';
		}
		const done = await q.setEntry(
			tx,
			scope.merchantId,
			e.id,
			{ status: 'booked', claimId, decidedBy: actorOf(scope), decidedAt: now },
			'review'
		);
		if (!done) throw new Error('bank entry changed while booking');
		return kind;
	});
}

/** "Not ours": the transfer is for something else; it stays recorded so a later file does not bring it back. */
export async function dismissEntry(db: Db, scope: Scope, entryId: string, now = new Date()): Promise<Decision> {
	const done = await q.setEntry(
		db,
		scope.merchantId,
		entryId,
		{ status: 'dismissed', decidedBy: actorOf(scope), decidedAt: now },
		'review'
	);
	return done ? 'dismissed' : 'gone';
}

/** The review list: each waiting transfer with its candidate claims side by side. */
export async function reviewList(db: Db, scope: Scope) {
	const entries = await q.waiting(db, scope.merchantId);
	const ids = [...new Set(entries.flatMap((e) => e.candidates.map((c) => c.claimId)))];
	const claims = new Map((await q.claimsByIds(db, scope.merchantId, ids)).map((c) => [c.id, c]));
	return entries.map((e) => ({
		id: e.id,
		bookedOn: e.bookedOn,
		amountCents: e.amountCents,
		currency: e.currency,
		payerName: e.payerName,
		payerIban: e.payerIban,
		reference: e.endToEndId ?? e.creditorRef,
		remittance: e.remittance,
		verdict: e.verdict,
		candidates: e.candidates.flatMap((c) => {
			const claim = claims.get(c.claimId);
			return claim && claim.status === 'open' ? [{ ...claim, score: c.score, evidence: c.evidence }] : [];
		})
	}));
}

export const recentImports = (db: Db, scope: Scope) => q.recentImports(db, scope.merchantId);

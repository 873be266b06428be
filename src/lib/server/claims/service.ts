// Claims in, by CSV or API: all or nothing, and idempotent on the merchant's own claim reference.
// New debtors (matched on customer_ref) get a personal link; every new claim is a 'claim.received' event.
import { createHash } from 'node:crypto';
import type { ClaimRow } from '../../schemas/claims';
import type { Db } from '../db/client';
import { hashToken, newToken } from '../links/token';
import { requestVideo } from '../video/jobs';
import { claimRows, type RowProblem } from './csv';
import * as q from './queries';

export type Source = 'csv' | 'api';
export type Receiver = { merchantId: string; actor: string; source: Source; ttlDays: number; now: Date };
export type Conflict = { line: number; reference: string };
export type BatchResult = {
	newDebtors: { id: string; customerRef: string; token: string; expiresAt: Date }[];
	newClaims: { id: string; reference: string; debtorId: string }[];
	existingClaims: string[];
	conflicts: Conflict[];
};

/** Rows per statement: 1000 rows × 13 columns stays far below PostgreSQL's 65535 parameters. */
export const BATCH = 1000;

/** Writes one batch of valid, de-duplicated rows inside the caller's transaction. */
export async function receiveBatch(db: Db, r: Receiver, rows: (ClaimRow & { line: number })[]): Promise<BatchResult> {
	const created = await q.insertDebtors(db, r.merchantId, rows);
	const ids = await q.debtorIds(db, r.merchantId, [...new Set(rows.map((x) => x.customer_ref))]);
	const inserted = await q.insertClaims(db, r.merchantId, rows.map((x) => ({ ...x, debtorId: ids.get(x.customer_ref)! })));
	const insertedRefs = new Set(inserted.map((c) => c.reference));
	const others = rows.filter((x) => !insertedRefs.has(x.reference));
	const conflicts: Conflict[] = [];
	const existing = new Map((await q.existingClaims(db, r.merchantId, others.map((x) => x.reference))).map((c) => [c.reference, c]));
	for (const x of others) {
		const c = existing.get(x.reference);
		// The same claim sent again is fine; the same reference for another debtor or amount is not.
		if (!c || c.customerRef !== x.customer_ref || c.amountCents !== x.amount_cents || c.currency !== x.currency)
			conflicts.push({ line: x.line, reference: x.reference });
	}
	const expiresAt = new Date(r.now.getTime() + r.ttlDays * 86_400_000);
	// As links/service issue(), batched: the raw token exists only in what we return.
	const newDebtors = created.map((d) => ({ ...d, token: newToken(), expiresAt }));
	const issued = await q.insertLinks(db, newDebtors.map((d) => ({ debtorId: d.id, tokenHash: hashToken(d.token), expiresAt })));
	await q.appendEvents(db, [
		...inserted.map((c) => ({
			merchantId: r.merchantId, debtorId: c.debtorId, claimId: c.id, type: 'claim.received', actor: r.actor, occurredAt: r.now,
			payload: { source: r.source, reference: c.reference }
		})),
		...issued.map((l) => ({
			merchantId: r.merchantId, debtorId: l.debtorId, type: 'link.issued', actor: r.actor, occurredAt: r.now,
			payload: { linkId: l.id, source: r.source }
		}))
	]);
	return { newDebtors, newClaims: inserted, existingClaims: others.map((x) => x.reference), conflicts };
}

/** Asks for the new debtors' videos after the commit, so they are rendered before the links go out. */
export function requestVideos(db: Db, debtorIds: Iterable<string>) {
	void (async () => {
		for (const id of debtorIds) await requestVideo(db, id);
	})().catch((e) => console.error('claims in: could not ask for videos:', e));
}

export type CsvResult =
	| { ok: true; rows: number; debtorsCreated: number; claimsCreated: number; claimsExisting: number; importedBefore: string | null }
	| { ok: false; rows: number; problems: RowProblem[]; totalProblems: number };

class Rejected extends Error {}

/** At most this many problems are kept for the report; the total is always counted. */
export const MAX_PROBLEMS = 200;
/** Videos asked for right away after a CSV import; the video sweep picks up the rest. */
const VIDEO_NOW = 500;

/**
 * Imports a CSV stream in one transaction, writing in batches as it reads. A bad line anywhere rolls everything
 * back and the report names every bad line and field (up to MAX_PROBLEMS); a file sent again changes nothing.
 */
export async function importCsv(db: Db, scope: { merchantId: string; userId: string }, source: AsyncIterable<Uint8Array>, ttlDays: number, now = new Date()): Promise<CsvResult> {
	const hash = createHash('sha256');
	const hashed = (async function* () {
		for await (const chunk of source) {
			hash.update(chunk);
			yield chunk;
		}
	})();
	const problems: RowProblem[] = [];
	let totalProblems = 0;
	const report = (p: RowProblem) => {
		totalProblems++;
		if (problems.length < MAX_PROBLEMS) problems.push(p);
	};
	let rows = 0;
	const r: Receiver = { merchantId: scope.merchantId, actor: `user:${scope.userId}`, source: 'csv', ttlDays, now };
	const counts = { debtors: 0, claims: 0, existing: 0 };
	const forVideo = new Set<string>();

	const flush = async (tx: Db, batch: (ClaimRow & { line: number })[]) => {
		const dupes = await q.markSeen(tx, batch.map((x) => ({ reference: x.reference, line: x.line })));
		const fresh = batch.filter((x) => {
			const first = dupes.get(x.reference);
			if (first === undefined || first === x.line) return true;
			report({ line: x.line, field: 'reference', code: 'duplicate', value: String(first) });
			return false;
		});
		// After the first problem nothing more is written: the rest of the file is only checked.
		if (totalProblems) return;
		const done = await receiveBatch(tx, r, fresh);
		for (const c of done.conflicts) report({ line: c.line, field: 'reference', code: 'reference_taken' });
		counts.debtors += done.newDebtors.length;
		counts.claims += done.newClaims.length;
		counts.existing += done.existingClaims.length - done.conflicts.length;
		for (const c of done.newClaims) if (forVideo.size < VIDEO_NOW) forVideo.add(c.debtorId);
	};

	try {
		const result = await db.transaction(async (t) => {
			const tx = t as unknown as Db;
			await q.startSeenRefs(tx);
			let batch: (ClaimRow & { line: number })[] = [];
			for await (const item of claimRows(hashed)) {
				if (item.kind === 'problem') {
					report(item.problem);
					continue;
				}
				rows++;
				batch.push({ ...item.row, line: item.line });
				if (batch.length >= BATCH) {
					await flush(tx, batch);
					batch = [];
				}
			}
			await flush(tx, batch);
			if (!rows && !totalProblems) report({ line: 1, field: null, code: 'empty' });
			if (totalProblems) throw new Rejected();
			const fileSha256 = hash.digest('hex');
			const before = await q.lastImportOf(tx, scope.merchantId, fileSha256);
			await q.recordImport(tx, { merchantId: scope.merchantId, fileSha256, rows, created: counts.claims, createdBy: scope.userId, createdAt: now });
			return {
				ok: true as const, rows, debtorsCreated: counts.debtors, claimsCreated: counts.claims, claimsExisting: counts.existing,
				importedBefore: before ? before.createdAt.toISOString() : null
			};
		});
		requestVideos(db, forVideo);
		return result;
	} catch (e) {
		if (e instanceof Rejected) return { ok: false, rows, problems, totalProblems };
		throw e;
	}
}

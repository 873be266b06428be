// Claims in, by CSV or API: all or nothing, and idempotent on the merchant's own claim reference.
// New debtors (matched on customer_ref) get a personal link; every new claim is a 'claim.received' event.
import { createHash } from 'node:crypto';
import type { Db } from '../db/client';
import * as segments from '../segments/service';
import { requestVideo } from '../video/jobs';
import { claimRows, type RowProblem } from './csv';
import * as q from './queries';
import * as staging from './staging';
import type { Receipt, StagedRow } from './staging';

/**
 * Receives what is staged: new debtors (with a link each), then new claims. Existing debtors and claims sent
 * again are left as they are. The caller then checks staging.referencesTaken and rolls back if any are.
 */
async function receiveStaged(db: Db, merchantId: string, r: Receipt, keep: number) {
	const newDebtors = await staging.receiveDebtors(db, merchantId, r, keep);
	const newClaims = await staging.receiveClaims(db, merchantId, r, keep);
	// Cheap when the merchant has no segments (one small query); otherwise only the debtors this import touched.
	await staging.retag(db, merchantId);
	await segments.refreshWhere(db, merchantId, staging.touched, r.now);
	return { newDebtors, newClaims };
}

/**
 * Receives a few rows at once (an API request: one debtor and up to 100 claims) in the caller's transaction.
 * When `taken` is not empty the caller must roll back: what was written conflicts with what the merchant has.
 */
export async function receiveRows(db: Db, merchantId: string, r: Receipt, rows: StagedRow[]) {
	const stager = await staging.stager(db);
	for (const row of rows) await stager.add(row);
	await stager.end();
	const done = await receiveStaged(db, merchantId, r, rows.length);
	return { ...done, taken: await staging.referencesTaken(db, merchantId, rows.length) };
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
/** New claims whose debtors' videos are asked for right away after a CSV import; the video sweep picks up the rest. */
const VIDEO_NOW = 1500;

/** Problems in line order, at most MAX_PROBLEMS of them kept; the total is always counted. */
class Report {
	problems: RowProblem[] = [];
	total = 0;
	add(p: RowProblem) {
		this.total++;
		if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
	}
	/** Problems found by a query over the staged rows (already in line order, the first MAX_PROBLEMS of `total`). */
	merge(found: staging.Found, problem: (f: staging.Found['lines'][number]) => RowProblem) {
		this.total += found.total;
		this.problems = [...this.problems, ...found.lines.map(problem)].sort((a, b) => a.line - b.line).slice(0, MAX_PROBLEMS);
	}
}

/**
 * Imports a CSV stream in one transaction: rows are staged as they are read, a small batch at a time, then
 * checked and received with a few set-based statements. A bad line anywhere rolls everything back and the report
 * names every bad line and field (up to MAX_PROBLEMS); a file sent again changes nothing.
 */
export async function importCsv(
	db: Db,
	scope: { merchantId: string; userId: string },
	source: AsyncIterable<Uint8Array>,
	ttlDays: number,
	now = new Date()
): Promise<CsvResult> {
	const hash = createHash('sha256');
	const hashed = (async function* () {
		for await (const chunk of source) {
			hash.update(chunk);
			yield chunk;
		}
	})();
	const report = new Report();
	let rows = 0;
	const receipt: Receipt = { actor: `user:${scope.userId}`, source: 'csv', expiresAt: new Date(now.getTime() + ttlDays * 86_400_000), now };
	try {
		const result = await db.transaction(async (tx) => {
			const stager = await staging.stager(tx);
			for await (const item of claimRows(hashed)) {
				if (item.kind === 'problem') {
					report.add(item.problem);
					continue;
				}
				rows++;
				await stager.add({ ...item.row, line: item.line });
			}
			await stager.end();
			if (!rows && !report.total) report.add({ line: 1, field: null, code: 'empty' });
			await staging.analyze(tx);
			report.merge(await staging.duplicates(tx, MAX_PROBLEMS), (d) => ({
				line: d.line,
				field: 'reference',
				code: 'duplicate',
				value: String(d.firstLine)
			}));
			// A file with problems writes nothing, but the references it would take are named too, so one upload shows
			// every problem; otherwise the check after writing also sees what a concurrent import wrote.
			const done = report.total ? undefined : await receiveStaged(tx, scope.merchantId, receipt, VIDEO_NOW);
			report.merge(await staging.referencesTaken(tx, scope.merchantId, MAX_PROBLEMS), (d) => ({
				line: d.line,
				field: 'reference',
				code: 'reference_taken'
			}));
			if (!done || report.total) throw new Rejected();
			const fileSha256 = hash.digest('hex');
			const before = await q.lastImportOf(tx, scope.merchantId, fileSha256);
			await q.recordImport(tx, {
				merchantId: scope.merchantId,
				fileSha256,
				rows,
				created: done.newClaims.total,
				createdBy: scope.userId,
				createdAt: now
			});
			return {
				result: {
					ok: true as const,
					rows,
					debtorsCreated: done.newDebtors.total,
					claimsCreated: done.newClaims.total,
					claimsExisting: rows - done.newClaims.total,
					importedBefore: before ? before.createdAt.toISOString() : null
				},
				forVideo: new Set(done.newClaims.first.map((c) => c.debtorId))
			};
		});
		requestVideos(db, result.forVideo);
		return result.result;
	} catch (e) {
		if (e instanceof Rejected) return { ok: false, rows, problems: report.problems, totalProblems: report.total };
		throw e;
	}
}

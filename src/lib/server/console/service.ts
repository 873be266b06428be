// The console's verbs, each scoped to the signed-in merchant (see accounts/scope.ts).
import { addressLines } from '../../domain/address';
import QRCode from 'qrcode';
import { balanceOf, type ClaimLine } from '../../domain/claim';
import { isUuid } from '../../domain/uuid';
import type { Db } from '../db/client';
import type { Scope } from '../accounts/scope';
import * as linkService from '../links/service';
import * as timeline from '../timeline/queries';
import * as q from './queries';

export const overview = (db: Db, scope: Scope) => q.overview(db, scope.merchantId);

export const DEBTORS_PER_PAGE = 50;

/** A page of the merchant's debtors by name; `after` continues from a debtor id of the previous page. */
export const debtors = (db: Db, scope: Scope, options: { after?: string; awaiting?: boolean } = {}) =>
	q.debtorsWithBalance(db, scope.merchantId, {
		after: options.after && isUuid(options.after) ? options.after : undefined,
		awaiting: options.awaiting,
		limit: DEBTORS_PER_PAGE
	});

/** Whether the debtor is the signed-in merchant's (any id that is not one of theirs is simply not). */
export async function owns(db: Db, scope: Scope, debtorId: string) {
	return isUuid(debtorId) && !!(await q.debtor(db, scope.merchantId, debtorId));
}

/** A debtor of the signed-in merchant with their claims and balance; undefined for anyone else's debtor. */
export async function debtor(db: Db, scope: Scope, debtorId: string) {
	if (!isUuid(debtorId)) return undefined;
	const row = await q.debtor(db, scope.merchantId, debtorId);
	if (!row) return undefined;
	const claims = (await q.claimsOf(db, scope.merchantId, debtorId)) as ClaimLine[];
	// The postal address as one line (street, postcode and city, the country abroad), or null when incomplete.
	const address = addressLines(row.name, row)?.slice(1).join(', ') ?? null;
	return { debtor: { ...row, address }, claims, balance: balanceOf(claims, 'EUR', { paused: !!row.pausedAt }) };
}

/**
 * Revokes the debtor's links and issues a fresh one, recorded on the timeline with who did it.
 * Undefined when the debtor is not the signed-in merchant's.
 */
export async function newLink(db: Db, scope: Scope, debtorId: string, ttlDays: number, options: { reason?: string; now?: Date } = {}) {
	const now = options.now ?? new Date();
	if (!isUuid(debtorId)) return undefined;
	return db.transaction(async (t) => {
		if (!(await q.lockDebtor(t, scope.merchantId, debtorId))) return undefined;
		const revoked = await q.revokeLinks(t, scope.merchantId, debtorId, now);
		const issued = await linkService.issue(t, debtorId, ttlDays, now);
		await timeline.append(t, {
			merchantId: scope.merchantId,
			debtorId,
			type: 'link.issued',
			actor: `user:${scope.userId}`,
			occurredAt: now,
			payload: { linkId: issued.linkId, revoked, ...(options.reason ? { reason: options.reason } : {}) }
		});
		return issued;
	});
}

/** A fresh link for every debtor of the merchant (all old links stop working), as rows for a CSV file. */
export async function newLinksForAll(db: Db, scope: Scope, ttlDays: number, origin: string, now = new Date()) {
	const rows: { customerRef: string; name: string; email: string | null; url: string }[] = [];
	for (const d of await q.debtorIdsOf(db, scope.merchantId)) {
		const issued = await newLink(db, scope, d.id, ttlDays, { now, reason: 'links CSV for all debtors' });
		if (issued) rows.push({ customerRef: d.customerRef, name: d.name, email: d.email, url: `${origin}/d/${issued.token}` });
	}
	return rows;
}

export async function qrCodes(url: string) {
	const [svg, png] = await Promise.all([
		QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
		QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 600 })
	]);
	return { svg, png };
}

// Spreadsheet programs run cells that start like a formula, and which character splits cells depends on the
// program's language (',' in English Excel, ';' in Dutch Excel, tabs when pasted). So every cell is quoted, and
// a formula start is defused with a leading quote wherever a cell could begin, whichever splitter is used.
const FORMULA_START = /(^|[,;\t\r\n])([\s"]*)(?=[=+\-@])/g;

function csvCell(value: string | null): string {
	const v = (value ?? '').replace(FORMULA_START, "$1$2'");
	return `"${v.replaceAll('"', '""')}"`;
}

export function toCsv(header: string[], rows: (string | null)[][]): string {
	return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

// Pay links per instalment, for reminders: a random token in the URL, only its hash stored, and it opens
// one instalment's pay page — never the debtor's whole overview.
import { DEFAULT_POLICY } from '../../domain/policy';
import type { Db } from '../db/client';
import type { LinkHolder } from '../links/holder';
import { lookupKey } from '../links/service';
import { hashToken, newToken } from '../links/token';
import { toBrand } from '../merchants/brand';
import * as q from './queries';

export async function issue(db: Db, instalmentId: string, ttlDays = 60, now = new Date()) {
	const token = newToken();
	await q.insertPayLink(db, {
		instalmentId,
		tokenHash: hashToken(token),
		expiresAt: new Date(now.getTime() + ttlDays * 86_400_000),
		createdAt: now
	});
	return token;
}

/** The instalment behind a pay link, with what its page shows and who holds it; null for an unknown or expired link. */
export async function resolve(db: Db, token: string, now = new Date()) {
	const key = lookupKey(token);
	if (!key) return null;
	const row = await q.byPayLink(db, key, now);
	if (!row) return null;
	return {
		instalment: row.instalment,
		plan: row.plan,
		brand: toBrand(row.merchant),
		tone: row.merchant.tone,
		holder: {
			debtorId: row.plan.debtorId,
			debtorName: row.debtorName,
			merchantId: row.merchant.id,
			merchantName: row.merchant.displayName,
			policy: row.merchant.policy ?? DEFAULT_POLICY
		} satisfies LinkHolder
	};
}

/** What the pay page shows of the instalment behind a pay link; null for an unknown or expired link. */
export async function page(db: Db, token: string, now = new Date()) {
	const found = await resolve(db, token, now);
	if (!found) return null;
	const { instalment, plan, brand, tone } = found;
	const due = q.LIVE.includes(plan.status) && instalment.status !== 'paid';
	return {
		brand,
		tone,
		number: instalment.number,
		terms: plan.terms,
		amount: { amountCents: instalment.amountCents, currency: plan.currency },
		dueOn: instalment.dueOn,
		payable: due,
		onHold: due && (await q.planOnHold(db, plan.id)),
		paid: instalment.status === 'paid'
	};
}

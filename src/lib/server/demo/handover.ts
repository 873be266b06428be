// The demo's hand-over: an agency set up, and one proposal waiting in "Overdracht" for a person to decide on.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { debtors, merchants } from '../db/schema';
import * as q from '../handover/queries';
import { propose } from '../handover/service';

const AGENCY = {
	name: 'Incasso Noord',
	kind: 'agency' as const,
	email: 'dossiers@incassonoord.example',
	phone: '+31 50 123 4567',
	website: 'https://incassonoord.example',
	payViaCoulant: true
};

/** Once: the agency, and a proposal for the business debtor whose invoice is long overdue. Returns whether one waits. */
export async function ensureDemoHandover(db: Db, now = new Date()): Promise<boolean> {
	const [merchant] = await db.select({ id: merchants.id }).from(merchants).where(eq(merchants.slug, 'de-groene-fiets'));
	if (!merchant) return false;
	const agency = (await q.agenciesOf(db, merchant.id))[0] ?? (await q.addAgency(db, merchant.id, AGENCY));
	const [debtor] = await db
		.select({ id: debtors.id })
		.from(debtors)
		.where(and(eq(debtors.merchantId, merchant.id), eq(debtors.name, 'Jan-Willem van den Berg-Oosterhuis')));
	if (!debtor) return false;
	if (await q.liveFor(db, debtor.id)) return true;
	const r = await propose(db, merchant.id, debtor.id, agency.id, { proposedBy: 'journey', reason: 'journey_ended' }, now);
	return r.ok;
}

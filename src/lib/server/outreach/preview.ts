// A journey message that has not gone yet holds only its subject: the sender writes the body at the moment it goes,
// from what is owed then. Support still wants to read it, so the console writes it now, the same way the sender
// would — the debtor's situation today, the step as the journey has it — and says that it is a preview.
import { sql } from 'drizzle-orm';
import { askable } from '../../domain/outreach/planner';
import { outreachOf } from '../../domain/outreach/settings';
import type { Db } from '../db/client';
import { merchants } from '../db/schema';
import type { OutboxRow } from './channels';
import { composeStep } from './compose';
import type { Mail } from './mail';
import { clockOf, merchantOutreachColumns } from './plan';
import { situations } from './situations';
import { eq } from 'drizzle-orm';

/** The message as it would go now, or null when it is no journey message or nothing of it is still owed. */
export async function previewOf(db: Db, row: OutboxRow, origin: string, now = new Date()): Promise<Mail | null> {
	if (!row.stepId) return null;
	const [m] = await db.select(merchantOutreachColumns).from(merchants).where(eq(merchants.id, row.merchantId));
	if (!m) return null;
	const { journey, policy } = outreachOf(m.outreach);
	const step = journey.steps.find((s) => s.id === row.stepId);
	if (!step) return null;
	const clock = clockOf(policy, now);
	const [s] = await situations(db, sql`d.id = ${row.debtorId}::uuid`, clock, 1);
	if (!s) return null;
	const named = askable({ claims: s.claims, paused: s.paused, today: clock.today }).filter((c) => row.claimIds.includes(c.id));
	// Held or paid since it was queued: show what was named, so support sees what it was about.
	const ids = named.length ? named.map((c) => c.id) : row.claimIds.filter((id) => s.claims.some((c) => c.id === id));
	if (ids.length === 0) return null;
	const composed = await composeStep(m, s, step, ids, clock.today, origin, row.channel);
	return { subject: composed.subject, html: composed.html, text: composed.text };
}

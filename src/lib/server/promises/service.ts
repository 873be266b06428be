// "More time": a promise to pay on a date within the merchant's policy, and what happens when that date comes.
import { sum } from '../../domain/money';
import { checkPostponement, type PostponementRefusal } from '../../domain/policy';
import { promiseOutcome } from '../../domain/promise';
import { toIsoDay } from '../../domain/schedule';
import type { Db } from '../db/client';
import type { LinkHolder } from '../links/holder';
import * as timeline from '../timeline/queries';
import * as q from './queries';

export type MakeOutcome =
	{ ok: true; promisedOn: string } | { ok: false; reason: PostponementRefusal | 'nothing_to_pay' | 'already_promised' };

/** Records a promise after checking it against the policy again: the page's limits are only a courtesy. */
export async function make(
	db: Db,
	who: Pick<LinkHolder, 'debtorId' | 'merchantId' | 'policy'>,
	requestedDate: string,
	now = new Date()
): Promise<MakeOutcome> {
	return db.transaction(async (t) => {
		if (await q.openOf(t, who.debtorId)) return { ok: false, reason: 'already_promised' };
		const check = checkPostponement(who.policy, toIsoDay(now), requestedDate, await q.madeBy(t, who.debtorId));
		if (!check.ok) return check;
		const open = await q.openClaimsOf(t, who.debtorId);
		if (open.length === 0) return { ok: false, reason: 'nothing_to_pay' };
		const total = sum(open);
		const promise = await q.insert(
			t,
			{
				merchantId: who.merchantId,
				debtorId: who.debtorId,
				promisedOn: check.date,
				amountCents: total.amountCents,
				currency: total.currency,
				createdAt: now
			},
			open.map((c) => c.id)
		);
		await timeline.append(t, {
			merchantId: who.merchantId,
			debtorId: who.debtorId,
			type: 'promise.made',
			actor: 'debtor',
			occurredAt: now,
			payload: { promiseId: promise.id, promisedOn: check.date, amountCents: total.amountCents, currency: total.currency }
		});
		return { ok: true, promisedOn: check.date };
	});
}

/**
 * Settles open promises: kept once everything they cover is paid, broken the day after their date.
 * Safe to run from any number of processes, any number of times: each promise moves once.
 */
export async function review(db: Db, now = new Date(), debtorId?: string): Promise<number> {
	let moved = 0;
	for (const { promise, stillOpen } of await q.toReview(db, toIsoDay(now), debtorId)) {
		const outcome = promiseOutcome(promise.promisedOn, toIsoDay(now), stillOpen);
		if (outcome === 'open') continue;
		await db.transaction(async (t) => {
			const resolved = await q.resolve(t, promise.id, outcome, now);
			if (!resolved) return;
			moved++;
			await timeline.append(t, {
				merchantId: promise.merchantId,
				debtorId: promise.debtorId,
				type: `promise.${outcome}`,
				actor: 'system',
				occurredAt: now,
				payload: { promiseId: promise.id, promisedOn: promise.promisedOn }
			});
		});
	}
	return moved;
}

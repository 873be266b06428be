// "More time": a promise to pay within the merchant's policy, kept when paid, broken when the day passes.
import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import type { Db } from '../../src/lib/server/db/client';
import { merchants, promises as promiseTable, timelineEvents } from '../../src/lib/server/db/schema';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy';
import * as controls from '../../src/lib/server/mollie-standin/controls';
import * as linkService from '../../src/lib/server/links/service';
import * as pay from '../../src/lib/server/payments/service';
import * as portal from '../../src/lib/server/portal/service';
import * as promises from '../../src/lib/server/promises/service';
import * as make from '../helpers/fixtures';
import { APP_ORIGIN, eventually, useStandinDatabase } from '../helpers/standin';

const env = useStandinDatabase();
let db: Db;
beforeAll(() => {
	({ db } = env);
});

const NOW = new Date('2026-11-22T10:00:00Z');
const day = (iso: string) => new Date(`${iso}T10:00:00Z`);

async function debtor(policy = DEFAULT_POLICY) {
	const m = await make.merchant(db, { policy });
	const d = await make.debtor(db, m.id);
	await make.claim(db, { merchantId: m.id, debtorId: d.id }, { amountCents: 4500 });
	const { token } = await linkService.issue(db, d.id, 90, NOW);
	const who = (await portal.holder(db, token, NOW))!;
	return { token, who, merchantId: m.id, debtorId: d.id };
}

async function events(debtorId: string, type: string) {
	const [r] = await db
		.select({ n: count() })
		.from(timelineEvents)
		.where(and(eq(timelineEvents.debtorId, debtorId), eq(timelineEvents.type, type)));
	return r.n;
}

describe('asking for more time', () => {
	it('records a promise within the policy and shows it on the page', async () => {
		const { token, who, debtorId } = await debtor();
		expect(await promises.make(db, who, '2026-12-15', NOW)).toEqual({ ok: true, promisedOn: '2026-12-15' });
		expect(await events(debtorId, 'promise.made')).toBe(1);
		const view = await portal.open(db, token, { locale: 'nl', now: NOW });
		expect(view!.promise).toEqual({ promisedOn: '2026-12-15' });
		expect(view!.moreTime).toBeNull();
	});

	it('offers exactly the dates the policy allows', async () => {
		const { token } = await debtor();
		const view = await portal.open(db, token, { locale: 'nl', now: NOW });
		expect(view!.moreTime).toEqual({ earliest: '2026-11-23', latest: '2026-12-22' });
	});

	it('refuses tampered dates and extra postponements, whatever the form said', async () => {
		const { who } = await debtor();
		expect(await promises.make(db, who, '2027-01-30', NOW)).toEqual({ ok: false, reason: 'date_too_late' });
		expect(await promises.make(db, who, '2026-11-01', NOW)).toEqual({ ok: false, reason: 'date_in_past' });
		expect(await promises.make(db, who, 'morgen', NOW)).toEqual({ ok: false, reason: 'date_invalid' });
		expect((await promises.make(db, who, '2026-12-01', NOW)).ok).toBe(true);
		expect(await promises.make(db, who, '2026-12-02', NOW)).toEqual({ ok: false, reason: 'already_promised' });
	});

	it('is not offered when the merchant does not allow it', async () => {
		const { token, who } = await debtor({ ...DEFAULT_POLICY, offers: { ...DEFAULT_POLICY.offers, moreTime: false } });
		expect((await portal.open(db, token, { locale: 'nl', now: NOW }))!.moreTime).toBeNull();
		expect(await promises.make(db, who, '2026-12-01', NOW)).toEqual({ ok: false, reason: 'more_time_not_offered' });
	});
});

describe('when the promised day comes', () => {
	it('breaks an unpaid promise the day after, once, and the claim is simply open again', async () => {
		const { token, who, debtorId } = await debtor();
		await promises.make(db, who, '2026-12-01', NOW);
		expect(await promises.review(db, day('2026-12-01'))).toBe(0);
		await Promise.all([promises.review(db, day('2026-12-02')), promises.review(db, day('2026-12-02'))]);
		await promises.review(db, day('2026-12-03'));
		expect(await events(debtorId, 'promise.broken')).toBe(1);
		const view = await portal.open(db, token, { locale: 'nl', now: day('2026-12-02') });
		expect(view!.promise).toBeNull();
		expect(view!.balance.total.amountCents).toBe(4500);
		// One postponement was allowed and it is used.
		expect(view!.moreTime).toBeNull();
	});

	it('is kept the moment the debtor pays, before the date', async () => {
		const { who, debtorId } = await debtor();
		await promises.make(db, who, '2026-12-10', new Date());
		const { url } = (await pay.start(db, who, ['ideal'], { origin: APP_ORIGIN, locale: 'nl' })) as { url: string };
		await controls.decide(db, url.split('/').pop()!, 'paid');
		expect(
			await eventually(
				() => events(debtorId, 'promise.kept'),
				(n) => n === 1
			)
		).toBe(1);
		const [row] = await db.select().from(promiseTable).where(eq(promiseTable.debtorId, debtorId));
		expect(row.status).toBe('kept');
		expect(await events(debtorId, 'promise.broken')).toBe(0);
	});
});

describe('merchant policy', () => {
	it('is stored per merchant and defaults when unset', async () => {
		const m = await make.merchant(db);
		const [row] = await db.select({ policy: merchants.policy }).from(merchants).where(eq(merchants.id, m.id));
		expect(row.policy).toBeNull();
	});
});

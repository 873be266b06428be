// Starting a payment at Mollie: the whole balance, or one instalment, reusing the one already open. What
// Mollie then reports is settled above this (see ../settlement), as it concerns plans and promises too.
import { randomUUID } from 'node:crypto';
import { sum } from '../../domain/money';
import { isReusable, toMollieAmount, type PaymentStatus } from '../../domain/payment';
import type { Db } from '../db/client';
import type { payments } from '../db/schema';
import type { LinkHolder } from '../links/holder';
import { hashToken, newToken } from '../links/token';
import * as timeline from '../timeline/queries';
import * as mollie from './mollie';
import * as q from './queries';
import type { Locale } from '../../schemas/locale';

/** What a payment needs of the link's holder. */
type Payer = Pick<LinkHolder, 'debtorId' | 'merchantId' | 'merchantName'>;
export type StartContext = { origin: string; locale: Locale; now?: Date };
/** Mollie's checkout speaks these of our languages; Turkish and Arabic readers get English there. */
const MOLLIE_LOCALES = { nl: 'nl_NL', en: 'en_US', de: 'de_DE', fr: 'fr_FR', pl: 'pl_PL', tr: 'en_US', ar: 'en_US' } as const;
export type StartOutcome =
	| { kind: 'checkout'; url: string }
	| { kind: 'nothing_to_pay' }
	| { kind: 'in_progress' }
	| { kind: 'unavailable' }
	| { kind: 'refused'; field?: string };

type Prepared =
	| { kind: 'done'; outcome: StartOutcome }
	| { kind: 'wait'; paymentId: string }
	| { kind: 'create'; row: q.PaymentRow; returnToken: string; references: string[] };

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** A new payment row with its own idempotency key and return token; the raw token exists only in what this returns. */
async function reserve(
	t: Db,
	payer: Payer,
	fields: Omit<typeof payments.$inferInsert, 'merchantId' | 'debtorId' | 'idempotencyKey' | 'returnTokenHash'>,
	claimIds: string[]
) {
	const returnToken = newToken();
	const row = await q.insert(
		t,
		{
			merchantId: payer.merchantId,
			debtorId: payer.debtorId,
			idempotencyKey: randomUUID(),
			returnTokenHash: hashToken(returnToken),
			...fields
		},
		claimIds
	);
	return { row, returnToken };
}

/** Under a per-debtor lock: reuse the payment already open for exactly these claims, or reserve a new one. */
async function prepare(db: Db, payer: Payer, methods: string[], now: Date, staleAfterMs: number): Promise<Prepared> {
	return db.transaction(async (t) => {
		await q.lockDebtor(t, payer.debtorId);
		const open = await q.openClaimsOf(t, payer.debtorId);
		if (open.length === 0) return { kind: 'done', outcome: { kind: 'nothing_to_pay' } };
		const claimIds = open.map((c) => c.id).sort();
		const total = sum(open);
		const method = methods.join(',');
		for (const { payment, claimIds: covered } of await q.liveOf(t, payer.debtorId)) {
			if (!sameSet(covered, claimIds) || payment.amountCents !== total.amountCents) continue;
			if (payment.status === 'pending') return { kind: 'done', outcome: { kind: 'in_progress' } };
			if (payment.method !== method) continue;
			if (payment.status === 'creating') {
				if (now.getTime() - payment.createdAt.getTime() < staleAfterMs) return { kind: 'wait', paymentId: payment.id };
				await q.update(t, payment.id, { status: 'abandoned' }, 'creating');
				continue;
			}
			if (payment.checkoutUrl && isReusable(payment.status as PaymentStatus, payment.expiresAt, now)) {
				return { kind: 'done', outcome: { kind: 'checkout', url: payment.checkoutUrl } };
			}
		}
		const { row, returnToken } = await reserve(
			t,
			payer,
			{ amountCents: total.amountCents, currency: total.currency, method, createdAt: now },
			claimIds
		);
		return { kind: 'create', row, returnToken, references: open.map((c) => c.reference) };
	});
}

/** A second tap while the first is still talking to Mollie: wait for its answer instead of asking twice. */
async function awaitCreation(db: Db, paymentId: string, timeoutMs: number): Promise<StartOutcome> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const row = await q.byId(db, paymentId);
		if (row && row.status !== 'creating') {
			return row.checkoutUrl && row.status === 'open' ? { kind: 'checkout', url: row.checkoutUrl } : { kind: 'unavailable' };
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return { kind: 'unavailable' };
}

export async function start(db: Db, payer: Payer, methods: string[], ctx: StartContext): Promise<StartOutcome> {
	const now = ctx.now ?? new Date();
	const timeoutMs = mollie.timeoutMs();
	const prepared = await prepare(db, payer, methods, now, timeoutMs * 2);
	if (prepared.kind === 'done') return prepared.outcome;
	if (prepared.kind === 'wait') return awaitCreation(db, prepared.paymentId, timeoutMs * 2);

	const { row, returnToken, references } = prepared;
	return createAtMollie(db, row, returnToken, `${payer.merchantName} ${references.join(', ')}`, methods, ctx, now);
}

/**
 * Asks Mollie for the payment reserved in `row` and records the answer: the checkout on success, or the
 * row abandoned (never shown to the debtor, so it can never be paid) when Mollie is down or refuses.
 */
async function createAtMollie(
	db: Db,
	row: q.PaymentRow,
	returnToken: string,
	description: string,
	methods: string[],
	ctx: StartContext,
	now: Date,
	extra: { first?: { customerId: string; sequenceType: 'first' }; instalment?: number } = {}
): Promise<StartOutcome> {
	const created = await mollie.createPayment(
		{ db, merchantId: row.merchantId },
		{
			amount: toMollieAmount(row.amountCents, row.currency),
			description: description.slice(0, 255),
			redirectUrl: `${ctx.origin}/p/${returnToken}`,
			webhookUrl: mollie.webhookUrl(ctx.origin),
			method: methods,
			locale: MOLLIE_LOCALES[ctx.locale],
			metadata: { coulantPaymentId: row.id },
			idempotencyKey: row.idempotencyKey!,
			...extra.first
		}
	);
	if (!created.ok) {
		await q.update(db, row.id, { status: 'abandoned' }, 'creating');
		console.warn(`payment ${row.id} not created: ${created.detail}`);
		return created.reason === 'unavailable' ? { kind: 'unavailable' } : { kind: 'refused', field: created.field };
	}
	const p = created.value;
	await q.update(
		db,
		row.id,
		{ molliePaymentId: p.id, status: p.status, checkoutUrl: p.checkoutUrl, expiresAt: p.expiresAt, method: p.method ?? row.method },
		'creating'
	);
	await timeline.append(db, {
		merchantId: row.merchantId,
		debtorId: row.debtorId,
		type: 'payment.started',
		actor: 'debtor',
		occurredAt: now,
		payload: {
			paymentId: row.id,
			amountCents: row.amountCents,
			currency: row.currency,
			method: p.method ?? methods.join(','),
			...(extra.instalment ? { instalment: extra.instalment } : {})
		}
	});
	return p.checkoutUrl ? { kind: 'checkout', url: p.checkoutUrl } : { kind: 'unavailable' };
}

/** Pays one instalment: the first of a direct-debit plan (which sets up the mandate), a missed one, or the next. */
export async function startInstalment(
	db: Db,
	payer: Payer,
	target: { instalmentId: string; number: number; amountCents: number; currency: string; customerId?: string; first?: boolean },
	methods: string[],
	ctx: StartContext
): Promise<StartOutcome> {
	const now = ctx.now ?? new Date();
	const reserved = await db.transaction(async (t) => {
		await q.lockDebtor(t, payer.debtorId);
		const live = await q.liveForInstalment(t, target.instalmentId);
		const reusable = live.find((p) => p.checkoutUrl && isReusable(p.status as PaymentStatus, p.expiresAt, now));
		if (reusable) return { reuse: reusable.checkoutUrl! };
		if (live.some((p) => p.status === 'pending')) return { busy: true as const };
		return reserve(
			t,
			payer,
			{
				amountCents: target.amountCents,
				currency: target.currency,
				method: methods.join(','),
				purpose: 'instalment',
				instalmentId: target.instalmentId,
				sequenceType: target.first ? 'first' : 'oneoff',
				createdAt: now
			},
			[]
		);
	});
	if ('reuse' in reserved) return { kind: 'checkout', url: reserved.reuse! };
	if ('busy' in reserved) return { kind: 'in_progress' };
	// A first payment gives Mollie the mandate, so it is made for the plan's customer.
	const first = target.first && target.customerId ? { customerId: target.customerId, sequenceType: 'first' as const } : undefined;
	return createAtMollie(db, reserved.row, reserved.returnToken, `${payer.merchantName} termijn ${target.number}`, methods, ctx, now, {
		first,
		instalment: target.number
	});
}

/** What the debtor may pay now: their open claims that are not on hold. */
export async function payableTotal(db: Db, debtorId: string) {
	return sum(await q.openClaimsOf(db, debtorId));
}

export type PaymentOffer = { primary: mollie.Method | null; others: mollie.Method[] };

/** How the debtor can pay this amount: iDEAL first, then what else the merchant's profile allows for it. */
export async function offer(db: Db, merchantId: string, amountCents: number, currency: string): Promise<PaymentOffer> {
	return (await offerAsked(db, merchantId, amountCents, currency)).offer;
}

/** The offer, and whether Mollie was asked for it (the methods are cached): only then can its standing have changed. */
export async function offerAsked(
	db: Db,
	merchantId: string,
	amountCents: number,
	currency: string
): Promise<{ offer: PaymentOffer; askedMollie: boolean }> {
	const { methods, askedMollie } = await mollie.methodsAsked({ db, merchantId }, currency);
	const fits = methods.filter((m) => amountCents >= m.min && amountCents <= m.max);
	const primary = fits.find((m) => m.id === 'ideal') ?? fits[0] ?? null;
	return { offer: { primary, others: fits.filter((m) => m !== primary) }, askedMollie };
}

/** The methods behind a button: 'primary' or 'others'. */
export function methodsOf(choice: 'primary' | 'others', o: PaymentOffer): string[] {
	return choice === 'primary' ? (o.primary ? [o.primary.id] : []) : o.others.map((m) => m.id);
}

// The owner's settings verbs: brand, logo, tone, privacy check and policy. The merchant id always comes from the session scope.
import { eq } from 'drizzle-orm';
import { DEFAULT_POLICY, type Policy } from '../../domain/policy';
import type { Tone } from '../../domain/tone';
import type { BrandForm, PrivacyCheck } from '../../schemas/brand';
import { policySchema } from '../../schemas/policy';
import type { Scope } from '../accounts/scope';
import type { Db } from '../db/client';
import { merchants } from '../db/schema';
import { checkLogo, type LogoCheck } from './logo';

export type Settings = BrandForm & {
	id: string;
	tone: Tone;
	privacyCheck: PrivacyCheck;
	policy: Policy;
	logoHash: string | null;
	logoType: string | null;
};

export async function of(db: Db, scope: Scope): Promise<Settings> {
	const [row] = await db
		.select({
			id: merchants.id,
			displayName: merchants.displayName,
			brandColor: merchants.brandColor,
			accentColor: merchants.accentColor,
			contactEmail: merchants.contactEmail,
			contactPhone: merchants.contactPhone,
			contactHours: merchants.contactHours,
			website: merchants.website,
			senderName: merchants.senderName,
			tone: merchants.tone,
			privacyCheck: merchants.privacyCheck,
			policy: merchants.policy,
			logoHash: merchants.logoHash,
			logoType: merchants.logoType
		})
		.from(merchants)
		.where(eq(merchants.id, scope.merchantId));
	// Stored policies from before a field existed are read with today's defaults filled in.
	const stored = policySchema.safeParse(row.policy ?? DEFAULT_POLICY);
	return { ...row, policy: stored.success ? stored.data : DEFAULT_POLICY };
}

export async function saveBrand(db: Db, scope: Scope, brand: BrandForm) {
	await db.update(merchants).set(brand).where(eq(merchants.id, scope.merchantId));
}

export async function saveTone(db: Db, scope: Scope, tone: Tone) {
	await db.update(merchants).set({ tone }).where(eq(merchants.id, scope.merchantId));
}

export async function savePrivacyCheck(db: Db, scope: Scope, privacyCheck: PrivacyCheck) {
	await db.update(merchants).set({ privacyCheck }).where(eq(merchants.id, scope.merchantId));
}

export async function savePolicy(db: Db, scope: Scope, policy: Policy) {
	await db.update(merchants).set({ policy }).where(eq(merchants.id, scope.merchantId));
}

/** Checks and stores an uploaded logo; the problem as a message key when it is refused. */
export async function saveLogo(db: Db, scope: Scope, bytes: Uint8Array): Promise<LogoCheck> {
	const checked = checkLogo(bytes);
	if (!checked.ok) return checked;
	await db
		.update(merchants)
		.set({ logo: checked.bytes, logoType: checked.type, logoHash: checked.hash })
		.where(eq(merchants.id, scope.merchantId));
	return checked;
}

export async function removeLogo(db: Db, scope: Scope) {
	await db.update(merchants).set({ logo: null, logoType: null, logoHash: null }).where(eq(merchants.id, scope.merchantId));
}

/** A euro amount as typed ("10", "10,50", "€ 1.234,50", "10.5") in cents; NaN when it is not one. */
export function eurosToCents(input: unknown): number {
	if (typeof input !== 'string') return NaN;
	let s = input.replace(/[€\s]/g, '');
	if (!s) return NaN;
	// A comma is the decimal separator when there is one; dots are then thousands separators.
	if (s.includes(',')) s = s.replace(/\./g, '').replace(',', '.');
	else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
	if (!/^\d+(\.\d{1,2})?$/.test(s)) return NaN;
	return Math.round(Number(s) * 100);
}

const whole = (v: unknown) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : NaN);

/** The policy form's fields as the policy schema takes them (amounts in euros become cents). */
export function policyFromForm(form: FormData) {
	const has = (name: string) => form.get(name) === 'on';
	return {
		offers: { payNow: has('payNow'), instalments: has('instalments'), moreTime: has('moreTime') },
		instalments: {
			minTerms: whole(form.get('minTerms')),
			maxTerms: whole(form.get('maxTerms')),
			frequencies: form.getAll('frequencies').map(String),
			minInstalmentCents: eurosToCents(form.get('minInstalment')),
			latestStartDays: whole(form.get('latestStartDays')),
			minBalanceCents: eurosToCents(form.get('minBalance')),
			feeCents: eurosToCents(form.get('fee')),
			brokenAfterMisses: whole(form.get('brokenAfterMisses'))
		},
		moreTime: { maxDays: whole(form.get('moreTimeDays')), maxPostponements: whole(form.get('maxPostponements')) }
	};
}

// The owner's settings verbs: brand, logo, tone, default language, privacy check and policy. The merchant id always comes from the session scope.
import { DEFAULT_POLICY, type Policy } from '../../domain/policy';
import type { Tone } from '../../domain/tone';
import type { BrandForm, PrivacyCheck } from '../../schemas/brand';
import type { Locale } from '../../schemas/locale';
import { policySchema } from '../../schemas/policy';
import type { Scope } from '../accounts/scope';
import type { Db } from '../db/client';
import { checkLogo, type LogoCheck } from './logo';
import * as q from './queries';

export type Settings = BrandForm & {
	id: string;
	tone: Tone;
	privacyCheck: PrivacyCheck;
	retentionMonths: number;
	defaultLocale: string;
	policy: Policy;
	logoHash: string | null;
	logoType: string | null;
};

export async function of(db: Db, scope: Scope): Promise<Settings> {
	const row = await q.settingsOf(db, scope.merchantId);
	// Stored policies from before a field existed are read with today's defaults filled in.
	const stored = policySchema.safeParse(row.policy ?? DEFAULT_POLICY);
	return { ...row, policy: stored.success ? stored.data : DEFAULT_POLICY };
}

export async function saveBrand(db: Db, scope: Scope, brand: BrandForm) {
	await q.update(db, scope.merchantId, brand);
}

export async function saveTone(db: Db, scope: Scope, tone: Tone) {
	await q.update(db, scope.merchantId, { tone });
}

export async function saveDefaultLocale(db: Db, scope: Scope, defaultLocale: Locale) {
	await q.update(db, scope.merchantId, { defaultLocale });
}

export async function savePrivacyCheck(db: Db, scope: Scope, privacyCheck: PrivacyCheck) {
	await q.update(db, scope.merchantId, { privacyCheck });
}

/** How long personal data stays after settlement (checked by retentionForm); the nightly run uses it from then on. */
export async function saveRetention(db: Db, scope: Scope, retentionMonths: number) {
	await q.update(db, scope.merchantId, { retentionMonths });
}

export async function savePolicy(db: Db, scope: Scope, policy: Policy) {
	await q.update(db, scope.merchantId, { policy });
}

/** Checks and stores an uploaded logo; the problem as a message key when it is refused. */
export async function saveLogo(db: Db, scope: Scope, bytes: Uint8Array): Promise<LogoCheck> {
	const checked = checkLogo(bytes);
	if (!checked.ok) return checked;
	await q.update(db, scope.merchantId, { logo: checked.bytes, logoType: checked.type, logoHash: checked.hash });
	return checked;
}

export async function removeLogo(db: Db, scope: Scope) {
	await q.update(db, scope.merchantId, { logo: null, logoType: null, logoHash: null });
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

// The debtor portal's verbs: open a personal page, switch its language.
import { balanceOf, type Balance } from '../../domain/claim';
import type { Brand } from '../../domain/brand';
import type { Tone } from '../../domain/tone';
import type { Db } from '../db/client';
import * as linkService from '../links/service';
import * as timeline from '../timeline/queries';
import * as portal from './queries';

/** Re-opening within this window counts as the same visit on the timeline. */
const VISIT_WINDOW_MS = 30 * 60_000;

export type PortalView = {
	debtorName: string;
	tone: Tone;
	brand: Brand;
	balance: Balance;
	settled: { count: number };
};

type Context = { debtorId: string; merchantId: string; linkId: string };

async function load(db: Db, token: string, now: Date) {
	const link = await linkService.resolve(db, token, now);
	if (!link) return null;
	const row = await portal.debtorWithMerchant(db, link.debtorId);
	if (!row) return null;
	const ctx: Context = { debtorId: row.debtor.id, merchantId: row.merchant.id, linkId: link.linkId };
	return { ctx, row };
}

export async function open(
	db: Db,
	token: string,
	visit: { locale: string; now?: Date }
): Promise<PortalView | null> {
	const now = visit.now ?? new Date();
	const found = await load(db, token, now);
	if (!found) return null;
	const { ctx, row } = found;
	const claims = await portal.claimsOf(db, ctx.debtorId);
	const recent = await timeline.latestSince(
		db,
		ctx.debtorId,
		'link.opened',
		new Date(now.getTime() - VISIT_WINDOW_MS)
	);
	if (!recent) {
		await timeline.append(db, {
			merchantId: ctx.merchantId,
			debtorId: ctx.debtorId,
			type: 'link.opened',
			actor: 'debtor',
			occurredAt: now,
			payload: { linkId: ctx.linkId, locale: visit.locale }
		});
	}
	const m = row.merchant;
	return {
		debtorName: row.debtor.name,
		tone: m.tone,
		brand: {
			displayName: m.displayName,
			brandColor: m.brandColor,
			accentColor: m.accentColor,
			logoUrl: m.logoHash ? `/brand/${m.id}/logo/${m.logoHash}` : null,
			contactEmail: m.contactEmail,
			contactPhone: m.contactPhone,
			contactHours: m.contactHours,
			website: m.website
		},
		balance: balanceOf(claims),
		settled: { count: claims.filter((c) => c.status === 'paid').length }
	};
}

/** Records the debtor's language choice; false when the link is not (or no longer) valid. */
export async function switchLanguage(
	db: Db,
	token: string,
	change: { from: string; to: string; now?: Date }
): Promise<boolean> {
	const now = change.now ?? new Date();
	const found = await load(db, token, now);
	if (!found) return false;
	const { ctx } = found;
	await portal.setDebtorLocale(db, ctx.debtorId, change.to);
	await timeline.append(db, {
		merchantId: ctx.merchantId,
		debtorId: ctx.debtorId,
		type: 'language.changed',
		actor: 'debtor',
		occurredAt: now,
		payload: { from: change.from, to: change.to }
	});
	return true;
}

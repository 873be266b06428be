// The verbs of a merchant's own Mollie account: Mollie Connect (authorize, the callback's code exchange, choosing
// the website profile and mode), pasting an API key instead, and disconnecting. What the console shows of it.
import { config } from '../config';
import type { Db } from '../db/client';
import * as mollie from '../payments/mollie';
import type { Credentials } from './credentials';
import { hint } from '../vault';
import * as oauth from './oauth';
import * as q from './queries';

export const redirectUri = () => `${config().origin}/console/mollie/callback`;

export function authorizeUrl(state: string): string | null {
	const app = config().mollieConnect;
	return app ? oauth.authorizeUrl(app, redirectUri(), state) : null;
}

export type Connected = { ok: true } | { ok: false; problem: 'refused' | 'unavailable' | 'not_configured' };

/** The callback: the code becomes tokens (sealed at once); the merchant then chooses the profile and the mode. */
export async function completeOAuth(db: Db, merchantId: string, code: string, now = new Date()): Promise<Connected> {
	const app = config().mollieConnect;
	if (!app) return { ok: false, problem: 'not_configured' };
	const exchanged = await oauth.exchange(app, code, redirectUri(), config().mollieTimeoutMs);
	if (!exchanged.ok) return { ok: false, problem: exchanged.reason === 'invalid' ? 'refused' : 'unavailable' };
	const { tokens } = exchanged;
	const info = await mollie.accountInfo({ db, merchantId, credentials: oauthCredentials(merchantId, tokens.accessToken, '', true) }, true);
	if (!info.ok) return { ok: false, problem: info.reason === 'rejected' ? 'refused' : 'unavailable' };
	await q.upsert(db, merchantId, {
		method: 'oauth',
		state: 'pending_profile',
		organizationId: info.value.organization?.id ?? null,
		organizationName: info.value.organization?.name ?? null,
		profileId: null,
		profileName: null,
		mode: null,
		accessToken: q.sealFor(merchantId, 'accessToken', tokens.accessToken),
		accessExpiresAt: tokens.expiresAt,
		refreshToken: q.sealFor(merchantId, 'refreshToken', tokens.refreshToken),
		apiKey: null,
		secretHint: hint(tokens.accessToken),
		connectedAt: now,
		revokedAt: null
	});
	return { ok: true };
}

const oauthCredentials = (merchantId: string, accessToken: string, profileId: string, testmode: boolean): Credentials => ({
	source: 'oauth',
	merchantId,
	accessToken,
	profileId,
	testmode,
	apiEndpoint: config().mollie.apiEndpoint
});

/** The organization's website profiles, read with the merchant's own (not yet active) token. */
export async function profilesOf(db: Db, merchantId: string) {
	const row = await q.byMerchant(db, merchantId);
	const token = row && row.method === 'oauth' ? q.openFor(row, 'accessToken') : null;
	if (!token) return null;
	const info = await mollie.accountInfo({ db, merchantId, credentials: oauthCredentials(merchantId, token, '', true) }, true);
	return info.ok ? info.value.profiles : null;
}

export async function chooseProfile(db: Db, merchantId: string, profileId: string, mode: 'test' | 'live'): Promise<boolean> {
	const profiles = await profilesOf(db, merchantId);
	const chosen = profiles?.find((p) => p.id === profileId);
	if (!chosen) return false;
	// The stand-in has test mode only.
	const m = config().mollieStandin ? 'test' : mode;
	await q.update(db, merchantId, { profileId: chosen.id, profileName: chosen.name, mode: m, state: 'connected' });
	return true;
}

export type KeyPasted = { ok: true } | { ok: false; problem: 'format' | 'refused' | 'unavailable' };

/** The alternative to Connect: the merchant's own API key, checked with Mollie before it is kept (sealed). */
export async function pasteApiKey(db: Db, merchantId: string, apiKey: string, now = new Date()): Promise<KeyPasted> {
	const key = apiKey.trim();
	if (!/^(test|live)_\w{20,}$/.test(key)) return { ok: false, problem: 'format' };
	const credentials: Credentials = { source: 'api_key', merchantId, apiKey: key, apiEndpoint: config().mollie.apiEndpoint };
	const info = await mollie.accountInfo({ db, merchantId, credentials }, false);
	if (!info.ok) return { ok: false, problem: info.reason === 'rejected' ? 'refused' : 'unavailable' };
	const profile = info.value.profiles[0];
	await q.upsert(db, merchantId, {
		method: 'api_key',
		state: 'connected',
		mode: key.startsWith('live_') ? 'live' : 'test',
		organizationId: null,
		organizationName: null,
		profileId: profile?.id ?? null,
		profileName: profile?.name ?? null,
		accessToken: null,
		accessExpiresAt: null,
		refreshToken: null,
		apiKey: q.sealFor(merchantId, 'apiKey', key),
		secretHint: hint(key),
		connectedAt: now,
		revokedAt: null
	});
	return { ok: true };
}

/** Forgets the merchant's Mollie account (and tells Mollie to end the grant); debtors then see the no-payment page. */
export async function disconnect(db: Db, merchantId: string) {
	const row = await q.byMerchant(db, merchantId);
	const app = config().mollieConnect;
	const refresh = row?.method === 'oauth' ? q.openFor(row, 'refreshToken') : null;
	if (app && refresh) await oauth.revoke(app, refresh, config().mollieTimeoutMs);
	await q.upsert(db, merchantId, {
		method: 'none',
		state: 'none',
		mode: null,
		organizationId: null,
		organizationName: null,
		profileId: null,
		profileName: null,
		accessToken: null,
		accessExpiresAt: null,
		refreshToken: null,
		apiKey: null,
		secretHint: null,
		connectedAt: null
	});
}

/** What the console shows: never a secret, at most its kind and last four characters. */
export type MollieView = {
	source: 'installation' | 'oauth' | 'api_key' | 'none';
	state: q.Row['state'] | 'connected';
	mode: 'test' | 'live' | null;
	organizationName: string | null;
	profileName: string | null;
	hint: string | null;
	connectAvailable: boolean;
};

export async function view(db: Db, merchantId: string): Promise<MollieView> {
	const row = await q.byMerchant(db, merchantId);
	const connectAvailable = config().mollieConnect !== null;
	if (!row) {
		const key = config().mollie.apiKey;
		return {
			source: 'installation',
			state: 'connected',
			mode: key.startsWith('live_') ? 'live' : 'test',
			organizationName: null,
			profileName: null,
			hint: null,
			connectAvailable
		};
	}
	return {
		source: row.method === 'none' ? 'none' : row.method,
		state: row.state,
		mode: row.mode,
		organizationName: row.organizationName,
		profileName: row.profileName,
		hint: row.secretHint,
		connectAvailable
	};
}

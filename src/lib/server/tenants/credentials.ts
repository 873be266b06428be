// Whose Mollie account a merchant's calls go to: their own (an OAuth access token, refreshed when it is about to
// expire, or a pasted API key), or — for merchants that never brought one — the installation's key.
import { config } from '../config';
import type { Db } from '../db/client';
import * as oauth from './oauth';
import * as q from './queries';

export type Credentials =
	| { source: 'installation' | 'api_key'; merchantId: string; apiKey: string; apiEndpoint?: string }
	| { source: 'oauth'; merchantId: string; accessToken: string; profileId: string; testmode: boolean; apiEndpoint?: string };

/** ready: calls can go; none: the merchant has not connected Mollie; revoked: they had, and Mollie no longer accepts it. */
export type Standing = { kind: 'ready'; credentials: Credentials } | { kind: 'none' } | { kind: 'revoked' } | { kind: 'unavailable' };

const REFRESH_MARGIN_MS = 2 * 60_000;

export async function standing(db: Db, merchantId: string, now = new Date()): Promise<Standing> {
	const c = config();
	const apiEndpoint = c.mollie.apiEndpoint;
	const row = await q.byMerchant(db, merchantId);
	if (!row) return { kind: 'ready', credentials: { source: 'installation', merchantId, apiKey: c.mollie.apiKey, apiEndpoint } };
	if (row.state === 'revoked') return { kind: 'revoked' };
	if (row.state !== 'connected') return { kind: 'none' };
	if (row.method === 'api_key') {
		const apiKey = q.openFor(row, 'apiKey');
		return apiKey ? { kind: 'ready', credentials: { source: 'api_key', merchantId, apiKey, apiEndpoint } } : { kind: 'none' };
	}
	let accessToken = q.openFor(row, 'accessToken');
	if (!accessToken || !row.profileId) return { kind: 'none' };
	if (!row.accessExpiresAt || row.accessExpiresAt.getTime() - now.getTime() < REFRESH_MARGIN_MS) {
		const refreshed = await refreshTokens(db, row);
		if (refreshed === 'revoked') return { kind: 'revoked' };
		if (refreshed) accessToken = refreshed;
		else if (!row.accessExpiresAt || row.accessExpiresAt <= now) return { kind: 'unavailable' };
	}
	return {
		kind: 'ready',
		credentials: { source: 'oauth', merchantId, accessToken, profileId: row.profileId, testmode: row.mode !== 'live', apiEndpoint }
	};
}

/** A new access token, 'revoked' when Mollie refuses the refresh token, null when Mollie could not be asked. */
async function refreshTokens(db: Db, row: q.Row): Promise<string | 'revoked' | null> {
	const app = config().mollieConnect;
	const refreshToken = q.openFor(row, 'refreshToken');
	if (!app || !refreshToken) return 'revoked';
	const result = await oauth.refresh(app, refreshToken, config().mollieTimeoutMs);
	if (!result.ok) {
		if (result.reason === 'invalid') {
			await markRevoked(db, row.merchantId);
			return 'revoked';
		}
		return null;
	}
	await q.update(db, row.merchantId, {
		accessToken: q.sealFor(row.merchantId, 'accessToken', result.tokens.accessToken),
		accessExpiresAt: result.tokens.expiresAt,
		...(result.tokens.refreshToken !== refreshToken
			? { refreshToken: q.sealFor(row.merchantId, 'refreshToken', result.tokens.refreshToken) }
			: {})
	});
	return result.tokens.accessToken;
}

/** Mollie answered 401 to the merchant's own credentials: they revoked the app (or the key). The console asks them to reconnect. */
export async function markRevoked(db: Db, merchantId: string, now = new Date()) {
	const row = await q.byMerchant(db, merchantId);
	if (!row || row.state !== 'connected') return;
	await q.update(db, merchantId, { state: 'revoked', revokedAt: now });
	console.warn(`merchant ${merchantId}: Mollie no longer accepts their ${row.method === 'oauth' ? 'authorization' : 'API key'}`);
}

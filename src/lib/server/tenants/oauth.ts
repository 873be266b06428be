// Mollie Connect's token endpoint (OAuth 2.0): code exchange, refresh and revocation, form-encoded with the app's
// client credentials as Basic authentication. The authorize step happens in the merchant's browser (see connect.ts).
import type { MollieConnect } from '../config';

export const SCOPES = ['payments.write', 'customers.write', 'mandates.write', 'subscriptions.write', 'profiles.read', 'organizations.read'];

export type Tokens = { accessToken: string; refreshToken: string; expiresAt: Date };
/** `invalid`: Mollie refused the grant (revoked, expired, used); `unavailable`: it could not be asked. */
export type TokenResult = { ok: true; tokens: Tokens } | { ok: false; reason: 'invalid' | 'unavailable'; detail: string };

export function authorizeUrl(app: MollieConnect, redirectUri: string, state: string): string {
	const url = new URL(app.authorizeUrl);
	url.search = new URLSearchParams({
		client_id: app.clientId,
		redirect_uri: redirectUri,
		state,
		scope: SCOPES.join(' '),
		response_type: 'code',
		approval_prompt: 'auto'
	}).toString();
	return url.href;
}

const basic = (app: MollieConnect) => `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`;

async function post(app: MollieConnect, method: 'POST' | 'DELETE', form: Record<string, string>, timeoutMs: number) {
	return fetch(app.tokenUrl, {
		method,
		headers: { authorization: basic(app), 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		body: new URLSearchParams(form).toString(),
		signal: AbortSignal.timeout(timeoutMs)
	});
}

async function grant(app: MollieConnect, form: Record<string, string>, timeoutMs: number, keepRefresh?: string): Promise<TokenResult> {
	try {
		const res = await post(app, 'POST', form, timeoutMs);
		const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
		if (res.status >= 500 || res.status === 429) return { ok: false, reason: 'unavailable', detail: `token endpoint ${res.status}` };
		if (!res.ok || typeof body.access_token !== 'string') {
			return { ok: false, reason: 'invalid', detail: `token endpoint ${res.status} ${String(body.error ?? '')}` };
		}
		return {
			ok: true,
			tokens: {
				accessToken: body.access_token,
				refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : (keepRefresh ?? ''),
				expiresAt: new Date(Date.now() + Number(body.expires_in ?? 3600) * 1000)
			}
		};
	} catch (e) {
		return { ok: false, reason: 'unavailable', detail: `token endpoint: ${(e as Error).message}` };
	}
}

export const exchange = (app: MollieConnect, code: string, redirectUri: string, timeoutMs: number) =>
	grant(app, { grant_type: 'authorization_code', code, redirect_uri: redirectUri }, timeoutMs);

export const refresh = (app: MollieConnect, refreshToken: string, timeoutMs: number) =>
	grant(app, { grant_type: 'refresh_token', refresh_token: refreshToken }, timeoutMs, refreshToken);

/** Revoking the refresh token ends the whole grant. Best effort: a disconnect never waits on Mollie's answer. */
export async function revoke(app: MollieConnect, refreshToken: string, timeoutMs: number): Promise<boolean> {
	try {
		const res = await post(app, 'DELETE', { token_type_hint: 'refresh_token', token: refreshToken }, timeoutMs);
		return res.ok;
	} catch {
		return false;
	}
}

// Mollie Connect in the stand-in: organizations (each its own Mollie account with a test key and a profile), the
// authorize step a tester approves, the token endpoint (code and refresh grants) and revocation.
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, or } from 'drizzle-orm';
import { MOLLIE_STANDIN, MOLLIE_STANDIN_APP } from '../config';
import type { Db } from '../db/client';
import { STANDIN_DEFAULT_ORG, standinOauthCodes, standinOauthTokens, standinOrganizations } from '../db/schema';
import type { ApiRequest, ApiResponse } from './context';

const ACCESS_TTL_MS = 60 * 60_000;
const CODE_TTL_MS = 10 * 60_000;
export const SCOPES = ['payments.write', 'customers.write', 'mandates.write', 'subscriptions.write', 'profiles.read', 'organizations.read'];

const random = (n: number) => randomBytes(n).toString('base64url').replace(/[-_]/g, 'x');

/** Who is calling: an organization, and whether through an OAuth token (then a profile id must be named). */
export type Caller = { organizationId: string; oauth: boolean };

export async function callerOf(db: Db, authorization: string | null, now: Date): Promise<Caller | null> {
	const m = /^Bearer (\S+)$/.exec(authorization ?? '');
	if (!m) return null;
	const token = m[1];
	if (token === MOLLIE_STANDIN.apiKey) return { organizationId: STANDIN_DEFAULT_ORG, oauth: false };
	if (/^(test|live)_\w+$/.test(token)) {
		const [org] = await db.select().from(standinOrganizations).where(eq(standinOrganizations.apiKey, token));
		return org ? { organizationId: org.id, oauth: false } : null;
	}
	if (token.startsWith('access_')) {
		const [row] = await db
			.select()
			.from(standinOauthTokens)
			.where(
				and(
					eq(standinOauthTokens.token, token),
					eq(standinOauthTokens.kind, 'access'),
					isNull(standinOauthTokens.revokedAt),
					gt(standinOauthTokens.expiresAt, now)
				)
			);
		return row ? { organizationId: row.organizationId, oauth: true } : null;
	}
	return null;
}

export async function organization(db: Db, id: string) {
	if (id === STANDIN_DEFAULT_ORG) {
		return {
			id,
			name: 'Coulant demo (installation key)',
			apiKey: MOLLIE_STANDIN.apiKey,
			profileId: 'pfl_StandIn001',
			createdAt: new Date(0)
		};
	}
	const [row] = await db.select().from(standinOrganizations).where(eq(standinOrganizations.id, id));
	return row;
}

export async function createOrganization(db: Db, name: string) {
	const [row] = await db
		.insert(standinOrganizations)
		.values({
			id: `org_${random(8)}`,
			name: name.slice(0, 100) || 'Test organization',
			apiKey: `test_${random(24)}`,
			profileId: `pfl_${random(10)}`
		})
		.returning();
	return row;
}

/** The tester approved: a one-time code for the app, for the organization named (a new one if none is given). */
export async function approve(
	db: Db,
	a: { clientId: string; redirectUri: string; scope: string; organizationId?: string; organizationName?: string },
	now = new Date()
) {
	const org = a.organizationId ? await organization(db, a.organizationId) : await createOrganization(db, a.organizationName ?? '');
	if (!org) return null;
	const code = `auth_${random(24)}`;
	await db.insert(standinOauthCodes).values({
		code,
		organizationId: org.id,
		clientId: a.clientId,
		redirectUri: a.redirectUri,
		scope: a.scope,
		expiresAt: new Date(now.getTime() + CODE_TTL_MS)
	});
	return { code, organization: org };
}

/** The merchant removed the app in their Mollie dashboard: every token of the organization stops working. */
export async function revokeOrganization(db: Db, organizationId: string, now = new Date()) {
	const rows = await db
		.update(standinOauthTokens)
		.set({ revokedAt: now })
		.where(and(eq(standinOauthTokens.organizationId, organizationId), isNull(standinOauthTokens.revokedAt)))
		.returning({ token: standinOauthTokens.token });
	return rows.length;
}

const oauthError = (status: number, error: string, description: string): ApiResponse => ({
	status,
	body: { error, error_description: description }
});

async function issue(db: Db, organizationId: string, scope: string, now: Date, refresh?: string) {
	const access = `access_${random(30)}`;
	await db.insert(standinOauthTokens).values({
		token: access,
		kind: 'access',
		organizationId,
		clientId: MOLLIE_STANDIN_APP.clientId,
		scope,
		expiresAt: new Date(now.getTime() + ACCESS_TTL_MS)
	});
	let refreshToken = refresh;
	if (!refreshToken) {
		refreshToken = `refresh_${random(30)}`;
		await db
			.insert(standinOauthTokens)
			.values({ token: refreshToken, kind: 'refresh', organizationId, clientId: MOLLIE_STANDIN_APP.clientId, scope });
	}
	return {
		status: 200,
		body: { access_token: access, refresh_token: refreshToken, expires_in: ACCESS_TTL_MS / 1000, token_type: 'bearer', scope }
	};
}

/** POST /oauth2/tokens (code or refresh grant) and DELETE /oauth2/tokens (revoke), as Mollie answers them. */
export async function handleTokens(db: Db, req: ApiRequest, now: Date): Promise<ApiResponse> {
	const basic = Buffer.from(`${MOLLIE_STANDIN_APP.clientId}:${MOLLIE_STANDIN_APP.clientSecret}`).toString('base64');
	if (req.headers.get('authorization') !== `Basic ${basic}`) return oauthError(401, 'invalid_client', 'Client authentication failed');
	const form = new URLSearchParams(req.body);
	if (req.method === 'DELETE') {
		const token = form.get('token') ?? '';
		const [row] = await db.select().from(standinOauthTokens).where(eq(standinOauthTokens.token, token));
		if (row) {
			// Revoking a refresh token ends the whole grant: its access tokens stop working too.
			await db
				.update(standinOauthTokens)
				.set({ revokedAt: now })
				.where(
					row.kind === 'refresh'
						? and(eq(standinOauthTokens.organizationId, row.organizationId), isNull(standinOauthTokens.revokedAt))
						: eq(standinOauthTokens.token, token)
				);
		}
		return { status: 204, body: null };
	}
	if (req.method !== 'POST') return oauthError(405, 'invalid_request', 'Not supported');
	const grant = form.get('grant_type');
	if (grant === 'authorization_code') {
		const [code] = await db
			.update(standinOauthCodes)
			.set({ usedAt: now })
			.where(
				and(
					eq(standinOauthCodes.code, form.get('code') ?? ''),
					isNull(standinOauthCodes.usedAt),
					gt(standinOauthCodes.expiresAt, now),
					eq(standinOauthCodes.redirectUri, form.get('redirect_uri') ?? '')
				)
			)
			.returning();
		if (!code) return oauthError(400, 'invalid_grant', 'The authorization code is invalid, used or expired');
		return issue(db, code.organizationId, code.scope, now);
	}
	if (grant === 'refresh_token') {
		const token = form.get('refresh_token') ?? '';
		const [row] = await db
			.select()
			.from(standinOauthTokens)
			.where(and(eq(standinOauthTokens.token, token), eq(standinOauthTokens.kind, 'refresh'), isNull(standinOauthTokens.revokedAt)));
		if (!row) return oauthError(400, 'invalid_grant', 'The refresh token is invalid or revoked');
		return issue(db, row.organizationId, row.scope, now, token);
	}
	return oauthError(400, 'unsupported_grant_type', 'The grant type is not supported');
}

/** Expires every access token now (tests: the next call must refresh). */
export async function expireAccessTokens(db: Db, now = new Date()) {
	await db
		.update(standinOauthTokens)
		.set({ expiresAt: now })
		.where(and(eq(standinOauthTokens.kind, 'access'), or(isNull(standinOauthTokens.expiresAt), gt(standinOauthTokens.expiresAt, now))));
}

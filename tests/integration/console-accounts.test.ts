// Console accounts on a real database: sign-in (throttled, revealing nothing), sessions, invitations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db/client';
import * as accounts from '../../src/lib/server/accounts/service';
import * as sessions from '../../src/lib/server/accounts/session';
import { requireOwner, requireUser } from '../../src/lib/server/accounts/handle';
import { DEMO_OWNER, seedDemo, seedDemoOwner } from '../../src/lib/server/demo/seed';
import { users } from '../../src/lib/server/db/schema';
import { testDatabase } from '../helpers/db';
import * as make from '../helpers/fixtures';

let database: Database;
beforeAll(async () => {
	database = await testDatabase();
});
afterAll(async () => {
	await database?.close();
});

const unique = () => `u-${crypto.randomUUID().slice(0, 8)}@example.test`;

async function owner(password = 'a long enough password') {
	const m = await make.merchant(database.db, { displayName: 'Fietsenwinkel A' });
	const email = unique();
	const user = await accounts.createUser(database.db, { merchantId: m.id, email, name: 'Anna', role: 'owner', password });
	return { merchant: m, email, password, userId: user!.id };
}

const limits = {
	account: { scope: `t-account-${crypto.randomUUID()}`, limit: 3, windowSeconds: 900 },
	client: { scope: `t-client-${crypto.randomUUID()}`, limit: 5, windowSeconds: 900 }
};

describe('signing in', () => {
	it('lets the right password in and answers a wrong password and an unknown address the same way', async () => {
		const o = await owner();
		const client = '203.0.113.1';
		expect(await accounts.signIn(database.db, { email: o.email, password: o.password, client })).toEqual({ kind: 'ok', userId: o.userId });
		expect(await accounts.signIn(database.db, { email: o.email, password: 'wrong one', client })).toEqual({ kind: 'wrong' });
		expect(await accounts.signIn(database.db, { email: unique(), password: 'wrong one', client })).toEqual({ kind: 'wrong' });
	});

	it('refuses a second account with the same address, whatever its case', async () => {
		const o = await owner();
		const again = await accounts.createUser(database.db, {
			merchantId: o.merchant.id,
			email: o.email.toUpperCase(),
			name: 'B',
			role: 'agent',
			password: 'another password'
		});
		expect(again).toBeUndefined();
	});

	it('throttles per account, even for the right password once the limit is reached', async () => {
		const o = await owner();
		const now = new Date('2026-11-22T10:00:00Z');
		for (let i = 0; i < 3; i++) {
			expect((await accounts.signIn(database.db, { email: o.email, password: 'nope', client: `198.51.100.${i}` }, limits, now)).kind).toBe(
				'wrong'
			);
		}
		const blocked = await accounts.signIn(database.db, { email: o.email, password: o.password, client: '198.51.100.9' }, limits, now);
		expect(blocked.kind).toBe('throttled');
		// The next window lets the owner in again.
		const later = new Date(now.getTime() + 16 * 60_000);
		expect((await accounts.signIn(database.db, { email: o.email, password: o.password, client: '198.51.100.9' }, limits, later)).kind).toBe(
			'ok'
		);
	});

	it('throttles per client across addresses, existing or not', async () => {
		const now = new Date('2026-11-22T11:00:00Z');
		const client = '192.0.2.77';
		for (let i = 0; i < 5; i++) await accounts.signIn(database.db, { email: unique(), password: 'guess', client }, limits, now);
		const o = await owner();
		expect((await accounts.signIn(database.db, { email: o.email, password: o.password, client }, limits, now)).kind).toBe('throttled');
		expect((await accounts.signIn(database.db, { email: o.email, password: o.password, client: '192.0.2.78' }, limits, now)).kind).toBe(
			'ok'
		);
	});
});

describe('sessions', () => {
	it('store only the hash, slide when half used, and end after 30 idle days', async () => {
		const o = await owner();
		const t0 = new Date('2026-11-01T10:00:00Z');
		const token = sessions.generateSessionToken();
		const session = await sessions.createSession(database.db, token, o.userId, t0);
		const dump = JSON.stringify(await database.db.execute(sql`select * from sessions`));
		expect(dump).not.toContain(token);
		expect(dump).toContain(session.id);

		const soon = await sessions.validateSessionToken(database.db, token, new Date(t0.getTime() + 86_400_000));
		expect(soon).toMatchObject({ renewed: false, user: { id: o.userId, merchantId: o.merchant.id, role: 'owner' } });

		const day20 = new Date(t0.getTime() + 20 * 86_400_000);
		const renewed = await sessions.validateSessionToken(database.db, token, day20);
		expect(renewed?.renewed).toBe(true);
		expect(renewed?.session.expiresAt.getTime()).toBe(day20.getTime() + sessions.SESSION_TTL_MS);

		const idle = new Date(day20.getTime() + 31 * 86_400_000);
		expect(await sessions.validateSessionToken(database.db, token, idle)).toBeNull();
		// Gone for good, even if the clock went back.
		expect(await sessions.validateSessionToken(database.db, token, day20)).toBeNull();
	});

	it('refuse junk and unknown tokens', async () => {
		expect(await sessions.validateSessionToken(database.db, '')).toBeNull();
		expect(await sessions.validateSessionToken(database.db, "x' or 1=1 --")).toBeNull();
		expect(await sessions.validateSessionToken(database.db, sessions.generateSessionToken())).toBeNull();
	});

	it('sign out ends one session; sign out everywhere ends them all', async () => {
		const o = await owner();
		const [a, b, c] = [sessions.generateSessionToken(), sessions.generateSessionToken(), sessions.generateSessionToken()];
		const sa = await sessions.createSession(database.db, a, o.userId);
		await sessions.createSession(database.db, b, o.userId);
		await sessions.createSession(database.db, c, o.userId);
		await sessions.invalidateSession(database.db, sa.id);
		expect(await sessions.validateSessionToken(database.db, a)).toBeNull();
		expect(await sessions.validateSessionToken(database.db, b)).not.toBeNull();
		await sessions.invalidateAllSessions(database.db, o.userId);
		expect(await sessions.validateSessionToken(database.db, b)).toBeNull();
		expect(await sessions.validateSessionToken(database.db, c)).toBeNull();
	});
});

describe('invitations', () => {
	it('make an agent of the inviting merchant, once', async () => {
		const o = await owner();
		const email = unique();
		const { token, expiresAt } = await accounts.createInvite(database.db, { userId: o.userId, merchantId: o.merchant.id }, email);
		expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
		expect(JSON.stringify(await database.db.execute(sql`select * from invites`))).not.toContain(token);
		expect(await accounts.openInvite(database.db, token)).toMatchObject({ email, merchantId: o.merchant.id, role: 'agent' });

		const accepted = await accounts.acceptInvite(database.db, token, { name: 'Bram', password: 'bram his password' });
		expect(accepted.kind).toBe('ok');
		expect(await accounts.acceptInvite(database.db, token, { name: 'Eve', password: 'eve her password' })).toEqual({ kind: 'gone' });
		expect(await accounts.openInvite(database.db, token)).toBeNull();
		const signedIn = await accounts.signIn(database.db, { email, password: 'bram his password', client: '203.0.113.50' });
		expect(signedIn.kind).toBe('ok');
		const t = sessions.generateSessionToken();
		await sessions.createSession(database.db, t, accepted.kind === 'ok' ? accepted.userId : '');
		const v = await sessions.validateSessionToken(database.db, t);
		expect(v?.user).toMatchObject({ role: 'agent', merchantId: o.merchant.id, name: 'Bram' });
	});

	it('expire after 7 days and refuse tokens that are not theirs', async () => {
		const o = await owner();
		const t0 = new Date('2026-11-01T10:00:00Z');
		const { token } = await accounts.createInvite(database.db, { userId: o.userId, merchantId: o.merchant.id }, unique(), t0);
		expect(await accounts.openInvite(database.db, token, new Date(t0.getTime() + 6 * 86_400_000))).not.toBeNull();
		const late = new Date(t0.getTime() + 7 * 86_400_000 + 1);
		expect(await accounts.openInvite(database.db, token, late)).toBeNull();
		expect(await accounts.acceptInvite(database.db, token, { name: 'Late', password: 'late password!' }, late)).toEqual({ kind: 'gone' });
		expect(await accounts.openInvite(database.db, 'A'.repeat(27))).toBeNull();
		expect(await accounts.openInvite(database.db, '../etc')).toBeNull();
	});

	it('stay usable when the address already has an account', async () => {
		const o = await owner();
		const { token } = await accounts.createInvite(database.db, { userId: o.userId, merchantId: o.merchant.id }, o.email);
		expect(await accounts.acceptInvite(database.db, token, { name: 'Dup', password: 'dup password!' })).toEqual({ kind: 'email_taken' });
		expect(await accounts.openInvite(database.db, token)).not.toBeNull();
	});

	it('are accepted by one of two simultaneous tabs', async () => {
		const o = await owner();
		const { token } = await accounts.createInvite(database.db, { userId: o.userId, merchantId: o.merchant.id }, unique());
		const results = await Promise.all([
			accounts.acceptInvite(database.db, token, { name: 'One', password: 'first password' }),
			accounts.acceptInvite(database.db, token, { name: 'Two', password: 'second password' })
		]);
		expect(results.map((r) => r.kind).sort()).toEqual(['gone', 'ok']);
	});
});

describe('the console guards', () => {
	const user = (role: 'owner' | 'agent') =>
		({ locale: 'nl', session: null, user: { id: 'u', email: 'e', name: 'n', role, merchantId: 'm-1', merchantName: 'M' } }) as App.Locals;

	it('take the scope from the session, send strangers to sign in and agents away from owner pages', () => {
		expect(requireUser(user('agent'))).toEqual({ merchantId: 'm-1', userId: 'u', role: 'agent' });
		expect(() => requireUser({ locale: 'nl', user: null, session: null })).toThrow(
			expect.objectContaining({ status: 303, location: '/console/sign-in' })
		);
		expect(() => requireOwner(user('agent'))).toThrow(expect.objectContaining({ status: 403 }));
		expect(requireOwner(user('owner')).role).toBe('owner');
	});
});

describe('the demo console login', () => {
	it('is created once, as owner of the demo merchant, and signs in with the printed password', async () => {
		const { db } = database;
		await seedDemo(db, 30);
		const first = await seedDemoOwner(db);
		await seedDemoOwner(db);
		expect(first).toEqual({ email: 'eigenaar@degroenefiets.example', password: DEMO_OWNER.password });
		const owners = (await db.select().from(users)).filter((u) => u.email === first.email);
		expect(owners).toHaveLength(1);
		expect(owners[0].role).toBe('owner');
		const result = await accounts.signIn(db, { ...first, client: '203.0.113.200' });
		expect(result.kind).toBe('ok');
	});
});

// The verbs of console accounts: sign in (throttled), create users, invite and accept.
import type { Db } from '../db/client';
import type { Role } from '../db/schema';
import { hashToken, looksLikeToken, newToken, tokenMatches } from '../links/token';
import * as throttle from '../throttle';
import { hashPassword, verifyDummy, verifyPassword } from './password';
import * as accounts from './queries';

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Wrong passwords one account may take, and one client may try, per window (the store is shared by all processes). */
export const SIGN_IN_LIMITS = {
	account: { scope: 'sign-in-account', limit: 10, windowSeconds: 15 * 60 },
	client: { scope: 'sign-in-client', limit: 50, windowSeconds: 15 * 60 }
} satisfies Record<string, throttle.Limit>;

export type SignIn = { kind: 'ok'; userId: string } | { kind: 'wrong' } | { kind: 'throttled'; retryAfterSeconds: number };

export async function signIn(
	db: Db,
	attempt: { email: string; password: string; client: string },
	limits = SIGN_IN_LIMITS,
	now = new Date()
): Promise<SignIn> {
	// Counted before argon2 runs, whether or not the account exists (so the counts reveal nothing either):
	// simultaneous attempts each take their own place in the count, and those past the limit are never checked.
	const account = await throttle.take(db, limits.account, attempt.email.trim().toLowerCase(), now);
	if (!account.allowed) return { kind: 'throttled', retryAfterSeconds: account.retryAfterSeconds };
	const client = await throttle.take(db, limits.client, attempt.client, now);
	if (!client.allowed) {
		await throttle.giveBack(db, account);
		return { kind: 'throttled', retryAfterSeconds: client.retryAfterSeconds };
	}
	const user = await accounts.userByEmail(db, attempt.email);
	const ok = user ? await verifyPassword(user.passwordHash, attempt.password) : await verifyDummy(attempt.password);
	if (!(user && ok)) return { kind: 'wrong' };
	// Only wrong passwords count.
	await throttle.giveBack(db, account);
	await throttle.giveBack(db, client);
	return { kind: 'ok', userId: user.id };
}

/** Creates a user; undefined when the e-mail address already has an account. */
export async function createUser(db: Db, user: { merchantId: string; email: string; name: string; role: Role; password: string }) {
	const { password, ...rest } = user;
	return accounts.insertUser(db, { ...rest, email: rest.email.trim().toLowerCase(), passwordHash: await hashPassword(password) });
}

/** An owner invites someone as an agent of the owner's own merchant; the raw token exists only in the link. */
export async function createInvite(db: Db, by: { userId: string; merchantId: string }, email: string, now = new Date()) {
	const token = newToken();
	const expiresAt = new Date(now.getTime() + INVITE_TTL_MS);
	await accounts.insertInvite(db, {
		merchantId: by.merchantId,
		email,
		role: 'agent',
		tokenHash: hashToken(token),
		createdBy: by.userId,
		expiresAt
	});
	return { token, expiresAt };
}

/** The invite behind a token, when it can still be used; unknown, used and expired are all "nothing". */
export async function openInvite(db: Db, token: string, now = new Date()) {
	if (!looksLikeToken(token)) return null;
	const invite = await accounts.inviteByTokenHash(db, hashToken(token));
	if (!invite || !tokenMatches(token, invite.tokenHash) || invite.usedAt || invite.expiresAt <= now) return null;
	return { id: invite.id, merchantId: invite.merchantId, merchantName: invite.merchantName, email: invite.email, role: invite.role };
}

export type Accepted = { kind: 'ok'; userId: string } | { kind: 'gone' } | { kind: 'email_taken' };

/** Uses the invite once: the new user joins the invite's merchant with the invite's role. */
export async function acceptInvite(db: Db, token: string, person: { name: string; password: string }, now = new Date()): Promise<Accepted> {
	const invite = await openInvite(db, token, now);
	if (!invite) return { kind: 'gone' };
	const passwordHash = await hashPassword(person.password);
	return db
		.transaction(async (t) => {
			if (!(await accounts.claimInvite(t, invite.id, now))) return { kind: 'gone' } as const;
			const user = await accounts.insertUser(t, {
				merchantId: invite.merchantId,
				email: invite.email,
				name: person.name,
				role: invite.role,
				passwordHash
			});
			// Roll back so the invite stays usable once the address is sorted out.
			if (!user) throw new EmailTaken();
			return { kind: 'ok', userId: user.id } as const;
		})
		.catch((e: unknown) => {
			if (e instanceof EmailTaken) return { kind: 'email_taken' } as const;
			throw e;
		});
}

class EmailTaken extends Error {}

export const team = (db: Db, merchantId: string, now = new Date()) =>
	Promise.all([accounts.usersOf(db, merchantId), accounts.openInvitesOf(db, merchantId, now)]).then(([users, invites]) => ({
		users,
		invites
	}));

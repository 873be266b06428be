// Users, sessions and invites in the database (SQL via drizzle).
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client';
import { invites, merchants, sessions, users, type Role } from '../db/schema';

export type SessionUser = { id: string; email: string; name: string; role: Role; merchantId: string; merchantName: string };

const sessionUser = {
	id: users.id,
	email: users.email,
	name: users.name,
	role: users.role,
	merchantId: users.merchantId,
	merchantName: merchants.displayName
};

export async function insertSession(db: Db, row: { id: string; userId: string; expiresAt: Date }) {
	await db.insert(sessions).values(row);
}

export async function sessionWithUser(db: Db, sessionId: string) {
	const [row] = await db
		.select({ session: { id: sessions.id, userId: sessions.userId, expiresAt: sessions.expiresAt }, user: sessionUser })
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.innerJoin(merchants, eq(merchants.id, users.merchantId))
		.where(eq(sessions.id, sessionId))
		.limit(1);
	return row;
}

export async function extendSession(db: Db, sessionId: string, expiresAt: Date) {
	await db.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: string) {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function deleteSessionsOfUser(db: Db, userId: string) {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function userByEmail(db: Db, email: string) {
	const [row] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email)).limit(1);
	return row;
}

export async function insertUser(db: Db, row: { merchantId: string; email: string; name: string; role: Role; passwordHash: string }) {
	const [created] = await db.insert(users).values(row).onConflictDoNothing().returning({ id: users.id });
	return created;
}

export async function usersOf(db: Db, merchantId: string) {
	return db
		.select({ id: users.id, name: users.name, email: users.email, role: users.role, createdAt: users.createdAt })
		.from(users)
		.where(eq(users.merchantId, merchantId))
		.orderBy(users.name);
}

export async function insertInvite(
	db: Db,
	row: { merchantId: string; email: string; role: Role; tokenHash: string; createdBy: string; expiresAt: Date }
) {
	const [created] = await db.insert(invites).values(row).returning({ id: invites.id });
	return created;
}

export async function openInvitesOf(db: Db, merchantId: string, now: Date) {
	return db
		.select({ id: invites.id, email: invites.email, role: invites.role, expiresAt: invites.expiresAt })
		.from(invites)
		.where(and(eq(invites.merchantId, merchantId), isNull(invites.usedAt), gt(invites.expiresAt, now)))
		.orderBy(invites.createdAt);
}

export async function inviteByTokenHash(db: Db, tokenHash: string) {
	const [row] = await db
		.select({
			id: invites.id,
			tokenHash: invites.tokenHash,
			merchantId: invites.merchantId,
			merchantName: merchants.displayName,
			email: invites.email,
			role: invites.role,
			expiresAt: invites.expiresAt,
			usedAt: invites.usedAt
		})
		.from(invites)
		.innerJoin(merchants, eq(merchants.id, invites.merchantId))
		.where(eq(invites.tokenHash, tokenHash))
		.limit(1);
	return row;
}

/** Marks an invite used; only one caller can win, even when two tabs accept at once. */
export async function claimInvite(db: Db, inviteId: string, now: Date) {
	const [row] = await db
		.update(invites)
		.set({ usedAt: now })
		.where(and(eq(invites.id, inviteId), isNull(invites.usedAt), gt(invites.expiresAt, now)))
		.returning({ id: invites.id });
	return row;
}

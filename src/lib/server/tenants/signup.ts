// Sign-up: a new merchant with its owner, its legal details and no Mollie yet; the owner's address proven by a
// one-time link before anything is sent to the merchant's debtors. With SIGNUP=closed only an operator's invite opens it.
// One file that talks to the database itself: its tables are used nowhere else.
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { config } from '../config';
import type { Db } from '../db/client';
import { accountMails, emailVerifications, merchantInvites, merchantMollie, merchantSignups, merchants, users } from '../db/schema';
import * as accounts from '../accounts/queries';
import { hashPassword, verifyDummy } from '../accounts/password';
import { hashToken, looksLikeToken, newToken } from '../links/token';
import * as throttle from '../throttle';
import type { FieldErrors, SignUpInput } from './forms';
import { passwordProblem } from './forms';
import { sendAccountMail, type Sent } from './mail';

export const VERIFY_TTL_MS = 48 * 60 * 60 * 1000;
export const INVITE_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** The same kind of limit as sign-in's: counted per client before argon2 runs. */
export const SIGN_UP_LIMIT: throttle.Limit = { scope: 'sign-up-client', limit: 10, windowSeconds: 15 * 60 };

export type SignedUp =
	| { kind: 'ok'; userId: string; merchantId: string; mail: Sent; link: string }
	| { kind: 'invalid'; errors: FieldErrors }
	| { kind: 'closed' }
	| { kind: 'throttled'; retryAfterSeconds: number };

const slugOf = (name: string) =>
	`${
		name
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 40) || 'merchant'
	}-${randomBytes(3).toString('hex')}`;

export async function signUp(db: Db, input: SignUpInput, client: string, now = new Date()): Promise<SignedUp> {
	const invite = config().signup === 'closed' ? await openMerchantInvite(db, input.invite ?? '', now) : null;
	if (config().signup === 'closed' && !invite) return { kind: 'closed' };
	const taken = await throttle.take(db, SIGN_UP_LIMIT, client, now);
	if (!taken.allowed) return { kind: 'throttled', retryAfterSeconds: taken.retryAfterSeconds };
	const weak = passwordProblem(input.password, input.email);
	if (weak) return { kind: 'invalid', errors: { password: weak } };
	if (await accounts.userByEmail(db, input.email)) {
		// As long as a real hash would take, so the answer's timing says no more than the message does.
		await verifyDummy(input.password);
		return { kind: 'invalid', errors: { email: 'tenants_error_email_taken' } };
	}
	const passwordHash = await hashPassword(input.password);
	const token = newToken();
	const made = await db
		.transaction(async (t) => {
			if (invite && !(await claimMerchantInvite(t, invite.id, now))) return null;
			const [merchant] = await t
				.insert(merchants)
				.values({ slug: slugOf(input.company), displayName: input.company, senderName: input.company })
				.returning({ id: merchants.id });
			const user = await accounts.insertUser(t, {
				merchantId: merchant.id,
				email: input.email,
				name: input.name,
				role: 'owner',
				passwordHash
			});
			if (!user) throw new EmailTaken();
			await t.insert(merchantSignups).values({
				merchantId: merchant.id,
				ownerId: user.id,
				legalName: input.legalName,
				address: input.address,
				kvk: input.kvk,
				sepaCreditorName: input.sepaCreditorName
			});
			// Its own Mollie, once connected: never the installation's account.
			await t.insert(merchantMollie).values({ merchantId: merchant.id, method: 'none', state: 'none' });
			await t
				.insert(emailVerifications)
				.values({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + VERIFY_TTL_MS) });
			return { userId: user.id, merchantId: merchant.id };
		})
		.catch((e: unknown) => {
			if (e instanceof EmailTaken) return 'taken' as const;
			throw e;
		});
	if (made === 'taken') return { kind: 'invalid', errors: { email: 'tenants_error_email_taken' } };
	if (!made) return { kind: 'closed' };
	const link = verifyLink(token);
	const mail = await sendVerification(db, input.email, input.name, link);
	return { kind: 'ok', ...made, mail, link };
}

class EmailTaken extends Error {}

const verifyLink = (token: string) => `${config().origin}/console/verify/${token}`;

function sendVerification(db: Db, to: string, name: string, link: string) {
	return sendAccountMail(db, {
		to,
		language: 'nl',
		subject: 'Bevestig je e-mailadres voor Coulant / Confirm your e-mail address',
		text: [
			`Hallo ${name},`,
			'',
			'Bevestig je e-mailadres met deze link (48 uur geldig):',
			link,
			'',
			'Confirm your e-mail address with this link (valid for 48 hours):',
			link,
			'',
			'Heb je je niet aangemeld bij Coulant? Dan kun je deze mail negeren.'
		].join('\n')
	});
}

export type Verified = { kind: 'ok'; merchantId: string } | { kind: 'gone' };

/** Uses the link once: the owner's address is proven, and the merchant may now reach its debtors. */
export async function verify(db: Db, token: string, now = new Date()): Promise<Verified> {
	if (!looksLikeToken(token)) return { kind: 'gone' };
	return db.transaction(async (t) => {
		const [used] = await t
			.update(emailVerifications)
			.set({ usedAt: now })
			.where(
				and(eq(emailVerifications.tokenHash, hashToken(token)), isNull(emailVerifications.usedAt), gt(emailVerifications.expiresAt, now))
			)
			.returning({ userId: emailVerifications.userId });
		if (!used) return { kind: 'gone' } as const;
		const [signup] = await t
			.update(merchantSignups)
			.set({ verifiedAt: sql`coalesce(${merchantSignups.verifiedAt}, ${now.toISOString()}::timestamptz)` })
			.where(eq(merchantSignups.ownerId, used.userId))
			.returning({ merchantId: merchantSignups.merchantId });
		return signup ? ({ kind: 'ok', merchantId: signup.merchantId } as const) : ({ kind: 'gone' } as const);
	});
}

/** A new link for an owner who lost the first; the old ones stay valid until they expire. */
export async function resendVerification(db: Db, userId: string, now = new Date()) {
	const [owner] = await db
		.select({ email: users.email, name: users.name, verifiedAt: merchantSignups.verifiedAt })
		.from(merchantSignups)
		.innerJoin(users, eq(users.id, merchantSignups.ownerId))
		.where(eq(merchantSignups.ownerId, userId));
	if (!owner || owner.verifiedAt) return null;
	const token = newToken();
	await db.insert(emailVerifications).values({ userId, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + VERIFY_TTL_MS) });
	const link = verifyLink(token);
	return { mail: await sendVerification(db, owner.email, owner.name, link), link };
}

/** Merchants that never signed up (the demo's, those from before) count as verified. */
export async function isVerified(db: Db, merchantId: string): Promise<boolean> {
	const [row] = await db
		.select({ verifiedAt: merchantSignups.verifiedAt })
		.from(merchantSignups)
		.where(eq(merchantSignups.merchantId, merchantId));
	return !row || row.verifiedAt !== null;
}

export async function legalDetails(db: Db, merchantId: string) {
	const [row] = await db.select().from(merchantSignups).where(eq(merchantSignups.merchantId, merchantId));
	return row ?? null;
}

/** An operator's invitation (`npm run invite:merchant`): the raw token exists only in the printed link. */
export async function inviteMerchant(db: Db, email: string, now = new Date()) {
	const token = newToken();
	await db
		.insert(merchantInvites)
		.values({ email: email.trim().toLowerCase(), tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + INVITE_TTL_MS) });
	return { link: `${config().origin}/console/sign-up?invite=${token}` };
}

export async function openMerchantInvite(db: Db, token: string, now = new Date()) {
	if (!looksLikeToken(token)) return null;
	const [row] = await db
		.select()
		.from(merchantInvites)
		.where(and(eq(merchantInvites.tokenHash, hashToken(token)), isNull(merchantInvites.usedAt), gt(merchantInvites.expiresAt, now)));
	return row ?? null;
}

async function claimMerchantInvite(db: Db, id: string, now: Date) {
	const rows = await db
		.update(merchantInvites)
		.set({ usedAt: now })
		.where(and(eq(merchantInvites.id, id), isNull(merchantInvites.usedAt)))
		.returning({ id: merchantInvites.id });
	return rows.length === 1;
}

/** The demo's local outbox: the last mail to an address (the verification page shows it, as no mail leaves). */
export async function latestMailTo(db: Db, to: string) {
	const [row] = await db
		.select({ subject: accountMails.subject, text: accountMails.text })
		.from(accountMails)
		.where(eq(accountMails.toAddress, to))
		.orderBy(sql`${accountMails.createdAt} desc`)
		.limit(1);
	return row ?? null;
}

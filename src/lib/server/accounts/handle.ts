// The session handle for hooks.server.ts, and the guards console routes use to get their scope.
import { error, redirect, type Handle } from '@sveltejs/kit';
import { db } from '../db';
import type { Scope } from './scope';
import { SESSION_COOKIE, deleteSessionCookie, setSessionCookie, validateSessionToken } from './session';

export const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	// Only the console uses sessions: debtor pages never pay for a session lookup.
	const path = event.url.pathname;
	if (path !== '/console' && !path.startsWith('/console/')) return resolve(event);
	const token = event.cookies.get(SESSION_COOKIE);
	if (!token) return resolve(event);
	const secure = event.url.protocol === 'https:';
	const valid = await validateSessionToken(await db(), token);
	if (!valid) {
		deleteSessionCookie(event.cookies, secure);
		return resolve(event);
	}
	if (valid.renewed) setSessionCookie(event.cookies, token, valid.session.expiresAt, secure);
	event.locals.user = valid.user;
	event.locals.session = valid.session;
	return resolve(event);
};

/** The signed-in user's scope; anyone else goes to the sign-in page. */
export function requireUser(locals: App.Locals): Scope {
	if (!locals.user) redirect(303, '/console/sign-in');
	return { merchantId: locals.user.merchantId, userId: locals.user.id, role: locals.user.role };
}

/** As requireUser, and only owners: agents get a friendly 403. */
export function requireOwner(locals: App.Locals): Scope {
	const scope = requireUser(locals);
	if (scope.role !== 'owner') error(403, 'owner_only');
	return scope;
}

import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building } from '$app/environment';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { handleSession } from '$lib/server/accounts/handle';
import { limitBody, limitFor } from '$lib/server/bodylimit';
import { config } from '$lib/server/config';
import { addBaseHeadersEverywhere } from '$lib/server/headers';
import { isForgedForm } from '$lib/server/csrf';
import { start } from '$lib/server/startup';
import { speak } from '$lib/server/portal/locale';
import { dirOf, toConsoleLocale } from '$lib/schemas/locale';
import { warmDebtorRoutes } from '$lib/server/warm';

export const init: ServerInit = async () => {
	// Prerendering at build time needs no database.
	if (building) return;
	addBaseHeadersEverywhere(config().origin);
	await start();
	if (config().role !== 'worker') await warmDebtorRoutes();
};

const bodyLimit: Handle = ({ event, resolve }) => {
	const limited = limitBody(event.request, limitFor(event.route.id, config().importBodyLimit));
	if (limited instanceof Response) return limited;
	event.request = limited;
	return resolve(event);
};

const csrf: Handle = ({ event, resolve }) => {
	// The API and webhooks are called server to server and authenticate otherwise (or not at all, like Mollie); a
	// message's stop link is posted to by mail clients (RFC 8058 one-click), its token the only authority it needs.
	const exempt = event.url.pathname.startsWith('/api/') || event.url.pathname.startsWith('/u/');
	if (!exempt && isForgedForm(event.request, event.url)) {
		return new Response('Cross-site form submissions are refused.', { status: 403 });
	}
	return resolve(event);
};

const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		// The console speaks Dutch and English only, whatever language a debtor page left in the cookie.
		if (event.route.id?.startsWith('/(console)')) speak(event.locals, toConsoleLocale(locale));
		// A debtor page may switch to the debtor's own language once it knows them: read the locale when the page is sent.
		return resolve(event, { transformPageChunk: ({ html }) => withLang(html, event.locals.locale) });
	});

/**
 * The document's lang and dir, both in app.html's <html> tag: only that tag is rewritten and the rest joined on, where
 * replacing in the whole page copied all of it twice per view.
 */
function withLang(html: string, locale: string): string {
	const end = html.indexOf('>', html.indexOf('<html')) + 1;
	return html.slice(0, end).replace('%paraglide.lang%', locale).replace('%lang.dir%', dirOf(locale)) + html.slice(end);
}

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	// The personal token is in the URL: it must never travel on as a Referer.
	h.set('Referrer-Policy', 'no-referrer');
	h.set('X-Content-Type-Options', 'nosniff');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	if (event.route.id?.startsWith('/(debtor)')) {
		h.set('Cache-Control', 'private, no-store');
		h.set('X-Robots-Tag', 'noindex, nofollow');
		h.append('Vary', 'Cookie, Accept-Language');
	}
	if (event.route.id?.startsWith('/(console)')) {
		// Console pages show debtors' data and one-time links: never kept by a cache.
		h.set('Cache-Control', 'private, no-store');
		h.set('X-Robots-Tag', 'noindex, nofollow');
	}
	return response;
};

export const handle = sequence(bodyLimit, csrf, i18n, handleSession, securityHeaders);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) {
		// Log the route pattern, never the URL: debtor URLs carry their token.
		console.error(`Unexpected error on ${event.route.id ?? 'unknown route'}:`, error);
	}
	return { message: 'error' };
};

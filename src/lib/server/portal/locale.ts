// The debtor's language on their pages: chosen by the one rule (domain/locale), kept in the cookie paraglide reads.
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { chooseLocale } from '../../domain/locale';
import { cookieName, getServerAsyncLocalStorage } from '../../paraglide/runtime';
import type { Locale } from '../../schemas/locale';

export function rememberLocale(cookies: Cookies, locale: string, url: URL) {
	cookies.set(cookieName, locale, {
		path: '/',
		maxAge: 60 * 60 * 24 * 365,
		sameSite: 'lax',
		httpOnly: false,
		secure: url.protocol === 'https:'
	});
}

/**
 * Speak `locale` for the rest of this request: the paraglide request context (every `m.*()` and `getLocale()` after
 * this reads it) and `locals.locale` (the document's lang and dir are written from it when the page is sent).
 */
export function speak(locals: App.Locals, locale: Locale) {
	const store = getServerAsyncLocalStorage()?.getStore();
	if (store) store.locale = locale;
	locals.locale = locale;
}

/**
 * Once the debtor is known (their page, plan or message form): their stored language wins (import, API or their own
 * choice), then this browser's choice, Accept-Language, the merchant's default (what the import stored when it was
 * given no language). The cookie follows, so the pages that
 * know only a payment (the return from the bank) speak it too.
 */
export function speakToDebtor(
	event: Pick<RequestEvent, 'locals' | 'cookies' | 'request' | 'url'>,
	page: { locale: string | null; defaultLocale?: string | null }
) {
	const { locals, cookies, request, url } = event;
	const chosen = cookies.get(cookieName);
	const locale = chooseLocale({
		debtor: page.locale,
		chosen,
		acceptLanguage: request.headers.get('accept-language'),
		merchant: page.defaultLocale
	});
	if (locale !== locals.locale) speak(locals, locale);
	if (locale !== chosen) rememberLocale(cookies, locale, url);
	return locale;
}

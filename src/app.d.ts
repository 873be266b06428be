// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Locals {
			locale: import('$lib/paraglide/runtime').Locale;
			/** The signed-in console user (console routes only), or null. */
			user: import('$lib/server/accounts/session').SessionUser | null;
			session: import('$lib/server/accounts/session').Session | null;
		}
	}
}

export {};

// Just enough of SvelteKit's cookie jar for the debtor page's privacy check.
import type { Cookies } from '@sveltejs/kit';

/** A jar that keeps what is set in it; `options` holds the options each cookie was last set with, by name. */
export function jar(): Cookies & { options: Record<string, unknown> } {
	const values = new Map<string, string>();
	const options: Record<string, unknown> = {};
	return {
		options,
		get: (name: string) => values.get(name),
		getAll: () => [...values].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string, opts: Record<string, unknown>) => {
			values.set(name, value);
			options[name] = opts;
		},
		delete: (name: string) => void values.delete(name),
		serialize: () => ''
	} as unknown as Cookies & { options: Record<string, unknown> };
}

// The webhooks page's form problems, from the message keys the server hands back.
import { m } from '$lib/paraglide/messages';

const problems = {
	hooks_error_url: m.hooks_error_url,
	hooks_error_https: m.hooks_error_https,
	hooks_error_address: m.hooks_error_address,
	hooks_error_events: m.hooks_error_events,
	hooks_error_not_found: m.hooks_error_not_found
} as const;

export function hookProblem(key: string | undefined): string | undefined {
	if (!key) return undefined;
	return (problems[key as keyof typeof problems] ?? m.console_error_generic)();
}

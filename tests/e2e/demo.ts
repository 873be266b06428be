// The demo links printed by the server in global setup, by debtor name.
export function demoLink(name: string): string {
	const links = JSON.parse(process.env.E2E_DEMO_LINKS ?? '{}') as Record<string, string>;
	const url = links[name];
	if (!url) throw new Error(`no demo link for ${name}; printed: ${Object.keys(links).join(', ')}`);
	return new URL(url).pathname;
}

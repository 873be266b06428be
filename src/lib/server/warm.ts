// Loads the debtor pages' modules while the server starts, not on the first debtor's request: SvelteKit imports a
// route's code when it is first asked for, which made the first page after start-up take a second.
const debtorRoutes = import.meta.glob([
	'/src/routes/+layout.svelte',
	'/src/routes/(debtor)/**/+page.svelte',
	'/src/routes/(debtor)/**/+page.server.ts',
	'/src/routes/(debtor)/**/+layout.svelte',
	'/src/routes/(debtor)/**/+layout.ts',
	'/src/routes/(debtor)/**/+layout.server.ts'
]);

export async function warmDebtorRoutes(): Promise<number> {
	const loaders = Object.values(debtorRoutes);
	await Promise.all(loaders.map((load) => load()));
	return loaders.length;
}

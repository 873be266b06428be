// Prepares, while the server starts, what the first debtor page after start-up would otherwise do for the first time:
// SvelteKit imports a route's code when it is first asked for, the video's composition version reads the video's
// sources, its props schema and transcript run cold, and the page's statement is parsed and planned on first use.
// Together these made the first page after start-up take 0.4–1.9 s. Nothing here reads or writes a debtor's data.
import { db } from './db';
import { methodsFor } from './payments/mollie';
import * as portal from './portal/queries';
import { describeVideo } from './video/service';
import { compositionVersion } from './video/version';

const debtorRoutes = import.meta.glob([
	'/src/routes/+layout.svelte',
	'/src/routes/(debtor)/**/+page.svelte',
	'/src/routes/(debtor)/**/+page.server.ts',
	'/src/routes/(debtor)/**/+layout.svelte',
	'/src/routes/(debtor)/**/+layout.ts',
	'/src/routes/(debtor)/**/+layout.server.ts'
]);

const NOBODY = '00000000-0000-0000-0000-000000000000';

export async function warmDebtorRoutes(): Promise<number> {
	const loaders = Object.values(debtorRoutes);
	await Promise.all(loaders.map((load) => load()));
	// A made-up debtor's video description: the composition version (cached from then on), zod and the transcript.
	compositionVersion();
	describeVideo(
		{
			debtorId: NOBODY,
			merchantId: NOBODY,
			name: 'Voorbeeld',
			locale: 'nl',
			merchantName: 'Voorbeeld',
			tone: 'friendly',
			brandColor: '#1f6f5c',
			accentColor: '#f2b134',
			logo: null,
			logoType: null,
			policy: null,
			story: {
				total: { amountCents: 10_000, currency: 'EUR' },
				invoices: 1,
				since: '2026-01-01',
				planOffered: true,
				fromMonthly: { amountCents: 2_500, currency: 'EUR' },
				moreTime: true
			}
		},
		'nl'
	);
	// The page's statement for a link that cannot exist: prepared on a connection, and nothing found, so nothing written.
	const now = new Date();
	const database = await db();
	await portal.openByTokenHash(database, { tokenHash: '-', locale: 'nl', at: now, notBefore: now, privacyConfirmed: false });
	// The payment methods of the merchants whose pages are likely asked first (cached for a while afterwards), in the
	// background: a slow or unreachable Mollie never holds up the start.
	void warmPaymentMethods(database).catch((e: unknown) => console.warn(`warming payment methods: ${String(e)}`));
	return loaders.length;
}

const WARM_MERCHANTS = 20;

async function warmPaymentMethods(database: Awaited<ReturnType<typeof db>>) {
	for (const merchantId of await portal.merchantsWithLiveLinks(database, WARM_MERCHANTS)) {
		await methodsFor({ db: database, merchantId }, 'EUR');
	}
}

// What the server does once when it starts: database ready, the Mollie stand-in if no key, demo data and links.
import { config } from './config';
import { database } from './db';
import { seedDemo } from './demo/seed';
import { installStandin } from './mollie-standin/install';
import { followOpenPayments } from './payments/follow';

export async function start(log: (line: string) => void = console.log) {
	const c = config();
	const { db, kind } = await database();
	log(`Coulant: database ready (${kind === 'pglite' ? `PGlite in ${c.pgliteDir}` : 'PostgreSQL'})`);
	if (!c.mollieApiKey) {
		installStandin({ db, origin: c.origin, now: () => new Date() });
		log(`Coulant: payments go to the local Mollie stand-in (set MOLLIE_API_KEY for Mollie itself)`);
	}
	followOpenPayments(db);
	if (!c.demo) return;
	const demo = await seedDemo(db, c.linkTtlDays);
	// Demo mode only: these are throw-away demo debtors, printed so a newcomer can open them.
	log('Coulant demo: personal links for the demo debtors');
	for (const d of demo) log(`  ${d.name.padEnd(36)} ${c.origin}/d/${d.token}   (${d.situation})`);
}

// What the server does once when it starts: database ready, demo data, the demo links printed.
import { config } from './config';
import { database } from './db';
import { seedDemo } from './demo/seed';

export async function start(log: (line: string) => void = console.log) {
	const c = config();
	const { db, kind } = await database();
	log(`Coulant: database ready (${kind === 'pglite' ? `PGlite in ${c.pgliteDir}` : 'PostgreSQL'})`);
	if (!c.demo) return;
	const demo = await seedDemo(db, c.linkTtlDays);
	// Demo mode only: these are throw-away demo debtors, printed so a newcomer can open them.
	log('Coulant demo: personal links for the demo debtors');
	for (const d of demo) log(`  ${d.name.padEnd(36)} ${c.origin}/d/${d.token}   (${d.situation})`);
}

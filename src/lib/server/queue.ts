// The job queue: pg-boss in the same database as everything else (PostgreSQL, or PGlite in the demo),
// so a job is never lost by a restart and never done twice by two processes.
import { PgBoss, fromPglite } from 'pg-boss';
import type { Database } from './db/client';

export type Queue = PgBoss;

export async function startQueue(database: Database, options: { supervise?: boolean } = {}): Promise<Queue> {
	const boss =
		database.kind === 'pglite'
			? new PgBoss({ db: fromPglite(database.pglite! as never), backend: 'pglite', schema: 'pgboss', supervise: options.supervise ?? true })
			: new PgBoss({ connectionString: database.url!, schema: 'pgboss', max: 4, supervise: options.supervise ?? true });
	boss.on('error', (e) => console.error('job queue:', e.message));
	await boss.start();
	return boss;
}
